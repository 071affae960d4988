// The result a record page and the live form show: for a points rubric, each section's subtotal (扣完为止 within its
// own points), the unit's self-assessed total and its difference, and 满分 beside a 最高分 where bonus can pass it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/engine/evaluate.js';
import { rubricFromDefinition } from '../../../src/rubric/parse.js';
import ResultView from '../../src/components/ResultView.vue';
import { rubric } from './kit.js';

const fixture = (id: string, name: string) => JSON.parse(readFileSync(join(process.cwd(), 'fixtures', id, `${name}.json`), 'utf8'));

describe('the result view', () => {
  it('shows every section’s subtotal, and the self-assessed total with its difference', () => {
    const r = rubric('yinchuan-branch-hall-departments');
    const a = assess(r, { ...fixture(r.id, 'deductions'), self_scores: { '1': 17, '2': 20, '3': 20, '4': 20, '5': 10, '6': 10 } });
    const w = mount(ResultView, { props: { a, def: r.definition } });
    const rows = w.findAll('[data-test="sections"] tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()));
    expect(rows).toEqual(a.sections!.map((s) => [s.title, String(s.budget), String(s.max), String(s.deducted), String(s.subtotal), String(s.self_score)]));
    // 97 claimed; the score is what the answers give.
    expect(w.get('[data-test="self-assessment"]').text()).toBe(`单位自评 97 分，考核得分与自评相差 ${a.score! - 97} 分。`);
  });

  it('without self-scores there is no self column; a score bonus may lift past full marks shows its 最高分', () => {
    const def = {
      ...rubric('county-monthly-assessment').definition,
      scoring: { ...rubric('county-monthly-assessment').definition.scoring, max: 'none' as const },
    };
    const r = rubricFromDefinition(def);
    const a = assess(r, fixture(r.id, 'good'));
    const w = mount(ResultView, { props: { a, def } });
    expect(w.find('[data-test="self-assessment"]').exists()).toBe(false);
    expect(w.get('[data-test="result-full"]').text()).toBe('（满分 100，最高分 不设上限）');
  });
});
