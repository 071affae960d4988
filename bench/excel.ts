// Excel layer overhead: our template, import and county report next to bare exceljs doing the same cells,
// in the same run, each measurement in a fresh process. Reported as ratios; never a timed test.
// Usage: npm run bench [-- --runs 3] [--only template|import|county]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBulkTemplate } from '../src/excel/template.js';
import { resolveRubric } from '../src/rubric/load.js';
import type { Submission } from '../src/schema/generated/submission.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const dir = join(tmpdir(), 'bianmin-bench');
mkdirSync(dir, { recursive: true });
const rubric = await resolveRubric('township-center-2022');

/** Deterministic pseudo-random answers, so every run measures the same files. */
function submissions(n: number): Submission[] {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => ({
    rubric: rubric.id,
    unit: { code: String(330212000000 + i).padStart(12, '0'), name: `单位${i}`, level: 'township' as const },
    period: '2026-11',
    answers: Object.fromEntries(
      rubric.indicators.map((ind) => {
        const c = ind.check;
        const v = c.kind === 'boolean' ? rnd() > 0.2 : c.kind === 'checklist' ? c.items.filter(() => rnd() > 0.2).map((x) => x.id) : c.kind === 'number' ? Math.round(rnd() * Math.min(c.maximum ?? 200, 200)) : true;
        return [ind.id, v];
      }),
    ) as Submission['answers'],
  }));
}

if (!existsSync(join(dir, 'bulk-10000.xlsx'))) {
  console.error('preparing a 10,000-row bulk sheet (once)…');
  writeFileSync(join(dir, 'bulk-10000.xlsx'), await buildBulkTemplate(rubric, { prefill: submissions(10000) }));
}
writeFileSync(join(dir, 'subs-500.json'), JSON.stringify(submissions(500)));

const measure = (scenario: string, variant: string) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'excel-worker.ts'), scenario, variant, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as { ms: number; rss: number };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rows: string[] = [];
for (const [scenario, label] of [['template', '58-indicator template'], ['import', 'import 10,000-row bulk sheet'], ['county', 'county report, 500 units']] as const) {
  if (only && only !== scenario) continue;
  const ours: Array<{ ms: number; rss: number }> = [];
  const bare: Array<{ ms: number; rss: number }> = [];
  for (let i = 0; i < runs; i++) {
    // Interleaved, so drift in the machine's load hits both variants alike.
    bare.push(measure(scenario, 'bare'));
    ours.push(measure(scenario, 'ours'));
  }
  const t = [median(ours.map((x) => x.ms)), median(bare.map((x) => x.ms))] as const;
  const m = [Math.max(...ours.map((x) => x.rss)), Math.max(...bare.map((x) => x.rss))] as const;
  rows.push(`| ${label} | ${t[0].toFixed(0)} ms | ${t[1].toFixed(0)} ms | ${(t[0] / t[1]).toFixed(2)}× | ${m[0].toFixed(0)} MiB | ${m[1].toFixed(0)} MiB | ${(m[0] / m[1]).toFixed(2)}× |`);
}
console.log(`Excel layer against bare exceljs (median of ${runs} runs; peak RSS of the process)\n`);
console.log('| scenario | ours | bare exceljs | time ratio (target ≤1.3×) | ours peak | bare peak | memory ratio (target ≤2×) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
