// The spreadsheet commands: template, import, report. Thin: parse, load, call the pure builders, write.
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { assess } from '../engine/evaluate.js';
import { AuditError, formatProblem, type Problem } from '../errors.js';
import { importWorkbook } from '../excel/import.js';
import { levelFromLabel } from '../levels.js';
import { annualWorkbook, assessmentWorkbook, countyWorkbook, quarterlyWorkbook } from '../excel/report.js';
import { buildBulkTemplate, buildPrintWorkbook, buildTemplate } from '../excel/template.js';
import { annualAccumulation } from '../periods/annual.js';
import { chinaPeriod, requirePeriodKind } from '../periods/calendar.js';
import { countySummary } from '../periods/county.js';
import { quarterlyCircular } from '../periods/quarter.js';
import { listRubrics, resolveRubric, rubricMap } from '../rubric/load.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import type { Submission, Unit } from '../schema/generated/submission.js';
import { readDocument } from '../source/files.js';
import { type Io, usage } from './io.js';

export interface ExcelArgs {
  files: readonly string[];
  rubric?: string;
  dir: string;
  output?: string;
  format: string;
  bulk: boolean;
  /** The per-unit print workbook instead of a template. */
  print: boolean;
  onlyValid: boolean;
  score: boolean;
  county: boolean;
  previous: readonly string[];
  unit: { code?: string; name?: string; level?: string };
  period?: string;
  prefill?: string;
  /** report --quarter YYYY-Qn: the quarterly circular. */
  quarter?: string;
  /** report --year YYYY: the annual accumulation. */
  year?: string;
}


export async function templateCommand(a: ExcelArgs, io: Io): Promise<number> {
  if (!a.rubric) usage('template 需要 --rubric');
  if (!a.output) usage('template 需要 -o <输出文件.xlsx>');
  if (a.bulk && a.print) usage('--bulk 与 --print 只能选一个：批量录入表用于录入，逐单位打印表用于打印');
  const rubric = await resolveRubric(a.rubric!, a.dir);
  if (a.period !== undefined) requirePeriodKind(rubric, a.period, '--period');
  const prefill = a.prefill ? (await readSubmissions(a.prefill, rubric, bundledOnce(a.dir), io)).submissions : [];
  const period = a.period ? { period: a.period } : {};
  let bytes: Buffer;
  if (a.bulk || a.print) {
    // A county's whole unit tree may be given: only the levels the rubric assesses get a row or a sheet.
    const units = a.files.length ? (await readUnits(a.files[0]!)).filter((u) => rubric.appliesTo.includes(u.level)) : [];
    bytes = await (a.print ? buildPrintWorkbook : buildBulkTemplate)(rubric, { ...period, units, prefill });
  } else {
    // A unit named on the command line wins over the pre-filled one: last month's answers for this unit.
    const unit = a.unit.code || a.unit.name ? makeUnit(a.unit, rubric) : undefined;
    bytes = await buildTemplate(rubric, { ...(unit ? { unit } : {}), ...period, ...(prefill[0] ? { prefill: prefill[0] } : {}) });
  }
  await writeFile(a.output!, bytes);
  io.stdout(`已生成${a.print ? '逐单位打印表' : a.bulk ? '批量录入模板' : '检查表模板'}：${a.output}（${rubric.id}，版本 ${rubric.version}）\n`);
  return 0;
}

export async function importCommand(a: ExcelArgs, io: Io): Promise<number> {
  if (a.files.length !== 1) usage('import 需要且只需要一个 .xlsx 文件');
  const file = a.files[0]!;
  const rubrics = rubricMap(await listRubrics(a.dir));
  const expected = a.rubric ? await resolveRubric(a.rubric, a.dir) : undefined;
  const res = await importWorkbook(await readFile(file), { resolve: (id) => rubrics.get(id), ...(expected ? { rubric: expected } : {}), onlyValid: a.onlyValid, trustEmbedded: true });
  const output = a.score ? res.submissions.map((s) => assess(res.rubric, s)) : res.submissions;
  // A single template is one unit, written as one object (what score and report take); a bulk sheet is a list.
  const single = res.kind === 'single' && output.length === 1;
  const text = `${JSON.stringify(single ? output[0] : output, null, 2)}\n`;
  warn(io, file, res.warnings);
  if (a.output) await writeFile(a.output, text);
  else if (output.length > 0) io.stdout(text);
  if (res.problems.length > 0) {
    reportProblems(io, file, res.problems, `导入 ${file}：共 ${res.problems.length} 处问题，涉及 ${res.rejected} 个单位；${a.onlyValid ? `已导入其余 ${res.submissions.length} 个单位` : '未导入任何数据（加 --only-valid 可只导入没有问题的单位）'}`);
    return 2;
  }
  io.stderr(`已导入 ${res.submissions.length} 个单位（${res.rubric.id}，${res.kind === 'bulk' ? '批量录入表' : '检查表'}）${a.output ? `，写入 ${a.output}` : ''}\n`);
  return 0;
}

