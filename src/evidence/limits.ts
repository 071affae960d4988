// How large evidence may be: read by the routes and services in the main thread, which thereby need not load the
// image decoders that check.ts (run in the import worker) uses.
export const EVIDENCE_LIMITS = {
  /** One file. */
  fileBytes: 10 * 1024 * 1024,
  /** All files of one record, or of one order. */
  totalBytes: 50 * 1024 * 1024,
  /** Pixels an image may have (a phone photo is 12 to 50 million). */
  megapixels: 50,
} as const;
