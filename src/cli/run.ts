// The CLI as a function of (argv, io) -> exit code, so tests drive it without spawning processes.
// Exit codes: 0 scored / valid; 2 bad input (every problem on stderr); 1 internal error.
import { parseArgs } from 'node:util';
import { assess } from '../engine/evaluate.js';
import { AuditError, formatProblem, type Problem } from '../errors.js';
import { formatText } from '../format/text.js';
import { DEFAULT_RUBRICS_DIR, listRubrics, loadRubricFile, resolveRubric } from '../rubric/load.js';
import type { Rubric } from '../rubric/model.js';
import type { ParsedDocument } from '../source/document.js';
import { readDocument } from '../source/files.js';
import type { ExcelArgs } from './excel.js';
import { type Io, usage } from './io.js';
import type { RecordArgs } from './records.js';
import type { RectificationArgs } from './rectification.js';

export type { Io } from './io.js';

const USAGE = `用法：
  npm run --silent cli -- score [--rubric <id|路径>] [--format text|json] <提交文件.json|.yaml>
  npm run --silent cli -- validate [--rubric <id|路径>] <文件>...      检查评分标准或提交文件
  npm run --silent cli -- rubrics [--format text|json]                 列出评分标准
  npm run --silent cli -- template --rubric <id> -o <模板.xlsx> [--unit-code 代码 --unit-name 名称 --level 层级] [--period 期间] [--prefill 提交文件]
  npm run --silent cli -- template --rubric <id> --bulk -o <批量表.xlsx> [--period 期间] [单位清单.json] [--prefill 提交文件]
  npm run --silent cli -- template --rubric <id> --print -o <打印表.xlsx> [--period 期间] [单位清单.json] [--prefill 提交文件或已填的批量表]
  npm run --silent cli -- import <已填写.xlsx> [--rubric <id>] [--only-valid] [--score] [-o 输出.json]
  npm run --silent cli -- report <提交.json|.yaml|.xlsx> -o <考核结果.xlsx>
  npm run --silent cli -- report --county <提交文件...> [--previous <上期文件...>] -o <汇总.xlsx> | --format json
  npm run --silent cli -- report --quarter YYYY-Qn <本季度及上季度的提交文件...> -o <季度通报.xlsx> | --format json
  npm run --silent cli -- report --year YYYY <全年的提交文件...> -o <年度累计.xlsx> | --format json
  npm run --silent cli -- rubric import <考核表.xlsx> -o <目录> [--id my-county] [--title 标题] [--level township,village] [--sheet 工作表]
                                            县里的考核表转为评分标准草稿（<目录>/<id>.yaml 和 <目录>/standards/<id>.md）
  npm run --silent cli -- rubric export --rubric <id|路径> -o <考核表.xlsx>   评分标准导出为考核表
以下命令作用于服务的数据（DATABASE_URL；未设置时为 DATA_DIR 下的 SQLite 文件，默认 ./data）：
  npm run --silent cli -- verify [--anchor <报表上印的链头>] [--format json]   校验记录链与每条考核记录
  npm run --silent cli -- backup <备份文件.sqlite>                         SQLite 在线备份并校验备份（PostgreSQL 用 pg_dump）
  npm run --silent cli -- token create --name <使用人> --role <角色> [--scope <单位代码>]
  npm run --silent cli -- token list | token revoke <编号>
  npm run --silent cli -- rectification list [县或单位代码] [--rubric <id>] [--status open|overdue|pending|in_progress|submitted|closed] [--format json]
  npm run --silent cli -- rectification show <编号> | rectification start|submit|pass|fail <编号 | 单位代码 --indicator 指标> [--note 说明] [--as 姓名]
  npm run --silent cli -- rectification evidence <编号 | 单位代码 --indicator 指标> <照片或PDF> [--as 姓名]
  npm run --silent cli -- rectification ledger <县代码> [--rubric <id>] -o <整改台账.xlsx> | --format json
  npm run --silent cli -- rectification notice <单位代码> [--assessment <考核记录编号>] -o <整改通知书.xlsx> | --format json
  npm run --silent cli -- exemption grant <单位代码> --rubric <id> --indicator <指标> --kind defer|waive --reason <原因> --expires <YYYY-MM-DD> [--starts <YYYY-MM-DD>]
  npm run --silent cli -- exemption list [县或单位代码] | exemption revoke <编号> --reason <原因>
  npm run --silent cli -- deadline --rubric <id> --from <检查日期>      整改期限（工作日，从次日起算）
选项：
  --rubrics-dir <目录>   评分标准目录（默认为项目的 rubrics/）
期间按评分标准的考核周期写：按月 YYYY-MM（2026-11），按季度 YYYY-Qn（2026-Q3），按半年 YYYY-Hn（2026-H1）。
按半年考核的评分标准没有季度通报，用 report --county 排半年的名次。
退出码：0 成功；2 输入有误（所有问题列在 stderr）；3 记录链校验未通过；1 内部错误
`;


