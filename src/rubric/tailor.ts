// Tailoring (as XCCDF does it): a county adjusts a published rubric without copying it. The tailoring names the
// rubric it extends by id@version and lists its changes, each with a reason; applying them gives a definition of
// its own id, version and hash that remembers where it came from and what changed, for the report's notes.
import { canonicalJson, sha256 } from '../canonical.js';
import type { Problem } from '../errors.js';
import type { Indicator as IndicatorDef, RubricDefinition, Section } from '../schema/generated/rubric.js';
import type { Tailoring } from '../schema/generated/tailoring.js';

export interface Tailored {
  definition?: RubricDefinition;
  /** Located in the tailoring document (JSON pointers into it). */
  problems: Problem[];
}

/** The extended rubric's id and version from `extends: id@version`. */
export function extendsRef(t: Tailoring): { id: string; version: string } {
  const at = t.extends.indexOf('@');
  return { id: t.extends.slice(0, at), version: t.extends.slice(at + 1) };
}

const SETTABLE = ['points', 'weight', 'threshold', 'thresholds', 'deduct'] as const;

/** Applies a tailoring to the definition it extends (already checked to be that id and version). */
export function tailor(base: RubricDefinition, t: Tailoring): Tailored {
  const def = structuredClone(base) as RubricDefinition & { derived_from?: unknown };
  delete def.derived_from;
  const problems: Problem[] = [];
  const words: string[] = [];
  const where = indexIndicators(def);
  const missing = (path: string, id: string) => problems.push({ code: 'UNKNOWN_INDICATOR_REF', path, message: `调整的指标“${id}”在评分标准“${base.id}”中不存在` });

  t.changes.forEach((c, i) => {
    const at = `/changes/${i}`;
    if (c.set !== undefined) {
      const found = where.get(c.set);
      if (!found) return missing(`${at}/set`, c.set);
      const ind = found.list[found.index]!;
      const fields = SETTABLE.filter((k) => c[k] !== undefined);
      if (fields.length === 0) return void problems.push({ code: 'EXTENDS', path: at, message: `调整指标 ${c.set} 时须写明要改的字段（${SETTABLE.join('、')}）` });
      for (const k of fields) {
        if (k === 'threshold' || k === 'thresholds') {
          if (ind.check.kind !== 'number') {
            problems.push({ code: 'EXTENDS', path: `${at}/${k}`, message: `指标 ${c.set} 不是数值类指标，不能调整阈值` });
            continue;
          }
          const check = ind.check as unknown as Record<string, unknown>;
          delete check.threshold;
          delete check.thresholds;
          check[k] = c[k];
        } else (ind as unknown as Record<string, unknown>)[k] = c[k];
      }
      words.push(`指标 ${c.set}“${ind.title}”调整 ${fields.map((k) => `${k}=${canonicalJson(c[k])}`).join('，')}：${c.reason}`);
    } else if (c.drop !== undefined) {
      const found = where.get(c.drop);
      if (!found) return missing(`${at}/drop`, c.drop);
      const [gone] = found.list.splice(found.index, 1);
      where.clear();
      for (const [k, v] of indexIndicators(def)) where.set(k, v);
      words.push(`删去指标 ${c.drop}“${gone!.title}”：${c.reason}`);
    } else if (c.not_applicable !== undefined) {
      const found = where.get(c.not_applicable);
      if (!found) return missing(`${at}/not_applicable`, c.not_applicable);
      const ind = found.list[found.index]!;
      ind.not_applicable = c.reason;
      delete ind.applies_when;
      words.push(`指标 ${c.not_applicable}“${ind.title}”本县不适用：${c.reason}`);
    } else if (c.add) {
      const found = where.get(c.add.after);
      if (!found) return missing(`${at}/add/after`, c.add.after);
      if (where.has(c.add.indicator.id)) {
        return void problems.push({ code: 'DUPLICATE_ID', path: `${at}/add/indicator/id`, message: `新增指标的编号“${c.add.indicator.id}”已经存在` });
      }
      found.list.splice(found.index + 1, 0, structuredClone(c.add.indicator));
      where.clear();
      for (const [k, v] of indexIndicators(def)) where.set(k, v);
      words.push(`新增指标 ${c.add.indicator.id}“${c.add.indicator.title}”：${c.reason}`);
    }
  });

  if (t.scoring) {
    def.scoring = { ...def.scoring, ...t.scoring };
    words.push(`计分设置调整：${canonicalJson(t.scoring)}`);
  }
  if (t.rectification) {
    def.rectification = { ...def.rectification, ...t.rectification };
    words.push(`整改设置调整：${canonicalJson(t.rectification)}`);
  }
  for (const [tier, line] of Object.entries(t.tier_lines ?? {})) {
    const found = def.tiers?.find((x) => x.id === tier);
    if (!found) {
      problems.push({ code: 'UNKNOWN_TIER', path: `/tier_lines/${tier}`, message: `评分标准“${base.id}”没有等级“${tier}”（已有：${(def.tiers ?? []).map((x) => x.id).join('、') || '无'}）` });
      continue;
    }
    found.min_score = line;
    words.push(`“${found.label}”的分数线调整为 ${line} 分`);
  }

  def.id = t.id;
  def.title = t.title;
  def.version = t.version;
  def.issuer = t.issuer;
  if (t.effective) def.effective = t.effective;
  def.notes = [...(def.notes ?? []), ...(t.notes ?? []), `本评分标准由 ${base.id}（版本 ${base.version}）调整而来，共 ${words.length} 处调整，逐条列在 derived_from.changes。`];
  def.derived_from = { id: base.id, version: base.version, hash: sha256(canonicalJson(base)), changes: words };
  return problems.length > 0 ? { problems } : { definition: def, problems };
}

/** Where each indicator sits: the list that holds it and its index, so a change can edit, drop or insert in place. */
function indexIndicators(def: RubricDefinition): Map<string, { list: IndicatorDef[]; index: number }> {
  const out = new Map<string, { list: IndicatorDef[]; index: number }>();
  const visit = (sections: Section[]) => {
    for (const s of sections) {
      s.indicators?.forEach((ind, index) => out.set(ind.id, { list: s.indicators!, index }));
      if (s.sections) visit(s.sections);
    }
  };
  visit(def.sections);
  return out;
}
