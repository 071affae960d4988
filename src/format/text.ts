// Assessment -> readable Chinese report for a terminal. Pure: returns the text, the caller writes it.
import { OP_SYMBOL, withUnit } from '../checks/words.js';
import type { Rubric } from '../rubric/model.js';
import type { Comparator } from '../schema/generated/rubric.js';
import type { Assessment, Blocker, TierResult } from '../schema/generated/assessment.js';
import { gradeQualifier, LEVEL_ZH, STATUS_MARK, STATUS_ZH, tierStanding } from './labels.js';
import { table } from './width.js';

export function formatText(a: Assessment, rubric: Rubric): string {
  const tierLabel = new Map(rubric.tiers.map((t) => [t.id, t.label]));
  const lines: string[] = [];
  lines.push(`${rubric.title}（${rubric.id}，版本 ${rubric.version}）`);
  lines.push(`被检查单位：${a.unit.name}（${a.unit.code}，${LEVEL_ZH[a.unit.level] ?? a.unit.level}）`);
  lines.push(`考核期间：${a.period}${a.inspector ? `    检查人：${a.inspector}` : ''}${a.inspected_on ? `    检查日期：${a.inspected_on}` : ''}`);
  lines.push('');
  if (a.grade) {
    const why = gradeQualifier(a.grade);
    const byScore = rubric.scoring.grades.find((g) => g.id === a.grade!.by_score)?.label;
    lines.push(`考核等级：${a.grade.label}${why ? `（${why}；按得分应为${byScore}）` : ''}`);
    if (a.grade.not_assessed) lines.push(`说明：${a.grade.not_assessed.reason}`);
  } else if (rubric.implicitTier) {
    lines.push(`结论：${a.result.label}`);
  }
  // A points rubric with its own tiers (一星–五星) has both a grade and the tier reached.
  if (!rubric.implicitTier) lines.push(`达到等级：${tierStanding(a)}`);
  const d = a.score_detail;
  const full = d.total ?? d.max;
  const ceiling = d.total !== undefined && d.max !== d.total ? `，最高 ${d.max ?? '不设上限'}` : '';
  const pointsNote = d.method === 'points' ? `，扣 ${d.deducted ?? 0} 分，加分 ${d.bonus ?? 0} 分` : '';
  lines.push(`得分：${a.score === null ? '无（没有适用的指标）' : `${a.score}（满分 ${full}${ceiling}${pointsNote}）`}`);
  if (a.self_assessment) {
    const s = a.self_assessment;
    lines.push(`单位自评：${s.total} 分${s.difference !== undefined ? `（考核得分与自评相差 ${s.difference > 0 ? '+' : ''}${s.difference} 分）` : '（自评未覆盖全部计分项目，不计差额）'}`);
  }
  if (a.sections?.length) {
    lines.push('分项得分：');
    for (const s of a.sections) {
      const self = s.self_score !== undefined ? `，自评 ${s.self_score}` : '';
      lines.push(`${'  '.repeat(s.depth + 1)}${s.path.at(-1)}：${s.subtotal}/${s.max}${s.budget !== undefined ? `（分值 ${s.budget}，扣完为止）` : ''}${self}`);
    }
  }
  if (a.grade?.next && !a.grade.vetoed) lines.push(`距“${a.grade.next.label}”（≥${a.grade.next.min} 分）还差 ${a.grade.next.points_short} 分`);
  const c = a.counts;
  lines.push(`统计：达标 ${c.met} 项，未达标 ${c.unmet} 项，不适用 ${c.not_applicable} 项，未检查 ${c.not_assessed} 项（共 ${c.total} 项）`);
  for (const w of a.warnings) lines.push(`提示：${w.message}`);

  const open = a.tiers.filter((t) => !t.reached);
  if (open.length > 0) {
    lines.push('');
    lines.push(rubric.implicitTier ? '未达标原因（必须整改的项目）：' : '差距（要达到以下等级必须整改的指标）：');
    for (const t of open) lines.push(...tierGap(t));
  }
  if (a.completeness.unanswered_necessary.length > 0) {
    lines.push('');
    lines.push(`注意：${a.completeness.unanswered_necessary.length} 项必要条件未检查，未检查的指标不计为达标：${a.completeness.unanswered_necessary.join('、')}`);
  }

  lines.push('');
  lines.push('逐项结果：');
  const points = d.method === 'points';
  const self = a.self_assessment !== undefined;
  const rows: string[][] = [['序号', '指标', points ? '得分' : rubric.implicitTier ? '要求' : '必要条件', ...(self ? ['自评'] : []), '结果', '说明']];
  for (const r of a.results) {
    const third = points
      ? r.points
        ? r.points.bonus > 0 || rubric.byId.get(r.id)?.bonus ? `+${r.points.bonus}` : `${r.points.earned}/${r.points.max}`
        : '—'
      : rubric.implicitTier
        ? r.requirement === 'recommended' ? '推荐' : '必须'
        : r.necessary_for.length ? r.necessary_for.map((t) => tierLabel.get(t) ?? t).join('、') : '—';
    const flags = r.veto ? '［否决项］' : '';
    const own = self ? [r.self_score !== undefined ? String(r.self_score) : '—'] : [];
    rows.push([r.id, r.title + flags, third, ...own, `${STATUS_MARK[r.status]} ${STATUS_ZH[r.status]}`, r.reason + (r.note ? `（备注：${r.note}）` : '')]);
  }
  lines.push(table(rows));
  const changes = tailoringNotes(rubric);
  if (changes.length) lines.push('', ...changes);
  return `${lines.join('\n')}\n`;
}

/** A tailored rubric's changes, for the report's notes: 本县调整（相对 …）. */
export function tailoringNotes(rubric: Rubric): string[] {
  const from = rubric.definition.derived_from;
  if (!from) return [];
  return [`本县调整（相对 ${from.id} 版本 ${from.version}）：`, ...from.changes.map((c, i) => `  ${i + 1}. ${c}`)];
}

function tierGap(t: TierResult): string[] {
  const out: string[] = [];
  const parts: string[] = [];
  if (t.blocking.length) parts.push(`${t.blocking.length} 项必要条件`);
  if (t.score_short) parts.push(`得分还差 ${t.score_short} 分（要求 ≥${t.min_score}）`);
  out.push(`  ${t.label}：${parts.length ? parts.join('，') : '下一级未达到'}`);
  for (const b of t.blocking) out.push(`    [${b.id}] ${b.title}：${STATUS_ZH[b.status]}。${blockerDetail(b)}`);
  return out;
}

function blockerDetail(b: Blocker): string {
  if (b.status === 'not_assessed') return '没有答案，未检查的指标不计为达标';
  if (b.shortfall && b.shortfall.op !== '==') {
    const s = b.shortfall;
    return `实际 ${withUnit(s.value, s.unit)}，要求 ${OP_SYMBOL[s.op as Comparator]}${withUnit(s.required, s.unit)}，差 ${withUnit(s.difference, s.unit)}`;
  }
  if (b.missing_items?.length) return `缺少：${b.missing_items.join('、')}`;
  return b.reason;
}
