// Deduction and bonus wording as county tables write it — 每次扣3分, 每缺一项扣0.2分, 扣3分, 扣完为止, 最高扣5分,
// 每个黄牌扣2分，每个红牌扣3分, 酌情扣3-5分, 办结率每减少1个百分点扣1分, 每条加0.5分, 加满5分为止, 不得分, 一票否决 —
// read into the rubric language, and written back the same way. Reading and writing live in one module so that
// whatever is written reads back as the same rule (a property test holds them to it). Wording it does not know is
// refused with the reason, never guessed.
import { isDeepStrictEqual } from 'node:util';
import type { Check, Indicator } from '../schema/generated/rubric.js';
import { num } from '../checks/words.js';

type Deduct = NonNullable<Indicator['deduct']>;
type Bonus = NonNullable<Indicator['bonus']>;

/** One rule read from the wording. */
export interface ReadRule {
  /** The words it was read from, verbatim (the sentence, or the clauses of a tally). */
  wording: string;
  /** What is found, as written (没有安排专题研究); '' when the wording names nothing. */
  subject: string;
  check: Check;
  deduct?: Deduct;
  bonus?: Bonus;
  /** Points the wording itself fixes: a bonus item's cap (加满5分为止), or 得3分. */
  points?: number;
  veto?: true;
  /** 不得分 / 得N分: all or nothing on the item's points. */
  allOrNothing?: true;
  /** What a person should confirm: the rule is read, but part of it is an assumption the wording does not state. */
  confirm?: string;
}

export interface Refused {
  wording: string;
  reason: string;
}

export interface RuleReading {
  rules: ReadRule[];
  refused: Refused[];
  /** Sentences that state no rule (descriptions, 扣完为止 is not among them), for a person to check. */
  other: string[];
}

export interface ReadOptions {
  /** The requirement lines of the same row: a cell of bare rates (每件次扣3分 / 每件次扣1分) takes its labels from them. */
  conditions?: readonly string[];
}

/* ------------------------------------------------------------------ vocabulary ------------------------------------------------------------------ */

/** Measure words that name what one occurrence is, longest first. */
const MEASURE = ['件次', '人次', '项次', '家次', '半天', '小时', '个', '项', '次', '件', '例', '起', '处', '条', '人', '天', '日', '户', '篇', '家', '单', '笔', '名', '位', '张', '本', '期', '批', '份', '宗', '周', '月'];
const MW = `(?:${MEASURE.join('|')})`;
const N = '(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十]+|半)';
const CJK = '[\\u4e00-\\u9fa5]';

/** Conditions that only say "not compliant": the answer then asks whether the requirement is met (expect true). */
const GENERIC = /^(?:否则|凡|如|若)?(?:不符合要求|不符合规定|不符合标准|未达到要求|达不到要求|未达到标准|未达标|不达标|不合格|未完成|未落实|未按要求(?:落实|执行|完成)?|不到位)$/;
/** Words that qualify a finding without naming it. */
const QUALIFIER = /^(?:经核实|经查实|查实|经查|发现|检查发现|一经发现|经检查)$/;
/** Words that point back at the requirement's own text as the fault (有上述情形的): the answer asks whether it happened. */
const FAULT_REF = /^(?:有|存在|出现|发生)?(?:上述|以上|此类|该类?|下列)情形(?:之一)?$/;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 3, 0.5, 二十五, 半. */
export function toNumber(s: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (s === '半') return 0.5;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (m && s !== '') {
    if (!m[2]) return m[3] ? undefined : DIGITS[m[1]!];
    return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[3] ? DIGITS[m[3]]! : 0);
  }
  return s.length === 1 ? DIGITS[s] : undefined;
}

/** Full-width ASCII and the ideographic space folded to plain ones, one character for one, so offsets still index the original. */
export const fold = (s: string): string =>
  s.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/* ------------------------------------------------------------------ reading ------------------------------------------------------------------ */

interface Span {
  start: number;
  end: number;
}

