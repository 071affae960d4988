// src/canonical.ts hashes a rubric with node:crypto's createHash('sha256'); in the browser the same digest comes
// from @noble/hashes (audited, pure JS), so a rubric's hash computed here equals the one the server stores.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function createHash(algorithm: string) {
  if (algorithm !== 'sha256') throw new Error(`only sha256 is available in the browser, not ${algorithm}`);
  const h = sha256.create();
  return {
    update(text: string, _encoding?: 'utf8') {
      h.update(utf8ToBytes(text));
      return this;
    },
    digest(_encoding: 'hex') {
      return bytesToHex(h.digest());
    },
  };
}
