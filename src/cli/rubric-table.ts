// rubric import / rubric export: a county's scoring table into a draft rubric (with its transcription beside it), and
// a rubric back into that table. Thin: read, call the builders, write, report.
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AuditError, formatProblem } from '../errors.js';
import { exportRubricTable } from '../excel/rubric-export.js';
import { importRubricTable, type ToFinish } from '../excel/rubric-import.js';
import { levelFromLabel } from '../levels.js';
import { loadRubricFile, PACKAGE_ROOT, resolveRubric } from '../rubric/load.js';
import { indicatorSites } from '../rubric/walk.js';
import type { UnitLevel } from '../schema/generated/rubric.js';
import { type Io, usage } from './io.js';

export interface RubricTableArgs {
  action: string | undefined;
  files: readonly string[];
  output?: string;
  rubric?: string;
  dir: string;
  id?: string;
  title?: string;
  level?: string;
  sheet?: string;
}

export async function rubricTableCommand(a: RubricTableArgs, io: Io): Promise<number> {
  if (a.action === 'import') return importTable(a, io);
  if (a.action === 'export') return exportTable(a, io);
  return usage(`rubric 之后须写 import 或 export，实际为“${a.action ?? ''}”`);
}

async function importTable(a: RubricTableArgs, io: Io): Promise<number> {
  if (a.files.length !== 1) usage('rubric import 需要且只需要一个考核表 .xlsx 文件');
  if (!a.output) usage('rubric import 需要 -o <输出目录>（写入 <id>.yaml 和 standards/<id>.md）');
  const file = a.files[0]!;
  const out = resolve(a.output!);
  const appliesTo = a.level ? levels(a.level) : undefined;
  const res = await importRubricTable(await readTable(file), {
    original: basename(file),
    schema: relative(out, join(PACKAGE_ROOT, 'src/schema/rubric.schema.json')),
    ...(a.id !== undefined ? { id: a.id } : {}),
    ...(a.title !== undefined ? { title: a.title } : {}),
    ...(a.sheet !== undefined ? { sheet: a.sheet } : {}),
    ...(appliesTo ? { appliesTo } : {}),
  });
  const badId = res.problems.find((p) => p.path === '/id');
  if (badId) usage(`--id：${badId.message}`);
  const id = res.definition.id;
  const yamlFile = join(out, `${id}.yaml`);
  const mdFile = join(out, res.file);
  // Never write over a rubric a person may have been finishing.
  for (const f of [yamlFile, mdFile]) {
    if (await exists(f)) usage(`${shown(f)} 已存在：请换一个输出目录或 --id，或先移走原文件`);
  }
  await mkdir(dirname(mdFile), { recursive: true });
  await writeFile(mdFile, res.transcription);
  await writeFile(yamlFile, res.yaml);
  const drafts = res.unparsed.filter((u) => u.status === 'draft');
  const confirms = res.unparsed.filter((u) => u.status === 'confirm');
  const count = indicatorSites(res.definition).length;
  io.stdout(`已生成评分标准草稿 ${shown(yamlFile)}（${id}，${count} 项）和表格转录 ${shown(mdFile)}\n`);
  io.stdout(drafts.length === 0 ? '全部行的扣分写法均已读出。\n' : `待补充（未能读出扣分写法，已按原文放在原位，须人工补全）：${drafts.length} 处\n`);
  for (const u of drafts) io.stdout(`  ${place(u)}  ${u.reason}${u.text ? `（原文：${oneLine(u.text)}）` : ''}\n`);
  if (confirms.length > 0) io.stdout(`待确认（已按假定读出，请核对）：${confirms.length} 处\n`);
  for (const u of confirms) io.stdout(`  ${place(u)}  ${u.reason}\n`);
  // The draft as the loader sees it, with its transcription beside it: what a person finishes from.
  const problems = [...res.problems];
  if (problems.length === 0) {
    try {
      await loadRubricFile(yamlFile);
    } catch (e) {
      if (!(e instanceof AuditError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) {
    io.stderr(`错误 [IMPORT_INVALID]：草稿还不能作为评分标准使用：共 ${problems.length} 处问题（文件已写出，改正后用 validate 检查）\n`);
    for (const p of problems) io.stderr(`  ${formatProblem({ ...p, ...(p.sheet !== undefined ? { file: basename(file) } : {}) })}\n`);
    return 2;
  }
  io.stdout(`草稿可以加载：npm run --silent cli -- validate ${shown(yamlFile)}\n`);
  return 0;
}

async function exportTable(a: RubricTableArgs, io: Io): Promise<number> {
  if (!a.rubric) usage('rubric export 需要 --rubric <id|路径>');
  if (!a.output) usage('rubric export 需要 -o <考核表.xlsx>');
  const rubric = await resolveRubric(a.rubric!, a.dir);
  await writeFile(a.output!, await exportRubricTable(rubric, { generatedAt: new Date() }));
  io.stdout(`已生成考核表：${a.output}（${rubric.id}，版本 ${rubric.version}，${rubric.indicators.length} 项）\n`);
  return 0;
}

function levels(text: string): UnitLevel[] {
  return text.split(/[,，、\s]+/).filter((t) => t !== '').map((t) => levelFromLabel(t) ?? usage(`无法识别的层级“${t}”（county、township 或 village，可用逗号分隔多个）`));
}

const place = (u: ToFinish) => `${u.cell ? `${u.sheet}!${u.cell}` : '（整个表）'}${u.indicator ? `  指标 ${u.indicator}` : ''}`;
const oneLine = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s).replace(/\n/g, ' / ');
const shown = (f: string) => {
  const rel = relative(process.cwd(), f);
  return rel.startsWith('..') || isAbsolute(rel) ? f : rel;
};

async function readTable(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const message = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `找不到文件：${file}` : `无法读取文件 ${file}：${(e as Error).message}`;
    throw new AuditError('INPUT_UNREADABLE', message, [{ code: 'FILE_UNREADABLE', path: '', file, message }]);
  }
}

async function exists(f: string): Promise<boolean> {
  try {
    await access(f);
    return true;
  } catch {
    return false;
  }
}