/** Sentences of a cell with their offsets: split at 。；; line breaks and a spaced slash (两项 / 两档). */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const f = fold(text);
  const re = /[。;\n]|\s\/\s|\s／\s/g;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /[\s,，、]/.test(f[s]!)) s++;
    while (e > s && /\s/.test(f[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let m = re.exec(f); m; m = re.exec(f)) {
    push(m.index + (m[0] === '。' || m[0] === ';' ? 1 : 0));
    start = m.index + m[0].length;
  }
  push(f.length);
  return out;
}

type EventKind = 'deduct' | 'bonus' | 'judge' | 'linear' | 'veto' | 'nothing' | 'gain';
interface Event extends Span {
  kind: EventKind;
  /** Where the amount keyword starts (the text before it is the chunk's condition and per phrase). */
  at: number;
  n?: number;
  m?: number;
}
type ModKind = 'cap' | 'bonusCap' | 'floor' | 'uncapped' | 'bonusUncapped' | 'frequency' | 'whole' | 'from';
interface Mod extends Span {
  kind: ModKind;
  n?: number;
  per?: 'week' | 'month' | 'workday';
}

const MODS: ReadonlyArray<[ModKind, RegExp]> = [
  ['bonusCap', new RegExp(`(?:最高|最多|至多|累计最多|合计最多)加\\s*${N}\\s*分|加满\\s*${N}\\s*分为止|加分(?:最高|最多|合计)?不(?:超过|高于|得超过)\\s*${N}\\s*分`, 'g')],
  ['bonusUncapped', /加分无上限|加分不封顶|上不封顶/g],
  ['cap', new RegExp(`(?:本项|该项|累计|合计)?(?:最高|最多|至多)(?:扣|减)(?:除)?\\s*${N}\\s*分|(?:本项|该项|累计|合计)?扣分(?:最高|最多)?不(?:超过|高于|得超过)\\s*${N}\\s*分|最高不超过\\s*${N}\\s*分|扣(?:完|满)\\s*${N}\\s*分(?:为止)?|${N}\\s*分扣完为止`, 'g')],
  ['uncapped', /扣分不封顶|不封顶/g],
  ['floor', /扣完(?:本项|该项)?(?:分值|分数)?为止|扣至\s*0\s*分为止|扣完即止/g],
  ['frequency', new RegExp(`每(周|星期|月|个?工作日)(?:至少|不少于)\\s*${N}\\s*次`, 'g')],
  ['whole', /不足\s*\d*(?:\.\d+)?\s*个?(?:百分点|%)的?(?:部分)?不(?:扣分|扣|计)/g],
  ['from', new RegExp(`(?:低于|不足|未达到|达不到|不到)\\s*(\\d+(?:\\.\\d+)?)\\s*%`, 'g')],
];

const EVENTS: ReadonlyArray<[EventKind, RegExp]> = [
  ['judge', new RegExp(`酌情(?:扣|减)(?:除)?\\s*${N}\\s*(?:分)?\\s*(?:-|—|–|~|至|到)\\s*${N}\\s*分`, 'g')],
  ['linear', new RegExp(`每(?:降低|减少|下降|低于|少)\\s*${N}\\s*(?:个)?(?:百分点|%)\\s*[,，]?\\s*(?:扣|减)(?:除)?\\s*${N}\\s*分`, 'g')],
  ['veto', /(?:实行|实施|予以|给予)?(?:一票|单项)否决(?:制)?/g],
  ['nothing', /(?:该项|本项|此项)?不(?:得|计)分|扣除?(?:该项|本项|此项)(?:全部)?(?:分值|分数|得分)|(?:该项|本项|此项)(?:分值|分数|得分)?全部扣除/g],
  ['gain', new RegExp(`(?:的)?得\\s*${N}\\s*分`, 'g')],
  ['deduct', new RegExp(`(?:扣|减)(?:除)?\\s*${N}\\s*分`, 'g')],
  ['bonus', new RegExp(`(?:加|奖励|\\+)\\s*${N}\\s*分?`, 'g')],
];

/** 按旷工处理: one rule turning into another (deduct.escalate) names an indicator the words cannot; refused with or without amounts. */
const ESCALATION = /按.{1,12}?处理/;
/** Wording with a deduction word but no amount the reader can use: refused with the reason. */
const VAGUE: ReadonlyArray<[RegExp, string]> = [
  [/酌情(?:扣|减)(?:除)?分/, '“酌情扣分”没有写明幅度：请写明扣分范围（如酌情扣3-5分）'],
  [/扣\s*[[\]【】{}()（）xX×…*_]+\s*分|扣分(?![不标情办项值数])/, '扣分数额没有写明'],
  [/每(?:降低|减少|下降|低于)\s*\d*(?:\.\d+)?\s*个?(?:百分点|%)/, '按百分点扣分，但扣分数额没有写明'],
];

/** Reads one cell of deduction wording. Every sentence is read, refused, or returned as a sentence that states no rule. */
export function readRules(text: string, opts: ReadOptions = {}): RuleReading {
  const out: RuleReading = { rules: [], refused: [], other: [] };
  const cellMods: Array<Mod & { said: string }> = [];
  const items: string[] = [];
  let checklist: ReadRule | undefined;
  let owner: ReadRule | undefined;
  for (const line of text.split('\n')) {
    // ①名称统一 on the lines under a 每缺一项 rule: the checklist's items, each a whole line.
    const item = /^\s*(?:[①-⑳]|\(\d+\)|（\d+）)\s*(.+?)\s*$/.exec(line);
    if (item && checklist && (!owner || owner === checklist)) {
      owner = checklist;
      items.push(item[1]!);
      continue;
    }
    checklist = undefined;
    const f = fold(line);
    for (const span of sentences(line)) {
      const original = line.slice(span.start, span.end);
      const read = readSentence(f.slice(span.start, span.end), original);
      if (read.refused) out.refused.push({ wording: original, reason: read.refused });
      else if (read.rules.length > 0) {
        out.rules.push(...read.rules);
        if (read.rest) out.other.push(read.rest);
        checklist = read.rules.length === 1 && missingRule(read.rules[0]!) ? read.rules[0] : undefined;
      } else if (read.mods.length > 0) cellMods.push(...read.mods.map((m) => ({ ...m, said: original.slice(m.start, m.end) })));
      else out.other.push(original);
    }
  }
  const rule = owner;
  if (rule) {
    rule.check = { kind: 'checklist', require: 'all', items: items.map((label, i) => ({ id: `item_${i + 1}`, label })) as [{ id: string; label: string }] };
    delete rule.confirm;
  }
  pairRates(out, opts.conditions ?? []);
  applyCellMods(out, cellMods);
  return out;
}

const missingRule = (r: ReadRule) => r.confirm === CHECKLIST_CONFIRM && r.deduct?.per !== undefined;
const CHECKLIST_CONFIRM = '清单各项没有列明：暂按缺少的项数作答（count）；如要逐项勾选，请改为 checklist 并列出各项';

/** Modifiers in a sentence of their own (扣完为止。本项最多扣10分。) apply to the cell's one rule. */
function applyCellMods(out: RuleReading, mods: ReadonlyArray<Mod & { said: string }>): void {
  for (const m of mods) {
    if (m.kind === 'floor') continue; // 扣完为止 is what a budget does anyway
    const target = out.rules.length === 1 ? out.rules[0]! : undefined;
    const words = m.said;
    if (!target) {
      out.refused.push({ wording: words, reason: out.rules.length === 0 ? (m.kind === 'bonusCap' ? '只有加分上限，没有加分规则' : '只有上限，没有扣分规则') : `“${words}”对本格的 ${out.rules.length} 条规则合计适用：合计上限须人工设定（可把这些规则放入分值为上限的部分）` });
      continue;
    }
    applyMod(target, m, words);
  }
}

/** The rates of a cell of bare per-occurrence clauses, one per line, labelled by the requirement's lines: 未实行一次性书面告知 / 告知内容不全面. */
function pairRates(out: RuleReading, conditions: readonly string[]): void {
  const bare = out.rules.every((r) => r.subject === '' && r.check.kind === 'count' && r.deduct?.per !== undefined && r.deduct.max === undefined);
  if (!bare || out.rules.length < 2 || conditions.length !== out.rules.length || out.refused.length > 0) return;
  const unit = (out.rules[0]!.check as { unit: string }).unit;
  if (!out.rules.every((r) => (r.check as { unit: string }).unit === unit) || new Set(conditions).size !== conditions.length) return;
  const rates = out.rules.map((r, i) => ({ count: `c${i + 1}`, per: r.deduct!.per! }));
  const tally: ReadRule = {
    wording: out.rules.map((r) => r.wording).join('\n'),
    subject: '',
    check: { kind: 'tally', unit, counts: conditions.map((label, i) => ({ id: `c${i + 1}`, label })) as [{ id: string; label: string }] },
    deduct: { rates: rates as [{ count: string; per: number }] },
  };
  out.rules = [tally];
}

interface SentenceReading {
  rules: ReadRule[];
  /** Modifiers of a sentence without rules (扣完为止。本项最多扣10分。). */
  mods: Mod[];
  refused?: string;
  /** The sentence, where it says more than its rules (并通报批评). */
  rest?: string;
}

interface Clause {
  e: Event;
  /** The clause's own words: from the end of the previous clause to the end of its amount. */
  start: number;
  /** What is found, as written, without the per phrase and the modifiers. */
  condition: string;
  /** The per phrase: 每次 → unit 次; 每个黄牌 → unit 个, label 黄牌; 每缺一项 → missing. */
  per?: { unit: string; label: string; missing: boolean };
}

const PER_RUN = new RegExp(`((?:每(?:一)?${MW})+)(${CJK}{0,8})\\s*[,，]?\\s*$`);
const PER_ANY = new RegExp(`每(${CJK}{1,3})\\s*$`);
const MISSING = new RegExp(`每(?:缺|少|漏|缺少|缺失)(?:${CJK}{0,2}?)(?:一|1)?(${MW})(${CJK}{0,6})\\s*[,，]?\\s*$`);
// 发现1次, but not 低于1天 (a line, not an occurrence).
const ONE = new RegExp(`(?<!低于|少于|不足|未达到|达不到)(?:每发现|发现|出现|查实|查出|发生)?(?<![\\d.])(?:一|1)(${MW})(?:即|的)?\\s*[,，]?\\s*$`);
const FROM_LINE = /(?:低于|不足|未达到|达不到|不到)\s*\d+(?:\.\d+)?\s*%.*$/;
/** A finding that is a measure below a line (评优比例低于20%的扣3分): the answer is the measure, compared with the line. */
const BELOW = /^(.*?)(?:低于|少于|不足|未达到|达不到)\s*(\d+(?:\.\d+)?)\s*(%|人|名|个|次|项|天|平方米)$/;
const BELOW_UNITS: readonly string[] = ['%', '人', '名', '个', '次', '项', '天', '平方米'];

/** Matches of each pattern, in the table's order, that fall on words no earlier match took (the caller marks what it takes). */
function* untaken<K>(s: string, patterns: ReadonlyArray<readonly [K, RegExp]>, taken: readonly boolean[]): Generator<{ kind: K; m: RegExpMatchArray; start: number; end: number }> {
  for (const [kind, re] of patterns) {
    for (const m of s.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!taken.slice(start, end).some(Boolean)) yield { kind, m, start, end };
    }
  }
}