export async function reportCommand(a: ExcelArgs, io: Io, now: Date): Promise<number> {
  if (a.files.length === 0) usage('report 需要至少一个提交文件（.json/.yaml/.xlsx）');
  if ([a.county || undefined, a.quarter, a.year].filter((x) => x !== undefined).length > 1) usage('--county、--quarter 和 --year 只能选一个：县级汇总、季度通报或年度累计');
  const rubricFor = async (): Promise<Rubric | undefined> => (a.rubric ? resolveRubric(a.rubric, a.dir) : undefined);
  const expected = await rubricFor();
  const current = await assessFiles(a.files, expected, a.dir, io);
  const { rubric, assessments } = current;
  if (a.county) {
    const previous = await assessFiles(a.previous, rubric, a.dir, io);
    const summary = countySummary(rubric, assessments, previous.assessments);
    return emit(a, io, '--county', summary, () => countyWorkbook(summary, { generatedAt: now }), `县级汇总表：${a.output}（${summary.totals.units} 个单位，${summary.period}）`);
  }
  if (a.quarter !== undefined) {
    const q = /^(\d{4})-Q([1-4])$/.exec(a.quarter) ?? usage(`--quarter 应写作 YYYY-Qn，如 2026-Q4（实际为“${a.quarter}”）`);
    // Refused, saying what to use instead, when the rubric assesses half years (calendar.ts quarterWindow).
    const circular = quarterlyCircular(rubric, assessments, Number(q[1]), Number(q[2]));
    return emit(a, io, '--quarter', circular, () => quarterlyWorkbook(circular, { generatedAt: now }), `季度通报：${a.output}（${circular.units.length} 个单位，${circular.year}年第${circular.quarter}季度）`);
  }
  if (a.year !== undefined) {
    const year = /^\d{4}$/.test(a.year) ? Number(a.year) : usage(`--year 应写作四位年份，如 2026（实际为“${a.year}”）`);
    // A year still running counts its periods through the one it is now in China, as the service does.
    const month = chinaPeriod(now);
    const annual = annualAccumulation(rubric, assessments, year, month.startsWith(`${year}-`) ? month : undefined);
    return emit(a, io, '--year', annual, () => annualWorkbook(annual, { generatedAt: now }), `年度累计表：${a.output}（${annual.units.length} 个单位，${annual.year}年）`);
  }
  if (assessments.length !== 1) usage(`文件中有 ${assessments.length} 个单位：单个单位的报告只接受一个提交；汇总报告请加 --county`);
  if (!a.output) usage('report 需要 -o <输出文件.xlsx>');
  await writeFile(a.output!, await assessmentWorkbook(assessments[0]!, rubric, { generatedAt: now }));
  io.stdout(`已生成考核结果：${a.output}\n`);
  return 0;
}

