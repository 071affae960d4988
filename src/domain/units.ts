import type { UnitLevel } from '../schema/generated/rubric.js';

export type { UnitLevel } from '../schema/generated/rubric.js';

/** A unit of the tree county → township → village. */
export interface UnitRecord {
  /** 12-digit 统计用区划代码 where one exists; always text. */
  code: string;
  name: string;
  level: UnitLevel;
  /** The unit above: a township's county, a village's township. */
  parent: string | null;
}