function readSentence(s: string, original: string): SentenceReading {
  const taken: boolean[] = new Array<boolean>(s.length).fill(false);
  const mods: Mod[] = [];
  for (const { kind, m, start, end } of untaken(s, MODS, taken)) {
    // 低于98% is the line of a linear rule, and stays part of the condition's words.
    if (kind !== 'from') taken.fill(true, start, end);
    const n = kind === 'frequency' ? toNumber(m[2]!) : m.slice(1).map((x) => (x === undefined ? undefined : toNumber(x))).find((x) => x !== undefined);
    const per = kind === 'frequency' ? (m[1]!.includes('工作日') ? 'workday' : m[1] === '月' ? 'month' : 'week') : undefined;
    mods.push({ kind, start, end, ...(n !== undefined ? { n } : {}), ...(per ? { per } : {}) });
  }
  const events: Event[] = [];
  for (const { kind, m, start, end } of untaken(s, EVENTS, taken)) {
    const after = s.slice(end);
    if (kind === 'bonus' && (/[增追参添]$/.test(s.slice(0, start)) || /^\s*(?:分钟|小时|%|个|次|项|人|天)/.test(after))) continue; // 增加3分钟, 参加
    if (kind === 'deduct' && /^钟/.test(after)) continue;
    taken.fill(true, start, end);
    const n = m[1] === undefined ? undefined : toNumber(m[1]);
    const second = m[2] === undefined ? undefined : toNumber(m[2]);
    events.push({ kind, start, end, at: start + (m[0].startsWith('的') ? 1 : 0), ...(n !== undefined ? { n } : {}), ...(second !== undefined ? { m: second } : {}) });
  }
  events.sort((a, b) => a.start - b.start);
  if (ESCALATION.test(s)) return { rules: [], mods: [], refused: '含“按……处理”：转按另一项处理的升级规则须人工补充（deduct.escalate）' };
  if (events.length === 0) {
    const vague = VAGUE.find(([re]) => re.test(s));
    return vague ? { rules: [], mods: [], refused: vague[1] } : { rules: [], mods };
  }
  if (events.some((e) => (e.kind !== 'veto' && e.kind !== 'nothing' && e.n === undefined) || (e.kind === 'judge' && e.m === undefined))) {
    return { rules: [], mods: [], refused: '分值写法无法识别' };
  }
  // The words of s[a, b) that no modifier took: the condition as written.
  const words = (a: number, b: number) => original.slice(a, b).split('').filter((_, i) => !taken[a + i]).join('');
  const clauses = events.map((e, i) => clause(e, i === 0 ? 0 : events[i - 1]!.end, s, words));
  const frequency = mods.find((m) => m.kind === 'frequency');
  const from = mods.find((m) => m.kind === 'from');
  const whole = mods.some((m) => m.kind === 'whole');
  const tally = asTally(clauses, 'deduct') ?? asTally(clauses, 'bonus');
  const placed: Array<{ rule: ReadRule; start: number }> = tally
    ? [{ rule: { ...tally, wording: original }, start: 0 }]
    : clauses.map((c, i) => ({
        // One rule keeps its whole sentence; several each keep their own clause (the last one the rest of the sentence).
        rule: { ...single(c, frequency, from && Number(s.slice(from.start, from.end).match(/\d+(?:\.\d+)?/)![0]), whole), wording: clauses.length === 1 ? original : trimClause(original.slice(c.start, i === clauses.length - 1 ? s.length : c.e.end)) },
        start: c.e.start,
      }));
  for (const m of mods) {
    if (m.kind === 'frequency' || m.kind === 'from' || m.kind === 'whole' || m.kind === 'floor') continue;
    const target = placed.filter((p) => p.start < m.start).at(-1) ?? placed[0]!;
    const said = original.slice(m.start, m.end);
    applyMod(target.rule, m, said);
    if (m.kind === 'cap' && placed.length > 1) target.rule.confirm = `“${said}”按只适用于紧挨着的这一条读：如是本句各条合计的上限，请人工调整`;
  }
  const last = Math.max(...events.map((e) => e.end), ...mods.filter((m) => m.kind !== 'from').map((m) => m.end));
  const rest = original.slice(last).replace(/^[\s,，、。；;)）]+|[\s,，、。；;]+$/g, '');
  return { rules: placed.map((p) => p.rule), mods: [], ...(rest ? { rest: original } : {}) };
}

