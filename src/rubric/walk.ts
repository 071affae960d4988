import type { Indicator as IndicatorDef, RubricDefinition, Section } from '../schema/generated/rubric.js';

export interface IndicatorSite {
  def: IndicatorDef;
  pointer: string;
  section: string[];
}

/** Every indicator of a definition in source order, with its JSON pointer and heading chain. */
export function indicatorSites(def: RubricDefinition): IndicatorSite[] {
  const out: IndicatorSite[] = [];
  const visit = (sections: readonly Section[], base: string, chain: string[]) => {
    sections.forEach((s, i) => {
      const here = `${base}/${i}`;
      const heading = `${s.number ?? ''}${s.title}`;
      if (s.sections) visit(s.sections, `${here}/sections`, [...chain, heading]);
      s.indicators?.forEach((ind, j) => out.push({ def: ind, pointer: `${here}/indicators/${j}`, section: [...chain, heading] }));
    });
  };
  visit(def.sections, '/sections', []);
  return out;
}

/** Every section of a definition in rubric order, with its JSON pointer. */
export function sectionSites(def: RubricDefinition): Array<{ section: Section; pointer: string }> {
  const out: Array<{ section: Section; pointer: string }> = [];
  const visit = (sections: readonly Section[], base: string) =>
    sections.forEach((s, i) => {
      out.push({ section: s, pointer: `${base}/${i}` });
      if (s.sections) visit(s.sections, `${base}/${i}/sections`);
    });
  visit(def.sections, '/sections');
  return out;
}
