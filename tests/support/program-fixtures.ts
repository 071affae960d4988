// Workbooks written by other programs, kept in fixtures/excel/ so the importer is tested on their real bytes:
// templates filled in and saved by openpyxl, and by LibreOffice Calc. Each entry says what it was made from, so a
// test can say what importing it must give. Regenerate (after a rubric changes, which changes its templates):
//   npm run fixtures:excel        (needs /usr/bin/python3 with python3-openpyxl, and soffice)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAnswer } from '../../src/engine/answers.js';
import { buildBulkTemplate, buildTemplate } from '../../src/excel/template.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import type { Submission } from '../../src/schema/generated/submission.js';
import { fillWithOpenpyxl, typedRow, typedAnswers } from './programs.js';
import { answersFor, rubric } from './rubrics.js';
import { fillSingle, load, named, save, throughLibreOffice } from './workbooks.js';

type Unit = Submission['unit'];
const demo = (code: string): Unit => {
  const u = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures/units.json'), 'utf8')) as Array<Unit & { parent: unknown }>).find((x) => x.code === code)!;
  return { code: u.code, name: u.name, level: u.level };
};

export interface ProgramFixture {
  file: string;
  program: 'openpyxl' | 'libreoffice';
  rubric: string;
  kind: 'single' | 'bulk';
  /** Fixture submissions (rubric/name) filled in, each for a unit of the demo county, in November 2026. */
  from: ReadonlyArray<{ fixture: string; unit: Unit }>;
}

export const PROGRAM_FIXTURES: readonly ProgramFixture[] = [
  { file: 'fixtures/excel/openpyxl-single.xlsx', program: 'openpyxl', rubric: 'township-center-2022', kind: 'single', from: [{ fixture: 'standard', unit: demo('330299102000') }] },
  {
    file: 'fixtures/excel/openpyxl-bulk.xlsx',
    program: 'openpyxl',
    rubric: 'county-monthly-assessment',
    kind: 'bulk',
    from: [
      { fixture: 'good', unit: demo('330299101000') },
      { fixture: 'vetoed', unit: demo('330299102000') },
      { fixture: 'excellent', unit: demo('330299101201') },
      { fixture: 'poor', unit: demo('330299102202') },
    ],
  },
  { file: 'fixtures/excel/libreoffice-single.xlsx', program: 'libreoffice', rubric: 'county-monthly-assessment', kind: 'single', from: [{ fixture: 'excellent', unit: demo('330299101202') }] },
  {
    file: 'fixtures/excel/libreoffice-bulk.xlsx',
    program: 'libreoffice',
    rubric: 'township-center-2022',
    kind: 'bulk',
    from: [
      { fixture: 'demonstration', unit: demo('330299101000') },
      { fixture: 'neither', unit: demo('330299003000') },
    ],
  },
];

/**
 * The submissions a fixture holds: the source fixtures for their demo units, in 2026-11, without the answers an
 * indicator of another level never takes, and without notes (they are not typed into these sheets).
 */
export async function expectedSubmissions(f: ProgramFixture): Promise<Submission[]> {
  const r = await rubric(f.rubric);
  return f.from.map(({ fixture, unit }) => {
    const source = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures', f.rubric, `${fixture}.json`), 'utf8')) as Submission;
    const answers = Object.fromEntries(
      Object.entries(source.answers)
        .filter(([id]) => r.byId.get(id)!.levels.includes(unit.level))
        .map(([id, raw]) => {
          const a = readAnswer(raw);
          return [id, a.kind === 'value' ? a.value : a.kind === 'not_applicable' ? { status: 'not_applicable', reason: a.reason } : raw];
        }),
    );
    return { ...source, unit, period: '2026-11', answers: answersFor(r, answers, '2026-11') } as Submission;
  });
}

/** The workbook of a fixture, made by its program from a template of the current rubric. */
export async function makeFixture(f: ProgramFixture): Promise<Buffer> {
  const r = await rubric(f.rubric);
  const subs = await expectedSubmissions(f);
  if (f.kind === 'single') {
    const sub = subs[0]!;
    const template = await buildTemplate(r, { unit: sub.unit, period: sub.period });
    // The inspector and the date, typed into the header cells as a person would.
    const head = await load(template);
    const cells = { [named(head, 'bm_inspector').address]: sub.inspector!, [named(head, 'bm_inspected_on').address]: sub.inspected_on! };
    if (f.program === 'openpyxl') return fillWithOpenpyxl(template, { single: typedAnswers(r, sub), cells });
    return throughLibreOffice(await fillSingle(template, typedAnswers(r, sub), { cells }), 'single.xlsx');
  }
  const template = await buildBulkTemplate(r, { units: subs.map((s) => s.unit), period: '2026-11' });
  const rows = subs.map((s) => typedRow(r, s));
  if (f.program === 'openpyxl') return fillWithOpenpyxl(template, { bulk: rows });
  const wb = await load(template);
  const ws = wb.getWorksheet('批量录入')!;
  const keys = (ws.getRow(2).values as unknown[]).map(String);
  rows.forEach((row, i) => Object.entries(row).forEach(([k, v]) => (ws.getCell(4 + i, keys.indexOf(k)).value = v)));
  return throughLibreOffice(await save(wb), 'bulk.xlsx');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of PROGRAM_FIXTURES) {
    writeFileSync(join(PACKAGE_ROOT, f.file), await makeFixture(f));
    console.log(`${f.file}  (${f.program}, ${f.rubric}, ${f.kind})`);
  }
}