const trimClause = (s: string) => s.replace(/^[\s,，、]+|[\s,，、]+$/g, '');

function applyMod(rule: ReadRule, m: Mod, said: string): void {
  if (m.kind === 'cap' && rule.deduct) rule.deduct.max = m.n!;
  else if (m.kind === 'bonusCap' && rule.bonus) rule.points = m.n!;
  else if (m.kind === 'cap' || m.kind === 'bonusCap') rule.confirm = `“${said}”与本条的${rule.bonus ? '加分' : '扣分'}不对应，请核对`;
  else if (m.kind === 'uncapped' && rule.deduct) rule.confirm = '扣分不封顶：本条按不设上限读；有分值的项目仍以分值为上限，不封顶的扣分项请不写分值';
}

function clause(e: Event, start: number, s: string, words: (a: number, b: number) => string): Clause {
  // The text since the previous clause: its condition, then the per phrase (每次, 每个黄牌, 每缺一项) just before the amount.
  const pre = s.slice(start, e.at);
  const condition = (to: number) => {
    const text = trimClause(words(start, start + to)).replace(/^[:：]+|[:：]+$/g, '').replace(/(?:的|者)$/, '').replace(/[\s,，]+$/, '');
    return QUALIFIER.test(fold(text)) ? '' : text;
  };
  if (e.kind === 'deduct' || e.kind === 'bonus' || e.kind === 'veto') {
    const missing = e.kind === 'bonus' ? null : MISSING.exec(pre);
    if (missing) return { e, start, condition: condition(missing.index), per: { unit: missing[1]!, label: missing[2] ?? '', missing: true } };
    const run = PER_RUN.exec(pre);
    if (run) {
      const units = [...run[1]!.matchAll(new RegExp(`每(?:一)?(${MW})`, 'g'))].map((m) => m[1]!);
      return { e, start, condition: condition(run.index), per: { unit: units.at(-1)!, label: run[2] ?? '', missing: false } };
    }
    const one = ONE.exec(pre);
    if (one) return { e, start, condition: condition(one.index), per: { unit: one[1]!, label: '', missing: false } };
    const any = e.kind === 'veto' ? null : PER_ANY.exec(pre);
    if (any) return { e, start, condition: condition(any.index), per: { unit: any[1]!, label: '', missing: false } };
  }
  return { e, start, condition: condition(pre.length) };
}

