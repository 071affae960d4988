// Workbooks written by other programs import with the right outcome: files filled in by openpyxl here and now, and
// the files in fixtures/excel/ that openpyxl and LibreOffice wrote (tests/support/program-fixtures.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { importWorkbook } from '../../src/excel/import.js';
import { buildBulkTemplate, buildTemplate } from '../../src/excel/template.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { expectedSubmissions, PROGRAM_FIXTURES } from '../support/program-fixtures.js';
import { fillWithOpenpyxl, hasOpenpyxl, typedAnswers, typedRow } from '../support/programs.js';
import { answersFor, fixture, rubric } from '../support/rubrics.js';
import { column, fieldRow, load } from '../support/workbooks.js';

const r = await rubric('township-center-2022');
const county = await rubric('county-monthly-assessment');
const resolve = (id: string) => (id === r.id ? r : id === county.id ? county : undefined);
const json = (id: string, name: string) => JSON.parse(readFileSync(fixture(id, `${name}.json`), 'utf8'));
const town = { code: '330299102000', name: '西岭镇便民服务中心', level: 'township' as const };
const village = { code: '330299101201', name: '东湖村便民服务室', level: 'village' as const };

describe.skipIf(!hasOpenpyxl)('files filled in and saved by openpyxl', () => {
  it('a single template: every answer comes back', async () => {
    const sub = { ...json(r.id, 'neither'), unit: town, period: '2026-11' };
    const bytes = fillWithOpenpyxl(await buildTemplate(r, { unit: town, period: '2026-11' }), { single: typedAnswers(r, sub) });
    const res = await importWorkbook(bytes, { resolve });
    expect(res.problems).toEqual([]);
    const { inspector: _i, inspected_on: _d, ...header } = sub;
    expect(res.submissions[0]).toEqual({ ...header, answers: (await expectedSubmissions({ file: '', program: 'openpyxl', rubric: r.id, kind: 'single', from: [{ fixture: 'neither', unit: town }] }))[0]!.answers });
    expect(assess(r, res.submissions[0]).tier).toBe(null);
  });

  it('a bulk sheet with header notes: openpyxl writes them with absolute part names, and it imports', async () => {
    const subs = [{ ...json(county.id, 'good'), unit: town, period: '2026-11' }, { ...json(county.id, 'excellent'), unit: village, period: '2026-11' }];
    for (const s of subs) s.answers = answersFor(county, Object.fromEntries(Object.entries(s.answers).filter(([id]) => county.byId.get(id)!.levels.includes(s.unit.level))), s.period);
    const bytes = fillWithOpenpyxl(await buildBulkTemplate(county, { period: '2026-11' }), { bulk: subs.map((s) => typedRow(county, s)) });
    const rels = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/_rels/sheet2.xml.rels')!.async('string');
    expect(rels).toContain('Target="/xl/comments/comment1.xml"');
    const res = await importWorkbook(bytes, { resolve });
    expect(res.problems).toEqual([]);
    expect(res.submissions.map((s) => [s.unit.code, assess(county, s).grade!.label])).toEqual([[town.code, assess(county, subs[0]).grade!.label], [village.code, '优秀']]);
  });

  it('a mistake typed by a script is reported at its cell', async () => {
    const template = await buildTemplate(r, { unit: town, period: '2026-11' });
    const bytes = fillWithOpenpyxl(template, { single: { '1': '可能', '4': 160 } });
    const res = await importWorkbook(bytes, { resolve });
    const ws = (await load(template)).getWorksheet('检查表')!;
    expect(res.problems).toMatchObject([{ code: 'UNREADABLE_CELL', indicator: '1', sheet: '检查表', cell: ws.getCell(fieldRow(ws, '1'), column(ws, 'answer')).address, value: '可能' }]);
  });
});

describe('fixtures written by openpyxl and by LibreOffice import with the right outcome', () => {
  it.each(PROGRAM_FIXTURES.map((f) => [f.file, f] as const))('%s', async (file, f) => {
    const rr = (await rubric(f.rubric))!;
    const res = await importWorkbook(readFileSync(join(PACKAGE_ROOT, file)), { resolve }).catch((e: unknown) => {
      if (e instanceof AuditError && e.problems[0]?.code === 'TEMPLATE_MISMATCH') throw new Error(`${file} was made from a template of another version of ${f.rubric}: run npm run fixtures:excel`);
      throw e;
    });
    expect(res.kind).toBe(f.kind);
    expect(res.problems).toEqual([]);
    expect(res.submissions).toEqual(await expectedSubmissions(f));
    for (const s of res.submissions) expect(() => assess(rr, s)).not.toThrow();
  });

  it('the openpyxl bulk fixture carries the absolute relationship targets that exceljs cannot read on its own', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(PACKAGE_ROOT, 'fixtures/excel/openpyxl-bulk.xlsx')));
    expect(await zip.file('xl/worksheets/_rels/sheet2.xml.rels')!.async('string')).toMatch(/Target="\/xl\/comments\/comment1\.xml"/);
    // openpyxl's own name for the VML drawing of the notes (it signs the file as Microsoft Excel).
    expect(Object.keys(zip.files)).toContain('xl/drawings/commentsDrawing1.vml');
  });

  it('the LibreOffice fixtures were saved by LibreOffice', async () => {
    for (const name of ['libreoffice-single', 'libreoffice-bulk']) {
      const zip = await JSZip.loadAsync(readFileSync(join(PACKAGE_ROOT, `fixtures/excel/${name}.xlsx`)));
      expect(await zip.file('docProps/app.xml')!.async('string'), name).toContain('LibreOffice');
    }
  });
});
