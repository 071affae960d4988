// API token secrets: random, shown once, kept only as a SHA-256 digest.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const MIN_TOKEN_LENGTH = 16;

/** 192 random bits; the prefix makes a leaked token easy to recognise in logs and secret scanners. */
export const newToken = (): string => `bm_${randomBytes(24).toString('base64url')}`;

export const tokenDigest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Constant-time equality of two hex digests of the same length. */
export const sameDigest = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
