// Every bundled rubric is faithful to its source: each line of every indicator's text is a verbatim
// sentence of the cited transcription and of the cleaned original, every citation names a part, and every rubric
// has fixtures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRubrics, PACKAGE_ROOT } from '../../src/rubric/load.js';

const listing = await listRubrics();
const rubrics = listing.flatMap((l) => (l.rubric ? [l.rubric] : []));
const read = (file: string) => readFileSync(join(PACKAGE_ROOT, file), 'utf8');

describe('bundled rubrics', () => {
  it('all load without problems', () => {
    expect(listing.filter((l) => l.error).map((l) => [l.file, l.error!.problems])).toEqual([]);
  });

  describe.each(rubrics.map((r) => [r.id, r] as const))('%s', (_id, r) => {
    it('quotes every indicator verbatim from the cited transcription and from the cleaned original itself', () => {
      const misquoted: string[] = [];
      for (const ind of r.indicators) {
        const source = read(ind.source.file);
        // The original, not the transcription, so nothing from a transcriber's notes can pass as a quotation.
        const original = read(ind.source.file.replace(/\.md$/, '.txt'));
        for (const line of ind.text.split('\n')) {
          if (line === '' || line !== line.trim()) misquoted.push(`${ind.id}: blank or padded line ${JSON.stringify(line)}`);
          else if (!source.includes(line)) misquoted.push(`${ind.id}: not in ${ind.source.file}: ${line}`);
          else if (!original.includes(line)) misquoted.push(`${ind.id}: not in the original: ${line}`);
        }
      }
      expect(misquoted).toEqual([]);
    });

    it('every heading a hierarchical citation names (heading › heading › item) is in the cited transcription', () => {
      const missing: string[] = [];
      for (const ind of r.indicators) {
        const source = read(ind.source.file);
        for (const heading of ind.source.part.split(' › ').slice(0, -1)) if (!source.includes(heading)) missing.push(`${ind.id}: ${heading}`);
      }
      expect(missing).toEqual([]);
    });

    it('cites a part for every indicator and gives inspection guidance', () => {
      for (const ind of r.indicators) {
        expect(ind.source.part.trim().length, ind.id).toBeGreaterThan(0);
        expect(ind.guidance.evidence.length, ind.id).toBeGreaterThan(0);
      }
    });

    it('keeps the cleaned original beside the transcription', () => {
      expect(existsSync(join(PACKAGE_ROOT, r.definition.source.file.replace(/\.md$/, '.txt')))).toBe(true);
    });

    it('has fixtures', () => {
      const dir = join(PACKAGE_ROOT, 'fixtures', r.id);
      expect(existsSync(dir) ? readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f)).length : 0).toBeGreaterThanOrEqual(3);
    });
  });
});
