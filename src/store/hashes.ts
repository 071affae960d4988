// The record chain's hashes: one definition for writing and for verifying.
import { canonicalJson, sha256 } from '../canonical.js';
import type { LogEntry } from '../domain/records.js';

export const GENESIS = `sha256:${'0'.repeat(64)}`;

type Event = Omit<LogEntry, 'prev_hash' | 'hash'>;

/** hash = sha256(prev_hash ‖ canonical JSON of the event). */
export const entryHash = (prev: string, e: Event): string => chainHash(prev, e, canonicalJson(e.payload));

/** An entry's keys, in canonical order. */
const ENTRY_KEYS = ['action', 'actor', 'at', 'payload', 'seq', 'target'] as const;

/**
 * The same hash, from the payload's canonical text (what the log stores): the entry's canonical JSON is put together
 * around it, so an appender computes the text once and hashes once it knows `prev` and `seq`.
 */
export function chainHash(prev: string, e: Omit<Event, 'payload'>, payloadText: string): string {
  let json = '{';
  for (const key of ENTRY_KEYS) {
    const text = key === 'payload' ? payloadText : canonicalJson(e[key]);
    if (text !== undefined) json += `${json.length > 1 ? ',' : ''}"${key}":${text}`;
  }
  return sha256(`${prev}${json}}`);
}

/** What an assessment row's content is pinned to: its submission and its result. */
export const contentHash = (r: { submission: unknown; assessment: unknown }): string => sha256(canonicalJson({ submission: r.submission, assessment: r.assessment }));

/** What a token's create entry pins instead of the digest itself (half a credential stays out of the log). */
export const tokenFingerprint = (digest: string): string => sha256(`token:${digest}`);
