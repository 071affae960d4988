import type { UnitLevel } from './schema/generated/rubric.js';

/** Chinese names of the unit levels, as templates, reports and messages print them. */
export const LEVEL_ZH: Readonly<Record<UnitLevel, string>> = { county: '县(市、区)', township: '镇(街道)', village: '村(社区)' };

/** A level from what a person wrote: its id, its Chinese name, or part of the name (镇, 村, 社区). */
export const levelFromLabel = (text: string): UnitLevel | undefined =>
  (Object.entries(LEVEL_ZH) as Array<[UnitLevel, string]>).find(([id, label]) => text === label || text === id || label.includes(text))?.[0];