/** Several rates of one finding in one sentence make a tally: 每个黄牌扣2分，每个红牌扣3分; 1次扣1分，时间长的扣3分; 镇表彰+1、区部门+1. */
function asTally(clauses: readonly Clause[], kind: 'deduct' | 'bonus'): Omit<ReadRule, 'wording'> | undefined {
  if (clauses.length < 2 || !clauses.every((c) => c.e.kind === kind)) return undefined;
  const first = clauses[0]!;
  if (kind === 'deduct' && (!first.per || first.per.missing)) return undefined;
  const units = new Set(clauses.flatMap((c) => (c.per ? [c.per.unit] : [])));
  if (units.size > 1) return undefined;
  // A first rate that names nothing (1次扣1分) is the ordinary case the later ones are worse than.
  const labels = clauses.map((c, i) => (c.per?.label || c.condition) || (i === 0 && kind === 'deduct' ? '一般情形' : ''));
  if (labels.some((l) => l === '') || new Set(labels).size !== labels.length) return undefined;
  const counts = labels.map((label, i) => ({ id: `c${i + 1}`, label })) as [{ id: string; label: string }];
  const rates = clauses.map((c, i) => ({ count: `c${i + 1}`, per: c.e.n! })) as [{ count: string; per: number }];
  return { subject: '', check: { kind: 'tally', unit: [...units][0] ?? '次', counts }, ...(kind === 'deduct' ? { deduct: { rates } } : { bonus: { rates } }) };
}

