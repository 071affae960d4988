import type { Check, Indicator, RubricDefinition, Scoring } from '../../src/schema/generated/rubric.js';

const SOURCE = { file: 'standards/township-center-58-indicators.md', part: '测试' };

export function indicator(id: string, check: Check, extra: Partial<Indicator> = {}): Indicator {
  return { id, title: `指标${id}`, text: `原文${id}`, source: SOURCE, check, guidance: { inspect: '看', evidence: ['照片'] }, ...extra };
}

/** A minimal valid definition around the given indicators; no tiers unless given. */
export function definition(indicators: Indicator[], extra: Partial<RubricDefinition> = {}): RubricDefinition {
  return {
    id: 'test-rubric',
    title: '测试标准',
    version: '1',
    issuer: '测试',
    source: { file: SOURCE.file },
    effective: { from: null },
    applies_to: ['township', 'village'],
    levels: ['项目'],
    scoring: { method: 'percent' },
    sections: [{ title: '全部', indicators: indicators as [Indicator, ...Indicator[]] }],
    ...extra,
  };
}

export const pointsScoring: Scoring = {
  method: 'points',
  total: 10,
  bonus_cap: 2,
  grades: [
    { id: 'excellent', label: '优秀', min: 9, pass: true },
    { id: 'good', label: '良好', min: 8, pass: true },
    { id: 'pass', label: '合格', min: 6, pass: true },
    { id: 'fail', label: '不合格', min: 0, pass: false },
  ],
};
