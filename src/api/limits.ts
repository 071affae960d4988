/** What one request may cost. The 413 message quotes these, so they live apart from the app that applies them. */
export const LIMITS = { bodyBytes: 2 * 1024 * 1024, fileBytes: 20 * 1024 * 1024, requestMs: 60_000, perMinute: 1200, authFailuresPerMinute: 30, problemsListed: 100, drainMs: 2_000 } as const;

export const MIB = (bytes: number): string => `${bytes / 1024 / 1024} MiB`;
