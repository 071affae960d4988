import type { UnitLevel } from './schema/generated/rubric.js';

/** Chinese names of the unit levels, as templates, reports and messages print them. */
export const LEVEL_ZH: Readonly<Record<UnitLevel, string>> = { county: '县(市、区)', township: '镇(街道)', village: '村(社区)' };
