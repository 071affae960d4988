// Rectification on the service's own store, from the command line: orders, their steps and evidence, the ledger and
// notices, exemptions, and working-day deadlines. Run as the administrator (the log names who, by --as).
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SYSTEM } from '../domain/people.js';
import { ORDER_STATUS_ZH } from '../domain/rectification.js';
import { listRubrics, resolveRubric, rubricMap } from '../rubric/load.js';
import { dueDate } from '../rectification/deadline.js';
import { createServices, type Services } from '../service/index.js';
import { stopRendering } from '../service/render.js';
import type { OrderView } from '../rectification/ledger.js';
import { STEP_IDS } from '../rectification/machine.js';
import { openStore } from '../store/open.js';
import { type Io, usage } from './io.js';

export interface RectificationArgs {
  files: string[];
  format: string;
  dir: string;
  output?: string;
  rubric?: string;
  status?: string;
  note?: string;
  as?: string;
  indicator?: string;
  kind?: string;
  reason?: string;
  starts?: string;
  expires?: string;
  from?: string;
  assessment?: string;
}

async function withServices<T>(dir: string, fn: (s: Services) => Promise<T>): Promise<T> {
  const store = await openStore(process.env);
  try {
    return await fn(createServices({ store, rubrics: rubricMap(await listRubrics(dir)), now: () => new Date() }));
  } finally {
    await store.close();
    await stopRendering();
  }
}

const line = (o: OrderView) =>
  `${o.id}  ${o.unit_name}  ${o.period}  指标 ${o.indicator} ${o.title}  ${ORDER_STATUS_ZH[o.status]}  期限 ${o.due_on ?? '无法计算'}${o.overdue ? `  逾期 ${o.days_overdue} 天${o.level ? `（${o.level.label}）` : ''}` : ''}${o.exempted ? '  已暂缓/豁免' : ''}\n`;

/**
 * An order named by its id, or by the unit and indicator it is about (`330299003000 --indicator 17`): a unit has
 * at most one open order per rubric and indicator, so that names one, and nobody need copy an id from a listing.
 */
async function orderId(s: Services, target: string | undefined, a: RectificationArgs, me: typeof SYSTEM, action: string): Promise<string> {
  if (!target) usage(`rectification ${action} 需要整改事项编号，或单位代码加 --indicator 指标编号`);
  if (!/^\d{12}$/.test(target)) return target;
  if (!a.indicator) usage(`按单位代码 ${target} 指定整改事项时还需要 --indicator 指标编号（可加 --rubric）`);
  const open = (await s.rectification.list({ unit: target, ...(a.rubric ? { rubric: a.rubric } : {}), status: 'open' }, me)).filter((o) => o.unit === target && o.indicator === a.indicator);
  if (open.length === 1) return open[0]!.id;
  if (open.length === 0) usage(`单位 ${target} 的指标 ${a.indicator} 没有未销号的整改事项${a.rubric ? `（评分标准 ${a.rubric}）` : ''}：请用 rectification list ${target} 查看`);
  return usage(`单位 ${target} 的指标 ${a.indicator} 在 ${open.length} 个评分标准下都有未销号的整改事项（${open.map((o) => o.rubric).join('、')}）：请加 --rubric 指明`);
}

