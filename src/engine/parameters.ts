import type { Problem } from '../errors.js';
import type { Rubric } from '../rubric/model.js';
import type { Notice, ParameterUse } from '../schema/generated/assessment.js';

export interface ResolvedParameters {
  values: ReadonlyMap<string, number>;
  uses: ParameterUse[];
  warnings: Notice[];
  problems: Problem[];
}

/** Year-dependent values for the period's year. A missing year is carried forward only where the rubric says so, and always visibly. */
export function resolveParameters(rubric: Rubric, period: string): ResolvedParameters {
  const year = Number(period.slice(0, 4));
  const values = new Map<string, number>();
  const uses: ParameterUse[] = [];
  const warnings: Notice[] = [];
  const problems: Problem[] = [];
  for (const [name, p] of Object.entries(rubric.parameters)) {
    const years = Object.keys(p.by_year).map(Number).sort((a, b) => a - b);
    const own = p.by_year[String(year)];
    const earlier = years.filter((y) => y < year).at(-1);
    const fromYear = own !== undefined ? year : p.carry_forward ? earlier : undefined;
    if (fromYear === undefined) {
      problems.push({
        code: 'PARAMETER_UNDEFINED',
        path: '/period',
        message: `评分标准未设定 ${year} 年的“${p.label}”（已设定年份：${years.join('、')}）`,
      });
      continue;
    }
    const value = p.by_year[String(fromYear)]!;
    values.set(name, value);
    uses.push({ name, label: p.label, year, value, from_year: fromYear });
    if (fromYear !== year) {
      warnings.push({
        code: 'PARAMETER_CARRIED_FORWARD',
        message: `${year} 年未设定“${p.label}”，沿用 ${fromYear} 年的 ${value}${p.unit ?? ''}`,
      });
    }
  }
  return { values, uses, warnings, problems };
}

const BY_YEAR = new WeakMap<Rubric, Map<number, ResolvedParameters>>();

/** resolveParameters, once per rubric and year (only the period's year decides them); what it returns is frozen. */
export function parametersFor(rubric: Rubric, period: string): ResolvedParameters {
  const year = Number(period.slice(0, 4));
  let years = BY_YEAR.get(rubric);
  if (!years) BY_YEAR.set(rubric, (years = new Map()));
  let p = years.get(year);
  if (!p) {
    const r = resolveParameters(rubric, period);
    p = Object.freeze({ values: r.values, uses: r.uses.map((u) => Object.freeze(u)), warnings: r.warnings.map((w) => Object.freeze(w)), problems: r.problems.map((x) => Object.freeze(x)) });
    years.set(year, p);
  }
  return p;
}
