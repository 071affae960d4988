// The rubric set the service scores with. It can take a rubric at run time (add), and it keeps every rubric a stored
// record was scored with reachable by hash (pin, pinned), so old results stay explainable after a rubric changes.
import { sha256 } from '../canonical.js';
import type { Principal } from '../domain/people.js';
import type { AssessmentRecord } from '../domain/records.js';
import { AuditError } from '../errors.js';
import type { Rubric } from '../rubric/model.js';
import { normalise } from '../rubric/normalise.js';
import { rubricFromDefinition } from '../rubric/parse.js';
import { rubricSource } from '../rubric/source.js';
import { parseText } from '../source/document.js';
import type { Unit } from '../schema/generated/submission.js';
import type { Store } from '../store/types.js';
import { chinaPeriodOf, requirePeriodKind } from '../periods/calendar.js';
import type { Access } from './access.js';
import { fail } from './fail.js';
import type { Download, Renderer, TemplateRequest } from './render.js';

/** What an administrator uploads: a rubric (or a tailoring) as YAML or JSON text, and the transcriptions it cites. */
export interface RubricUpload {
  rubric: string;
  /** standards/<file> → its text. */
  transcriptions?: Readonly<Record<string, string>>;
}

export class RubricService {
  private readonly byId: Map<string, Rubric>;
  /** The rubrics the service started with (bundled, or from RUBRICS_DIR): an upload never replaces one. */
  private readonly installed: ReadonlySet<string>;
  /** Snapshots known to be stored: pinning costs a write only the first time. */
  private readonly pinnedHashes = new Set<string>();

  constructor(
    rubrics: ReadonlyMap<string, Rubric>,
    private readonly store: Store,
    private readonly render: Renderer,
    private readonly access: Access,
    private readonly now: () => Date,
  ) {
    this.byId = new Map(rubrics);
    this.installed = new Set(rubrics.keys());
  }

  /** Puts back in force the rubrics administrators uploaded (the latest of each id), as the store remembers them. */
  async restore(): Promise<void> {
    for (const def of await this.store.uploadedRubrics()) {
      if (!this.installed.has(def.id)) this.byId.set(def.id, rubricFromDefinition(def));
    }
  }

  /**
   * An administrator's rubric: checked like a file (schema, consistency, every quotation against the transcription
   * uploaded with it; a tailoring against the rubric it extends), pinned by hash with its upload in the record chain,
   * and usable at once. Every problem comes back located by YAML path and line.
   */
  async upload(u: RubricUpload, actor: Principal): Promise<Rubric> {
    await this.access.manage(actor);
    const shown = '上传的评分标准';
    const { doc, problems } = parseText(u.rubric, shown);
    if (!doc) throw new AuditError('RUBRIC_REFUSED', `${shown}无法解析`, problems);
    const texts = u.transcriptions ?? {};
    const source = await rubricSource(
      doc,
      { read: async (cited) => (Object.hasOwn(texts, cited) ? texts[cited] : undefined), base: async (id) => (this.byId.has(id) ? { definition: this.byId.get(id)!.definition, transcriptions: new Map() } : undefined) },
      shown,
    ).catch((e: unknown) => {
      throw e instanceof AuditError && e.code === 'RUBRIC_INVALID' ? new AuditError('RUBRIC_REFUSED', e.message, e.problems) : e;
    });
    const rubric = normalise(source.definition);
    if (this.installed.has(rubric.id)) {
      throw new AuditError('RUBRIC_REFUSED', `评分标准“${rubric.id}”随软件提供或由 RUBRICS_DIR 提供，不能用上传的替换：请换一个 id（调整它请用 extends）`, [
        { code: 'DUPLICATE_ID', path: '/id', message: `评分标准 id“${rubric.id}”已被占用` },
      ]);
    }
    const fingerprints = Object.fromEntries([...source.transcriptions].map(([file, text]) => [file, sha256(text)]));
    await this.store.uploadRubric(rubric.definition, rubric.hash, fingerprints, this.now().toISOString(), actor.name);
    this.pinnedHashes.add(rubric.hash);
    this.byId.set(rubric.id, rubric);
    return rubric;
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

  /**
   * A template for a period: unless given, the rubric's current period in China (this month, quarter or half
   * year), the one an inspection can be recorded for. A period of another kind is refused, not written in.
   */
  template(id: string, t: TemplateRequest): Promise<Download> {
    const rubric = this.get(id);
    if (t.period !== undefined) requirePeriodKind(rubric, t.period, '/period');
    return this.render.template(rubric, { ...t, period: t.period ?? chinaPeriodOf(rubric.period, this.now()) });
  }

  /** The units of a county a rubric assesses, parents first, for pre-filled bulk sheets and print workbooks. */
  async unitsFor(id: string, county: string, actor: Principal): Promise<Unit[]> {
    const levels: readonly string[] = this.get(id).appliesTo;
    const codes = new Set(await this.access.readableSubtree(actor, county));
    return (await this.store.subtree(county)).filter((u) => codes.has(u.code) && levels.includes(u.level)).map((u) => ({ code: u.code, name: u.name, level: u.level }));
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
