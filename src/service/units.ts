// The unit tree, county → township → village, by 统计用区划代码. Units are the administrator's to change.
import type { Principal } from '../domain/people.js';
import type { UnitRecord } from '../domain/units.js';
import { AuditError, type Problem } from '../errors.js';
import { LEVEL_ZH } from '../levels.js';
import { PATTERNS, UNIT_CODE_HINT } from '../schema/validate.js';
import type { Store } from '../store/types.js';
import { Pacer } from '../turns.js';
import type { Access } from './access.js';
import { fail } from './fail.js';
import { controlCharacterProblems } from './text.js';

const UNIT_CODE = new RegExp(PATTERNS.unitCode);
const LEVEL_RANK = { county: 0, township: 1, village: 2 } as const;

export class UnitService {
  constructor(
    private readonly store: Store,
    private readonly access: Access,
    private readonly now: () => Date,
  ) {}

  async put(input: Partial<UnitRecord>, actor: Principal): Promise<UnitRecord> {
    if (typeof input.code === 'string') await this.access.unit(actor, input.code, 'manage', input.parent ?? null);
    const problems: Problem[] = [];
    if (typeof input.code !== 'string' || !UNIT_CODE.test(input.code)) problems.push({ code: 'SCHEMA', path: '/code', message: UNIT_CODE_HINT });
    if (typeof input.name !== 'string' || input.name.trim() === '') problems.push({ code: 'SCHEMA', path: '/name', message: '缺少单位名称' });
    else problems.push(...controlCharacterProblems(input.name, '/name').map((p) => ({ ...p, message: `单位名称${p.message}` })));
    if (!input.level || !(input.level in LEVEL_RANK)) problems.push({ code: 'SCHEMA', path: '/level', message: `层级应为 ${Object.entries(LEVEL_ZH).map(([id, zh]) => `${id}（${zh}）`).join('、')}` });
    const parent = input.parent ?? null;
    if (parent !== null) {
      const p = await this.store.getUnit(parent);
      if (!p) problems.push({ code: 'SCHEMA', path: '/parent', message: `上级单位 ${parent} 不存在` });
      else if (input.level && input.level in LEVEL_RANK && LEVEL_RANK[p.level] >= LEVEL_RANK[input.level]) problems.push({ code: 'SCHEMA', path: '/parent', message: `上级单位 ${p.name} 的层级不高于本单位` });
    } else if (input.level && input.level !== 'county') problems.push({ code: 'SCHEMA', path: '/parent', message: '镇(街道)和村(社区)须写明上级单位' });
    if (problems.length) fail('BAD_REQUEST', `单位信息有 ${problems.length} 处问题`, problems);
    return this.store.putUnit({ code: input.code!, name: input.name!.trim(), level: input.level!, parent }, this.now().toISOString(), actor.name);
  }

  async get(code: string, actor: Principal): Promise<UnitRecord> {
    await this.access.unit(actor, code, 'read');
    return (await this.store.getUnit(code)) ?? fail('NOT_FOUND', `找不到单位 ${code}`);
  }

  async list(filter: { parent?: string; level?: UnitRecord['level'] }, actor: Principal): Promise<UnitRecord[]> {
    const all = await this.store.listUnits(filter);
    const visible = await this.access.visible(actor);
    if (!visible) return all;
    const seen = new Set(visible);
    return all.filter((u) => seen.has(u.code));
  }

  /** Only an administrator's upload is worth reading: checked before any parsing. */
  mayImport(actor: Principal): Promise<void> {
    return this.access.manage(actor);
  }

  /** Units in order, parents before children, so a county's whole tree can come in one list. */
  async import(list: unknown, actor: Principal): Promise<UnitRecord[]> {
    await this.access.manage(actor);
    if (!Array.isArray(list)) return fail('BAD_REQUEST', '单位清单应为列表');
    const out: UnitRecord[] = [];
    const problems: Problem[] = [];
    const pacer = new Pacer();
    for (const [i, u] of list.entries()) {
      await pacer.pace();
      try {
        out.push(await this.put(u as Partial<UnitRecord>, actor));
      } catch (e) {
        if (!(e instanceof AuditError)) throw e;
        problems.push(...e.problems.map((p) => ({ ...p, path: `/${i}${p.path}` })));
      }
    }
    if (problems.length) fail('BAD_REQUEST', `单位清单有 ${problems.length} 处问题（其余单位已保存）`, problems);
    return out;
  }
}