function single(c: Clause, frequency: Mod | undefined, from: number | undefined, whole: boolean): Omit<ReadRule, 'wording'> {
  const e = c.e;
  const said = fold(c.condition);
  const generic = GENERIC.test(said);
  // The answer asks "是否符合要求" where the wording only says "not compliant", and "是否发生" where it names a fault.
  const subject = generic || FAULT_REF.test(said) ? '' : c.condition;
  const yesNo: Check = generic ? { kind: 'boolean' } : { kind: 'boolean', expect: false };
  const named = c.per?.label && !c.per.missing ? `${c.condition}${c.per.label}` : subject;
  switch (e.kind) {
    case 'judge':
      return { subject, check: { kind: 'judgement', min: e.n!, max: e.m! }, deduct: { judged: true } };
    case 'linear': {
      const line = from ?? 100;
      return {
        subject: subject.replace(FROM_LINE, '').replace(/[,，的\s]+$/, ''),
        check: { kind: 'number', unit: '%', minimum: 0, maximum: 100, threshold: { op: '>=', value: line } },
        deduct: { linear: { per: e.m!, from: line, ...(e.n !== 1 ? { step: e.n! } : {}), ...(whole ? { whole: true } : {}) } },
        ...(from === undefined ? { confirm: '没有写明从多少开始扣：暂按 100% 起扣（linear.from: 100），请核对' } : {}),
      };
    }
    case 'veto':
      return { subject, check: c.per ? { kind: 'count', unit: c.per.unit } : yesNo, veto: true };
    case 'nothing':
      return { subject, check: yesNo, allOrNothing: true };
    case 'gain':
      return { subject, check: { kind: 'boolean' }, points: e.n!, allOrNothing: true };
    case 'bonus':
      return { subject: named, check: { kind: 'count', unit: c.per?.unit ?? '次' }, bonus: { per: e.n! } };
    case 'deduct': {
      const below = c.per ? null : BELOW.exec(said);
      if (below) return { subject: c.condition.slice(0, below[1]!.length), check: measured(below[3]!, Number(below[2])), deduct: { per: e.n! } };
      if (!c.per) return { subject, check: yesNo, deduct: { per: e.n! } };
      if (c.per.missing && frequency) {
        // 每周至少1次，每少1周扣N分: what is missed is a week, so the duty is due in each week and the answer counts weeks.
        const each = frequency.per !== 'workday' && c.per.unit === PER_WORDS[frequency.per!];
        return { subject, check: { kind: 'frequency', times: frequency.n!, per: frequency.per!, unit: each ? '次' : c.per.unit, ...(each ? { each } : {}) }, deduct: { per: e.n! } };
      }
      return { subject: named, check: { kind: 'count', unit: c.per.unit }, deduct: { per: e.n! }, ...(c.per.missing && c.per.unit === '项' ? { confirm: CHECKLIST_CONFIRM } : {}) };
    }
  }
}

