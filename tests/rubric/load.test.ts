import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { DEFAULT_RUBRICS_DIR, listRubrics, loadRubricFile, loadRubricSet, PACKAGE_ROOT, resolveRubric } from '../../src/rubric/load.js';

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
    mkdirSync(join(dir, 'standards'));
    copyFileSync(join(PACKAGE_ROOT, 'standards/township-center-58-indicators.md'), join(dir, 'standards/township-center-58-indicators.md'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, readFileSync(join(DEFAULT_RUBRICS_DIR, 'township-center-2022.yaml'), 'utf8').replace('part: (一)规范服务场所建设 › 统一名称规范 › 第1项', 'part: x').replace(/file: standards\/township-center-58-indicators\.md\n(\s+)part: x/, 'file: standards/missing.md\n$1part: x'));
    const err = await loadRubricFile(file).catch((e) => e as AuditError);
    expect(err).toBeInstanceOf(AuditError);
    expect((err as AuditError).problems).toMatchObject([{ code: 'CITATION_MISSING', path: '/sections/0/sections/0/indicators/0/source/file' }]);
    expect((err as AuditError).problems[0]!.line).toBeGreaterThan(0);
  });

  it('a rubrics directory with one broken file still lists the good ones and reports the bad one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rubrics-'));
    mkdirSync(join(dir, 'standards'));
    copyFileSync(join(PACKAGE_ROOT, 'standards/township-center-58-indicators.md'), join(dir, 'standards/township-center-58-indicators.md'));
    copyFileSync(join(DEFAULT_RUBRICS_DIR, 'township-center-2022.yaml'), join(dir, 'township-center-2022.yaml'));
    writeFileSync(join(dir, 'broken.yaml'), 'id: [\n');
    const listing = await listRubrics(dir);
    expect(listing.map((l) => (l.rubric ? l.rubric.id : l.error!.code))).toEqual(['RUBRIC_INVALID', 'township-center-2022']);
  });

  describe('a county rubric outside the package', () => {
    // my-county.yaml beside standards/my-county.md, in a folder of the county's own.
    const county = () => {
      const dir = mkdtempSync(join(tmpdir(), 'county-'));
      mkdirSync(join(dir, 'standards'));
      writeFileSync(join(dir, 'standards/my-county.md'), '# 某县便民服务站考核细则\n\n## 一、场所\n\n1. 便民服务站应设在村委会一楼。\n2. 每发现一次脱岗扣2分。\n');
      const yaml = readFileSync(join(PACKAGE_ROOT, 'tests/support/my-county.yaml'), 'utf8');
      writeFileSync(join(dir, 'my-county.yaml'), yaml);
      return { dir, yaml };
    };

    it('validates and loads with its citations relative to its own folder', async () => {
      const { dir } = county();
      const r = await loadRubricFile(join(dir, 'my-county.yaml'));
      expect(r.id).toBe('my-county');
      expect(r.indicators.map((i) => i.id)).toEqual(['1', '2']);
    });

    it('refuses a quotation that is not in the cited transcription, naming the YAML line', async () => {
      const { dir, yaml } = county();
      writeFileSync(join(dir, 'my-county.yaml'), yaml.replace('便民服务站应设在村委会一楼。', '便民服务站应设在村委会二楼。'));
      const err = (await loadRubricFile(join(dir, 'my-county.yaml')).catch((e) => e)) as AuditError;
      expect(err.problems).toMatchObject([{ code: 'QUOTE_NOT_FOUND', path: '/sections/0/indicators/0/text', indicator: '1', line: yaml.split('\n').findIndex((l) => l.includes('应设在村委会一楼')) + 1 }]);
    });

    it('refuses a number without a plausible ceiling, naming the YAML line, and a 1e308 answer once the ceiling is written', async () => {
      const { dir, yaml } = county();
      const unbounded = yaml.replace('check: { kind: boolean }', 'check: { kind: number, unit: 平方米, minimum: 0, threshold: { op: ">=", value: 30 } }');
      writeFileSync(join(dir, 'my-county.yaml'), unbounded);
      const err = (await loadRubricFile(join(dir, 'my-county.yaml')).catch((e) => e)) as AuditError;
      const line = unbounded.split('\n').findIndex((l) => l.includes('kind: number')) + 1;
      expect(err.problems).toMatchObject([{ code: 'BOUNDS', path: '/sections/0/indicators/0/check/maximum', indicator: '1', line, message: expect.stringContaining('maximum') }]);
      writeFileSync(join(dir, 'my-county.yaml'), unbounded.replace('minimum: 0,', 'minimum: 0, maximum: 10000,'));
      const r = await loadRubricFile(join(dir, 'my-county.yaml'));
      expect(() => assess(r, { rubric: r.id, unit: { code: 'v1', name: '某村', level: 'village' }, period: '2026-11', answers: { '1': 1e308, '2': 0 } })).toThrow(
        expect.objectContaining({ problems: [expect.objectContaining({ code: 'OUT_OF_RANGE', path: '/answers/1' })] }),
      );
      expect(assess(r, { rubric: r.id, unit: { code: 'v1', name: '某村', level: 'village' }, period: '2026-11', answers: { '1': 45, '2': 0 } }).score).toBe(100);
    });

    it('refuses a citation of a file the county did not keep beside it', async () => {
      const { dir } = county();
      const err = (await loadRubricFile(join(dir, '..', 'elsewhere.yaml')).catch((e) => e)) as AuditError;
      expect(err.problems[0]!.code).toBe('FILE_UNREADABLE');
      writeFileSync(join(dir, 'standards/my-county.md'), '');
      const missing = (await loadRubricFile(join(dir, 'my-county.yaml')).catch((e) => e)) as AuditError;
      expect(missing.problems.map((p) => p.code)).toEqual(['QUOTE_NOT_FOUND', 'QUOTE_NOT_FOUND']);
    });
  });

  it('a county folder (RUBRICS_DIR) adds its rubrics beside the bundled ones, never replacing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rubrics-dir-'));
    mkdirSync(join(dir, 'standards'));
    writeFileSync(join(dir, 'standards/my-county.md'), '# 某县便民服务站考核细则\n\n## 一、场所\n\n1. 便民服务站应设在村委会一楼。\n2. 每发现一次脱岗扣2分。\n');
    copyFileSync(join(PACKAGE_ROOT, 'tests/support/my-county.yaml'), join(dir, 'my-county.yaml'));
    writeFileSync(join(dir, 'clash.yaml'), readFileSync(join(PACKAGE_ROOT, 'tests/support/my-county.yaml'), 'utf8').replace('id: my-county', 'id: township-center-2022'));
    const { rubrics, refused } = await loadRubricSet([DEFAULT_RUBRICS_DIR, dir]);
    expect(rubrics.get('my-county')!.version).toBe('2026.1');
    expect(rubrics.get('township-center-2022')!.version).toBe('2022.2');
    expect(refused).toEqual([expect.stringContaining('评分标准 id“township-center-2022”已由先加载的文件使用，未加载')]);
  });
});