export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        rubric: { type: 'string' },
        format: { type: 'string' },
        'rubrics-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        output: { type: 'string', short: 'o' },
        bulk: { type: 'boolean' },
        print: { type: 'boolean' },
        'only-valid': { type: 'boolean' },
        score: { type: 'boolean' },
        county: { type: 'boolean' },
        previous: { type: 'string', multiple: true },
        quarter: { type: 'string' },
        year: { type: 'string' },
        'unit-code': { type: 'string' },
        'unit-name': { type: 'string' },
        level: { type: 'string' },
        period: { type: 'string' },
        prefill: { type: 'string' },
        anchor: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        scope: { type: 'string' },
        status: { type: 'string' },
        note: { type: 'string' },
        as: { type: 'string' },
        indicator: { type: 'string' },
        kind: { type: 'string' },
        reason: { type: 'string' },
        starts: { type: 'string' },
        expires: { type: 'string' },
        from: { type: 'string' },
        assessment: { type: 'string' },
        id: { type: 'string' },
        title: { type: 'string' },
        sheet: { type: 'string' },
      },
    });
    const [command, ...files] = positionals;
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') usage(`--format 只能是 text 或 json，实际为“${format}”`);
    const dir = values['rubrics-dir'] ?? DEFAULT_RUBRICS_DIR;
    if (values.help || command === undefined || command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    switch (command) {
      case 'score':
        if (files.length !== 1) usage('score 需要且只需要一个提交文件');
        return await score(files[0]!, values.rubric, dir, format, io);
      case 'validate':
        if (files.length === 0) usage('validate 需要至少一个文件');
        return await validate(files, values.rubric, dir, io);
      case 'rubrics':
        return await rubrics(dir, format, io);
      case 'template':
      case 'import':
      case 'report': {
        const args: ExcelArgs = {
          files,
          ...(values.rubric !== undefined ? { rubric: values.rubric } : {}),
          dir,
          ...(values.output !== undefined ? { output: values.output } : {}),
          format,
          bulk: values.bulk ?? false,
          print: values.print ?? false,
          onlyValid: values['only-valid'] ?? false,
          score: values.score ?? false,
          county: values.county ?? false,
          previous: values.previous ?? [],
          unit: { code: values['unit-code'], name: values['unit-name'], level: values.level },
          ...(values.period !== undefined ? { period: values.period } : {}),
          ...(values.prefill !== undefined ? { prefill: values.prefill } : {}),
          ...pick(values, ['quarter', 'year'] as const),
        };
        // Each family of commands is loaded when used: scoring one file need not load exceljs or the stores.
        const { importCommand, reportCommand, templateCommand } = await import('./excel.js');
        if (command === 'template') return await templateCommand(args, io);
        if (command === 'import') return await importCommand(args, io);
        return await reportCommand(args, io, new Date());
      }
      case 'rubric': {
        const [action, ...rest] = files;
        const { rubricTableCommand } = await import('./rubric-table.js');
        return await rubricTableCommand({ action, files: rest, dir, ...pick(values, ['output', 'rubric', 'id', 'title', 'level', 'sheet'] as const) }, io);
      }
      case 'verify':
      case 'backup':
      case 'token': {
        const args: RecordArgs = { files, format, ...pick(values, ['anchor', 'name', 'role', 'scope'] as const) };
        const { backupCommand, tokenCommand, verifyCommand } = await import('./records.js');
        if (command === 'verify') return await verifyCommand(args, io);
        if (command === 'backup') return await backupCommand(args, io);
        return await tokenCommand(args, io);
      }
      case 'rectification':
      case 'exemption':
      case 'deadline': {
        const args: RectificationArgs = {
          files, format, dir,
          ...pick(values, ['output', 'rubric', 'status', 'note', 'as', 'indicator', 'kind', 'reason', 'starts', 'expires', 'from', 'assessment'] as const),
        };
        const { deadlineCommand, exemptionCommand, rectificationCommand } = await import('./rectification.js');
        if (command === 'rectification') return await rectificationCommand(args, io);
        if (command === 'exemption') return await exemptionCommand(args, io);
        return await deadlineCommand(args, io);
      }
      default:
        usage(`未知命令“${command}”`);
    }
  } catch (e) {
    if ((e instanceof AuditError && e.code === 'USAGE') || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof AuditError) {
      reportProblems(e, io);
      return 2;
    }
    io.stderr(`内部错误：${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}

/** The options that were given, and no undefined for those that were not (exactOptionalPropertyTypes). */
function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): { [P in K]?: Exclude<T[P], undefined> } {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as { [P in K]?: Exclude<T[P], undefined> };
}

function reportProblems(e: AuditError, io: Io): void {
  io.stderr(`错误 [${e.code}]：${e.message}\n`);
  for (const p of e.problems) io.stderr(`  ${formatProblem(p)}\n`);
}

/** Reads a submission and scores it; problems found by the engine are located back in the file. */
async function scoreFile(file: string, rubricRef: string | undefined, dir: string) {
  const { doc, problems } = await readDocument(file);
  if (!doc) throw new AuditError('INPUT_UNREADABLE', `无法读取提交文件 ${file}`, problems);
  const data = doc.data as { rubric?: unknown } | null;
  const ref = rubricRef ?? (typeof data?.rubric === 'string' ? data.rubric : undefined);
  if (ref === undefined) throw new AuditError('SUBMISSION_INVALID', `提交文件 ${file} 未指定评分标准`, locate(doc, [{ code: 'SCHEMA', path: '/rubric', message: '缺少必填字段“rubric”，或用 --rubric 指定' }]));
  const rubric = await resolveRubric(ref, dir);
  try {
    return { rubric, assessment: assess(rubric, doc.data) };
  } catch (e) {
    if (e instanceof AuditError) throw new AuditError(e.code, `提交文件 ${file} 有误：共 ${e.problems.length} 处问题`, locate(doc, e.problems));
    throw e;
  }
}

const locate = (doc: ParsedDocument, problems: readonly Problem[]) => doc.locate(problems);

async function score(file: string, rubricRef: string | undefined, dir: string, format: string, io: Io): Promise<number> {
  const { rubric, assessment } = await scoreFile(file, rubricRef, dir);
  io.stdout(format === 'json' ? `${JSON.stringify(assessment, null, 2)}\n` : formatText(assessment, rubric));
  return 0;
}

async function validate(files: readonly string[], rubricRef: string | undefined, dir: string, io: Io): Promise<number> {
  let failed = 0;
  for (const file of files) {
    try {
      const kind = await looksLikeRubric(file);
      if (kind) {
        const r = await loadRubricFile(file);
        io.stdout(`✓ ${file}：评分标准有效（${r.id}，版本 ${r.version}，${r.indicators.length} 项指标）\n`);
      } else {
        const { assessment } = await scoreFile(file, rubricRef, dir);
        io.stdout(`✓ ${file}：提交有效（${assessment.rubric.id}，${assessment.unit.name}，${assessment.period}）\n`);
      }
    } catch (e) {
      if (!(e instanceof AuditError)) throw e;
      failed++;
      reportProblems(e, io);
    }
  }
  return failed === 0 ? 0 : 2;
}

/** A submission names a unit, a period or answers; anything else parseable is checked as a rubric. */
async function looksLikeRubric(file: string): Promise<boolean> {
  const { doc } = await readDocument(file);
  const data = doc?.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  return !['answers', 'unit', 'period'].some((k) => k in data);
}

/** How a rubric judges, in words: its grade bands, its tiers, or 达标/未达标. */
function judgedBy(r: Rubric): string {
  const s = r.scoring;
  if (s.method === 'points') return `打分制，满分 ${s.total}${s.grades.length ? `；等级：${s.grades.map((g) => `${g.label}${g.min > 0 ? ` ≥${g.min}` : ''}`).join(' > ')}` : ''}`;
  return r.implicitTier ? '结论：达标/未达标' : `等级：${r.tiers.map((t) => t.label).join(' < ')}`;
}

async function rubrics(dir: string, format: string, io: Io): Promise<number> {
  const listing = await listRubrics(dir);
  const ok = listing.flatMap((l) => (l.rubric ? [l.rubric] : []));
  if (format === 'json') {
    io.stdout(`${JSON.stringify(ok.map((r) => ({ id: r.id, version: r.version, title: r.title, applies_to: r.appliesTo, tiers: r.tiers.map((t) => t.id), indicators: r.indicators.length, hash: r.hash })), null, 2)}\n`);
  } else {
    for (const r of ok) {
      io.stdout(`${r.id}  版本 ${r.version}  ${r.title}  （${r.indicators.length} 项指标；${judgedBy(r)}）\n`);
    }
  }
  for (const l of listing) if (l.error) reportProblems(l.error, io);
  return listing.some((l) => l.error) ? 2 : 0;
}