/** A measure in its unit that must reach a line; a percentage lies between 0 and 100. */
const measured = (unit: string, line: number): Check => ({ kind: 'number', unit, minimum: 0, ...(unit === '%' ? { maximum: 100 } : {}), threshold: { op: '>=', value: line } });

/* ------------------------------------------------------------------ writing ------------------------------------------------------------------ */

const PER_WORDS = { week: '周', month: '月', workday: '个工作日' } as const;

/**
 * An indicator's scoring in the words of a county table, such that readRules reads it back as the same rule; undefined
 * where the language has more than the wording can say (the caller writes the requirement instead).
 */
export function ruleWording(ind: Pick<Indicator, 'check' | 'points' | 'deduct' | 'bonus' | 'veto'>): string | undefined {
  const parts: string[] = [];
  const c = ind.check;
  if (ind.bonus) {
    const b = ind.bonus;
    if (b.rates && c.kind === 'tally') parts.push(b.rates.map((r) => `${labelOf(c.counts, r.count)}每${c.unit}加${num(r.per)}分`).join('，'));
    else if (b.per !== undefined && c.kind === 'count' && measure(c.unit)) parts.push(`每${c.unit}加${num(b.per)}分`);
    else return undefined;
    if (ind.points !== undefined) parts[0] += `，最多加${num(ind.points)}分`;
    return parts.join('');
  }
  const d = ind.deduct;
  if (d) {
    if (d.escalate) return undefined;
    const main = deductWords(c, d);
    if (main === undefined) return undefined;
    const cap = d.max !== undefined && (ind.points === undefined || d.max < ind.points) ? `，最高扣${num(d.max)}分` : '';
    parts.push(main.head + cap + main.tail);
  } else if (!ind.veto && ind.points !== undefined) {
    if (c.kind !== 'boolean') return undefined;
    parts.push(c.expect === false ? '有上述情形的，不得分' : '不符合要求的，不得分');
  }
  if (ind.veto) {
    if (c.kind === 'count' && c.max === undefined && measure(c.unit)) parts.push(`出现1${c.unit}即单项否决`);
    else if (c.kind === 'boolean') parts.push(c.expect === false ? '有上述情形的，单项否决' : '不符合要求的，单项否决');
    else return undefined;
  }
  return parts.length > 0 ? parts.join('；') : undefined;
}