export async function rectificationCommand(a: RectificationArgs, io: Io): Promise<number> {
  const [action, target, file] = a.files;
  const json = (v: unknown) => io.stdout(`${JSON.stringify(v, null, 2)}\n`);
  return withServices(a.dir, async (s) => {
    const me = { ...SYSTEM, name: a.as ?? 'cli' };
    const r = s.rectification;
    switch (action) {
      case 'list': {
        const list = await r.list({ ...(target ? { county: target } : {}), ...(a.rubric ? { rubric: a.rubric } : {}), ...(a.status ? { status: a.status as never } : {}) }, me);
        if (a.format === 'json') json(list);
        else io.stdout(list.map(line).join('') || '（没有整改事项）\n');
        return 0;
      }
      case 'show':
        if (!target) usage('rectification show 需要整改事项编号');
        json(await r.get(target, me));
        return 0;
      case 'ledger':
      case 'notice': {
        if (!target) usage(`rectification ${action} 需要${action === 'ledger' ? '县' : '单位'}代码`);
        const report = action === 'ledger' ? await r.ledger(target, a.rubric, me) : await r.notice(target, a.assessment, me);
        if (a.format === 'json') json(report.data);
        else {
          if (!a.output) usage(`rectification ${action} 需要 -o <输出.xlsx>，或 --format json`);
          await writeFile(a.output, (await report.workbook()).bytes);
          io.stdout(`已写出 ${a.output}\n`);
        }
        return 0;
      }
      case 'evidence': {
        if (!target || !file) usage('rectification evidence 需要整改事项（编号，或单位代码加 --indicator）和文件，例如：rectification evidence 330299003000 --indicator 17 整改后.jpg');
        const e = await r.attachToOrder(await orderId(s, target, a, me, action), { bytes: await readFile(file), name: basename(file) }, me);
        io.stdout(a.format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : `已上传 ${e.name}（${e.sha256}${e.location ? `，拍摄位置 ${e.location.lat}, ${e.location.lon}` : ''}）\n`);
        return 0;
      }
      default: {
        if (!STEP_IDS.includes(action as never)) usage(`rectification 的子命令应为 list、show、ledger、notice、evidence 或 ${STEP_IDS.join('、')}`);
        const o = await r.step(await orderId(s, target, a, me, action!), action!, a.note !== undefined ? { note: a.note } : {}, me);
        io.stdout(a.format === 'json' ? `${JSON.stringify(o, null, 2)}\n` : line(o));
        return 0;
      }
    }
  });
}

export async function exemptionCommand(a: RectificationArgs, io: Io): Promise<number> {
  const [action, target] = a.files;
  return withServices(a.dir, async (s) => {
    const me = { ...SYSTEM, name: a.as ?? 'cli' };
    switch (action) {
      case 'grant': {
        const e = await s.rectification.grant({ unit: target, rubric: a.rubric, indicator: a.indicator, kind: a.kind, reason: a.reason, ...(a.starts ? { starts_on: a.starts } : {}), expires_on: a.expires }, me);
        io.stdout(a.format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : `已批准：${e.id}  ${e.unit}  ${e.rubric} 指标 ${e.indicator}  ${e.kind === 'defer' ? '暂缓' : '豁免'}至 ${e.expires_on}\n`);
        return 0;
      }
      case 'list': {
        const list = await s.rectification.exemptions({ ...(target ? { county: target } : {}), ...(a.rubric ? { rubric: a.rubric } : {}) }, me);
        const STATE = { valid: '有效', pending: '未开始', expired: '已过期', revoked: '已撤销' };
        io.stdout(a.format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : list.map((e) => `${e.id}  ${e.unit}  ${e.rubric} 指标 ${e.indicator}  ${e.starts_on}～${e.expires_on}  ${STATE[e.state]}  ${e.reason}\n`).join('') || '（没有豁免）\n');
        return 0;
      }
      case 'revoke': {
        if (!target) usage('exemption revoke 需要豁免编号');
        const e = await s.rectification.revoke(target, a.reason, me);
        io.stdout(`已撤销：${e.id}\n`);
        return 0;
      }
      default:
        usage('exemption 的子命令应为 grant、list 或 revoke');
    }
  });
}

/** The last day of a working-day deadline: no store needed. */
export async function deadlineCommand(a: RectificationArgs, io: Io): Promise<number> {
  if (!a.rubric || !a.from || !/^\d{4}-\d{2}-\d{2}$/.test(a.from)) usage('deadline 需要 --rubric <id> 和 --from <检查日期 YYYY-MM-DD>');
  const rubric = await resolveRubric(a.rubric, a.dir);
  const days = rubric.rectification.deadlineWorkdays;
  const d = dueDate(a.from, days);
  if ('problem' in d) {
    io.stderr(`${d.problem}\n`);
    return 2;
  }
  io.stdout(a.format === 'json' ? `${JSON.stringify({ from: a.from, workdays: days, due_on: d.due_on })}\n` : `${a.from} 检查，整改期限至 ${d.due_on}（${days} 个工作日，从次日起算）\n`);
  return 0;
}
