// The rubric set the service scores with. It can take a rubric at run time (add), and it keeps every rubric a stored
// record was scored with reachable by hash (pin, pinned), so old results stay explainable after a rubric changes.
import type { AssessmentRecord } from '../domain/records.js';
import type { Rubric } from '../rubric/model.js';
import { rubricFromDefinition } from '../rubric/parse.js';
import type { Store } from '../store/types.js';
import { fail } from './fail.js';
import type { Download, Renderer, TemplateRequest } from './render.js';

export class RubricService {
  private readonly byId: Map<string, Rubric>;
  /** Snapshots known to be stored: pinning costs a write only the first time. */
  private readonly pinnedHashes = new Set<string>();

  constructor(
    rubrics: ReadonlyMap<string, Rubric>,
    private readonly store: Store,
    private readonly render: Renderer,
  ) {
    this.byId = new Map(rubrics);
  }

  list(): Rubric[] {
    return [...this.byId.values()];
  }

  /** The rubrics by id, as the spreadsheet importer resolves a template's rubric. */
  get all(): ReadonlyMap<string, Rubric> {
    return this.byId;
  }

  get(id: string): Rubric {
    return this.byId.get(id) ?? fail('RUBRIC_NOT_FOUND', `找不到评分标准“${id}”（可用：${[...this.byId.keys()].join('、')}）`);
  }

  /** Adds (or replaces, by id) a rubric that has passed loading and its consistency rules. */
  add(rubric: Rubric): void {
    this.byId.set(rubric.id, rubric);
  }

  /** The rubric a submission names. */
  of(input: unknown): Rubric {
    const id = (input as { rubric?: unknown } | null)?.rubric;
    if (typeof id !== 'string') return fail('SUBMISSION_INVALID', '提交缺少评分标准 rubric', [{ code: 'SCHEMA', path: '/rubric', message: '缺少必填字段“rubric”' }]);
    return this.get(id);
  }

  template(id: string, t: TemplateRequest): Promise<Download> {
    return this.render.template(this.get(id), t);
  }

  /** Stores the rubric's exact content before a record scored with it is written. */
  async pin(rubric: Rubric, at: string): Promise<void> {
    if (this.pinnedHashes.has(rubric.hash)) return;
    await this.store.putRubric(rubric.definition, rubric.hash, at);
    this.pinnedHashes.add(rubric.hash);
  }

  /** The rubric a record was scored with: today's if unchanged, else its stored snapshot. */
  async pinned(rec: AssessmentRecord): Promise<Rubric> {
    const current = this.byId.get(rec.rubric.id);
    if (current && current.hash === rec.rubric.hash) return current;
    const def = await this.store.getRubric(rec.rubric.hash);
    return def ? rubricFromDefinition(def) : fail('NOT_FOUND', `找不到考核记录所用的评分标准 ${rec.rubric.id}（${rec.rubric.hash}）`);
  }
}