function deductWords(c: Check, d: Deduct): { head: string; tail: string } | undefined {
  if (d.per !== undefined) {
    const per = num(d.per);
    switch (c.kind) {
      case 'boolean':
        return { head: c.expect === false ? `有上述情形的，扣${per}分` : `不符合要求的，扣${per}分`, tail: '' };
      case 'number': {
        const line = c.threshold?.op === '>=' ? c.threshold.value : undefined;
        const plain = line !== undefined && BELOW_UNITS.includes(c.unit) && isDeepStrictEqual(c, measured(c.unit, line));
        return plain ? { head: `低于${num(line)}${c.unit}的，扣${per}分`, tail: '' } : undefined;
      }
      case 'count':
        return c.max === undefined && measure(c.unit) ? { head: `每${c.unit}扣${per}分`, tail: '' } : undefined;
      case 'checklist':
        if (c.require !== 'all' || c.items.some((i) => i.applies_when)) return undefined;
        return { head: `每缺一项扣${per}分`, tail: c.items.length <= 20 ? `\n${c.items.map((i, n) => `${String.fromCharCode(0x2460 + n)}${i.label}`).join('\n')}` : '' };
      case 'frequency':
        // Due in each week (month): what is missed is a week (month), as the reader takes it back.
        if (c.each) return c.per && c.per !== 'workday' && c.unit === '次' ? { head: `每${PER_WORDS[c.per]}至少${c.times ?? 1}次，每少1${PER_WORDS[c.per]}扣${per}分`, tail: '' } : undefined;
        return c.per && measure(c.unit) ? { head: `每${PER_WORDS[c.per]}至少${c.times ?? 1}${c.unit}，每少1${c.unit}扣${per}分`, tail: '' } : undefined;
      default:
        return undefined;
    }
  }
  if (d.rates && c.kind === 'tally' && measure(c.unit) && c.max === undefined) {
    return { head: d.rates.map((r) => `${labelOf(c.counts, r.count)}每${c.unit}扣${num(r.per)}分`).join('，'), tail: '' };
  }
  if (d.linear && c.kind === 'number' && c.unit === '%') {
    const l = d.linear;
    const step = num(l.step ?? 1);
    return { head: `低于${num(l.from)}%的，每降低${step}个百分点扣${num(l.per)}分`, tail: l.whole ? `，不足${step}个百分点的不扣分` : '' };
  }
  if (d.judged && c.kind === 'judgement' && (c.unit ?? '分') === '分') return { head: `酌情扣${num(c.min)}-${num(c.max)}分`, tail: '' };
  return undefined;
}

const labelOf = (items: ReadonlyArray<{ id: string; label: string }>, id: string) => items.find((i) => i.id === id)?.label ?? id;
/** Units the reader knows as measure words; others are not written as 每X. */
const measure = (unit: string) => MEASURE.includes(unit);

/* ------------------------------------------------------------------ the whole table's scoring ------------------------------------------------------------------ */

/** What a table's title or notes say about the whole score: 满分100分, 最高分110分, 加分合计最多加5分, 扣分不封顶. */
export interface ScoringWords {
  total?: number;
  max?: number;
  bonusCap?: number;
  bonusUncapped?: true;
  /** false for 扣分不封顶 (the total may fall below 0). */
  floor?: false;
}

export function readScoringWords(text: string): ScoringWords {
  const f = fold(text);
  const out: ScoringWords = {};
  const first = (re: RegExp) => {
    const m = re.exec(f);
    return m ? toNumber(m.slice(1).find((x) => x !== undefined)!) : undefined;
  };
  const total = first(new RegExp(`(?:满分|基本分|基础分|总分|基础得分|标准分)(?:为)?\\s*${N}\\s*分`));
  const max = first(new RegExp(`最高分(?:为)?\\s*${N}\\s*分|总分(?:最高)?不(?:超过|高于)\\s*${N}\\s*分`));
  const cap = first(new RegExp(`加分(?:合计|累计)?(?:最多|最高)(?:加)?\\s*${N}\\s*分|(?:附加分|加分)[^。；;\\d]{0,6}?加满\\s*${N}\\s*分为止|加分(?:合计|累计)?不(?:超过|高于)\\s*${N}\\s*分`));
  if (total !== undefined) out.total = total;
  if (max !== undefined) out.max = max;
  if (cap !== undefined) out.bonusCap = cap;
  if (/加分无上限|加分不封顶/.test(f)) out.bonusUncapped = true;
  if (/扣分不封顶/.test(f)) out.floor = false;
  return out;
}

/** The whole score in the words readScoringWords reads. */
export function scoringWords(s: { total: number; max?: number | 'none'; bonusCap?: number; floor?: boolean }): string {
  return [
    `满分${num(s.total)}分`,
    ...(s.bonusCap !== undefined ? [`加分合计最多加${num(s.bonusCap)}分`] : []),
    ...(s.max === 'none' ? ['加分无上限'] : s.max !== undefined && s.max !== s.total ? [`最高分${num(s.max)}分`] : []),
    ...(s.floor === false ? ['扣分不封顶'] : []),
  ].join('；');
}