/** A report over several units: its JSON on stdout, or its workbook written to -o. */
async function emit(a: ExcelArgs, io: Io, flag: string, data: unknown, workbook: () => Promise<Buffer>, done: string): Promise<number> {
  if (a.format === 'json') {
    io.stdout(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }
  if (!a.output) usage(`report ${flag} 需要 -o <输出文件.xlsx>，或用 --format json`);
  await writeFile(a.output!, await workbook());
  io.stdout(`已生成${done}\n`);
  return 0;
}

/** The bundled rubrics, loaded at most once per call however many workbooks ask for them. */
function bundledOnce(dir: string): () => Promise<Map<string, Rubric>> {
  let loaded: Promise<Map<string, Rubric>> | undefined;
  return () => (loaded ??= listRubrics(dir).then(rubricMap));
}

/** Scores every submission in the files (JSON/YAML objects or arrays, or filled workbooks); all must share one rubric. */
async function assessFiles(files: readonly string[], expected: Rubric | undefined, dir: string, io: Io): Promise<{ rubric: Rubric; assessments: Assessment[] }> {
  let rubric = expected;
  const assessments: Assessment[] = [];
  const bundled = bundledOnce(dir);
  for (const file of files) {
    const read = await readSubmissions(file, rubric, bundled, io);
    // A workbook names its own rubric (the one it carries, for a county's rubric file).
    rubric ??= read.rubric;
    for (const s of read.submissions) {
      rubric ??= await resolveRubric(s.rubric, dir);
      if (s.rubric !== rubric.id) usage(`${file}：评分标准为“${s.rubric}”，与其他文件的“${rubric.id}”不同，不能放在同一报告中`);
      try {
        assessments.push(assess(rubric, s));
      } catch (e) {
        if (e instanceof AuditError) throw new AuditError(e.code, `${file}（${s.unit?.name ?? ''}）有误`, e.problems.map((p) => ({ ...p, file })));
        throw e;
      }
    }
  }
  if (!rubric) usage('没有可用的提交');
  return { rubric: rubric!, assessments };
}

async function readSubmissions(file: string, rubric: Rubric | undefined, bundled: () => Promise<Map<string, Rubric>>, io: Io): Promise<{ submissions: Submission[]; rubric?: Rubric }> {
  if (extname(file).toLowerCase() === '.xlsx' || extname(file).toLowerCase() === '.xls') {
    const rubrics = await bundled();
    const res = await importWorkbook(await readFile(file), { resolve: (id) => rubrics.get(id), ...(rubric ? { rubric } : {}), trustEmbedded: true });
    if (res.problems.length > 0) throw new AuditError('IMPORT_INVALID', `导入 ${file} 有误：共 ${res.problems.length} 处问题`, res.problems.map((p) => ({ ...p, file })));
    warn(io, file, res.warnings);
    return { submissions: res.submissions, rubric: res.rubric };
  }
  const { doc, problems } = await readDocument(file);
  if (!doc) throw new AuditError('INPUT_UNREADABLE', `无法读取 ${file}`, problems);
  return { submissions: (Array.isArray(doc.data) ? doc.data : [doc.data]) as Submission[] };
}

/** Units for a bulk template or a print workbook: a JSON/YAML list of {code, name, level} (a parent is ignored). */
async function readUnits(file: string): Promise<Unit[]> {
  const { doc, problems } = await readDocument(file);
  if (!doc) throw new AuditError('INPUT_UNREADABLE', `无法读取单位清单 ${file}`, problems);
  if (!Array.isArray(doc.data)) usage(`${file} 应为单位列表：[{"code": "...", "name": "...", "level": "village"}, ...]`);
  return (doc.data as Array<Unit & { parent?: unknown }>).map(({ code, name, level }) => ({ code, name, level }));
}

function makeUnit(u: ExcelArgs['unit'], rubric: Rubric): Unit {
  const level = u.level ? (levelFromLabel(u.level) ?? usage(`无法识别的层级“${u.level}”（county、township 或 village）`)) : rubric.appliesTo[0]!;
  return { code: u.code ?? '', name: u.name ?? '', level };
}

/** Values read, but not as typed: imported, and said where. */
function warn(io: Io, file: string, warnings: readonly Problem[]): void {
  if (warnings.length === 0) return;
  io.stderr(`提醒：${file} 中有 ${warnings.length} 处按约定换算读取，请核对：\n`);
  for (const w of warnings) io.stderr(`  ${formatProblem({ ...w, file })}\n`);
}

function reportProblems(io: Io, file: string, problems: readonly Problem[], summary: string): void {
  io.stderr(`错误 [IMPORT_INVALID]：${summary}\n`);
  for (const p of problems) io.stderr(`  ${formatProblem({ ...p, file })}\n`);
}
