import { mkdtempSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditError } from '../../src/errors.js';
import { DEFAULT_RUBRICS_DIR, listRubrics, loadRubricFile, resolveRubric } from '../../src/rubric/load.js';

describe('loading rubrics from disk', () => {
  it('resolves a rubric by id and by path to the same content', async () => {
    const byId = await resolveRubric('township-center-2022');
    const byPath = await resolveRubric(join(DEFAULT_RUBRICS_DIR, 'township-center-2022.yaml'));
    expect(byPath.hash).toBe(byId.hash);
  });

  it('every bundled rubric loads', async () => {
    const listing = await listRubrics();
    expect(listing.filter((l) => l.error).map((l) => l.error!.problems)).toEqual([]);
    expect(listing.map((l) => l.rubric!.id)).toContain('township-center-2022');
  });

  it('a missing rubric is refused and the available ids are named', async () => {
    await expect(resolveRubric('no-such-rubric')).rejects.toMatchObject({ code: 'RUBRIC_NOT_FOUND' });
    await expect(resolveRubric('no-such-rubric')).rejects.toSatisfy((e: AuditError) => e.problems[0]!.message.includes('township-center-2022'));
  });

  it('a missing file is reported with its path', async () => {
    await expect(loadRubricFile('/nonexistent/x.yaml')).rejects.toSatisfy(
      (e: AuditError) => e.problems[0]!.code === 'FILE_UNREADABLE' && e.problems[0]!.message.includes('找不到文件'),
    );
  });

  it('a rubric citing a transcription that is not in standards/ is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rubric-'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, readFileSync(join(DEFAULT_RUBRICS_DIR, 'township-center-2022.yaml'), 'utf8').replace('part: (一)规范服务场所建设 › 统一名称规范 › 第1项', 'part: x').replace(/file: standards\/township-center-58-indicators\.md\n(\s+)part: x/, 'file: standards/missing.md\n$1part: x'));
    const err = await loadRubricFile(file).catch((e) => e as AuditError);
    expect(err).toBeInstanceOf(AuditError);
    expect((err as AuditError).problems).toMatchObject([{ code: 'CITATION_MISSING', path: '/sections/0/sections/0/indicators/0/source/file' }]);
    expect((err as AuditError).problems[0]!.line).toBeGreaterThan(0);
  });

  it('a rubrics directory with one broken file still lists the good ones and reports the bad one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rubrics-'));
    copyFileSync(join(DEFAULT_RUBRICS_DIR, 'township-center-2022.yaml'), join(dir, 'township-center-2022.yaml'));
    writeFileSync(join(dir, 'broken.yaml'), 'id: [\n');
    const listing = await listRubrics(dir);
    expect(listing.map((l) => (l.rubric ? l.rubric.id : l.error!.code))).toEqual(['RUBRIC_INVALID', 'township-center-2022']);
  });
});
