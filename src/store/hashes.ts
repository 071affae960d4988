// The record chain's hashes: one definition for writing and for verifying.
import { canonicalJson, sha256 } from '../canonical.js';
import type { LogEntry } from '../domain/records.js';

export const GENESIS = `sha256:${'0'.repeat(64)}`;

/** hash = sha256(prev_hash ‖ canonical JSON of the event). */
export const entryHash = (prev: string, e: Omit<LogEntry, 'prev_hash' | 'hash'>): string => sha256(prev + canonicalJson(e));

/** What an assessment row's content is pinned to: its submission and its result. */
export const contentHash = (r: { submission: unknown; assessment: unknown }): string => sha256(canonicalJson({ submission: r.submission, assessment: r.assessment }));

/** What a token's create entry pins instead of the digest itself (half a credential stays out of the log). */
export const tokenFingerprint = (digest: string): string => sha256(`token:${digest}`);
