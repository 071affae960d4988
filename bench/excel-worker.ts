// One measurement in a fresh process: `tsx bench/excel-worker.ts <scenario> <ours|bare> <input-dir>`.
// Prints {ms, rss} as JSON. Both variants do the same preparation, so their peak RSS differs only by the work.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Submission } from '../src/schema/generated/submission.js';

import { fromDist as from } from './dist.js';

// Ours as shipped (dist.ts).
const { assess } = await from<typeof import('../src/engine/evaluate.js')>('engine/evaluate.js');
const { importWorkbook } = await from<typeof import('../src/excel/import.js')>('excel/import.js');
const { SHEET_LIMITS } = await from<typeof import('../src/excel/open.js')>('excel/open.js');
const { XLSX_LIMITS } = await from<typeof import('../src/excel/zipscan.js')>('excel/zipscan.js');
const { countyWorkbook } = await from<typeof import('../src/excel/report.js')>('excel/report.js');
const { buildTemplate } = await from<typeof import('../src/excel/template.js')>('excel/template.js');
const { countySummary } = await from<typeof import('../src/periods/county.js')>('periods/county.js');
const { resolveRubric } = await from<typeof import('../src/rubric/load.js')>('rubric/load.js');

const [scenario, variant, dir] = process.argv.slice(2) as [string, 'ours' | 'bare', string];
const rubric = await resolveRubric('township-center-2022');

/** Bare exceljs writing the given grid of values: no styles, validation, protection or print setup. */
async function bareWrite(sheets: Array<{ name: string; rows: unknown[][] }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function grid(bytes: Buffer): Promise<Array<{ name: string; rows: unknown[][] }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? String(v) : v))));
    return { name: ws.name, rows };
  });
}

let run: () => Promise<unknown>;
if (scenario === 'template') {
  const cells = await grid(await buildTemplate(rubric));
  run = variant === 'ours' ? () => buildTemplate(rubric) : () => bareWrite(cells);
} else if (scenario === 'import') {
  const bytes = readFileSync(join(dir, 'bulk-10000.xlsx'));
  run =
    variant === 'ours'
      ? async () => {
          // The service refuses sheets this large (open.ts SHEET_LIMITS); the benchmark measures the reader itself.
          const res = await importWorkbook(bytes, { resolve: () => rubric }, {
            zip: { ...XLSX_LIMITS, maxEntryBytes: 500 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 },
            sheets: { ...SHEET_LIMITS, maxRows: 20_000, maxCells: 2_000_000 },
          });
          if (res.submissions.length !== 10000) throw new Error(`imported ${res.submissions.length} (${res.problems.length} problems)`);
        }
      : async () => {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'] } as never);
          let n = 0;
          wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => n++)));
          if (n === 0) throw new Error('no cells');
        };
} else if (scenario === 'county') {
  const subs = JSON.parse(readFileSync(join(dir, 'subs-500.json'), 'utf8')) as Submission[];
  const assessments = subs.map((s) => assess(rubric, s));
  const previous = subs.map((s) => assess(rubric, { ...s, period: '2026-10' }));
  const cells = await grid(await countyWorkbook(countySummary(rubric, assessments, previous)));
  run = variant === 'ours' ? () => countyWorkbook(countySummary(rubric, assessments, previous)) : () => bareWrite(cells);
} else throw new Error(`unknown scenario ${scenario}`);

// Warm-up, same for both variants: lazy module parts and the JIT, which takes a few runs to settle on the short
// scenarios (one run left ours, which has more code to optimise, measured half-cold).
for (let i = 0; i < (scenario === 'import' ? 1 : 5); i++) await run();
// Each scenario is timed several times and its median taken, so a moment of load on a shared machine does not decide
// the figure (the import, seconds long, three times).
const times: number[] = [];
for (let i = 0; i < (scenario === 'import' ? 3 : 7); i++) {
  const start = process.hrtime.bigint();
  await run();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
process.stdout.write(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS / 1024 }));
