import { existsSync, readdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { STATUS } from '../../src/api/errors.js';
import { AuditError } from '../../src/errors.js';
import { type ImportResult, importWorkbook } from '../../src/excel/import.js';
import { configureIsolationQueue, importWorkbookIsolated, ISOLATION_DEFAULTS, isolationQueue, isolationWarmup, prewarmIsolation, readUnitsIsolated, stopIsolation } from '../../src/excel/isolate.js';
import { buildBulkTemplate, buildTemplate } from '../../src/excel/template.js';
import { readUnitList } from '../../src/excel/units.js';
import type { Rubric } from '../../src/rubric/model.js';
import type { RubricDefinition } from '../../src/schema/generated/rubric.js';
import { fixture, rubric } from '../support/rubrics.js';
import { load, save } from '../support/workbooks.js';
import { entriesOf, writeZip } from '../support/zips.js';

const r = await rubric('township-center-2022');
const county = await rubric('county-monthly-assessment');
const rubrics = new Map([[r.id, r], [county.id, county]]);
const resolve = (id: string) => rubrics.get(id);
const json = (rubricId: string, name: string) => JSON.parse(readFileSync(fixture(rubricId, `${name}.json`), 'utf8'));
const template = await buildTemplate(r, { unit: { code: '330212001000', name: '测试镇便民服务中心', level: 'township' }, period: '2026-11' });

/** Both imports succeed with the same result, and the isolated one hands back the very Rubric passed in. */
async function sameResult(bytes: Uint8Array, opts: { rubric?: Rubric; onlyValid?: boolean } = {}): Promise<ImportResult> {
  const here = await importWorkbook(bytes, { resolve, ...opts });
  const there = await importWorkbookIsolated(bytes, { rubrics, ...opts });
  expect(there).toEqual(here);
  expect(there.rubric).toBe(here.rubric);
  return here;
}

/** Both refuse, with the same code, message and problems. */
async function sameRefusal(here: Promise<unknown>, there: Promise<unknown>): Promise<AuditError> {
  const [a, b] = [await here.catch((e: unknown) => e), await there.catch((e: unknown) => e)];
  expect(a).toBeInstanceOf(AuditError);
  expect(b).toBeInstanceOf(AuditError);
  const fields = (e: AuditError) => ({ code: e.code, message: e.message, problems: e.problems });
  expect(fields(b as AuditError)).toEqual(fields(a as AuditError));
  return a as AuditError;
}

const refused = async (p: Promise<unknown>): Promise<AuditError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(AuditError);
  return e as AuditError;
};

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const unpolluted = (before: string[]) => {
  expect(prototypeKeys()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
};

describe('the isolated import gives exactly what the in-process import gives', () => {
  it('a filled single template of each rubric', async () => {
    const res = await sameResult(await buildTemplate(r, { prefill: json(r.id, 'standard') }));
    expect(res).toMatchObject({ kind: 'single', problems: [], submissions: [json(r.id, 'standard')] });
    expect((await sameResult(await buildTemplate(county, { prefill: json(county.id, 'good') }))).submissions).toEqual([json(county.id, 'good')]);
  }, 60_000);

  it('a bulk sheet with problems on some rows, importing only the valid ones', async () => {
    const subs = ['demonstration', 'standard', 'neither'].map((n) => json(r.id, n));
    const wb = await load(await buildBulkTemplate(r, { prefill: subs }));
    const ws = wb.getWorksheet('批量录入')!;
    const col = (key: string) => (ws.getRow(2).values as unknown[]).indexOf(key);
    ws.getCell(5, col('4')).value = '很大';
    const res = await sameResult(await save(wb), { onlyValid: true });
    expect(res).toMatchObject({ kind: 'bulk', rejected: 1, problems: [{ code: 'UNREADABLE_CELL', sheet: '批量录入' }] });
    expect(res.submissions).toHaveLength(2);
  }, 60_000);

  it('refusals come back as the same AuditError: a template of another rubric, a cell over the text limit', async () => {
    const other = await buildTemplate(county);
    expect(await sameRefusal(importWorkbook(other, { resolve, rubric: r }), importWorkbookIsolated(other, { rubrics, rubric: r }))).toMatchObject({ code: 'IMPORT_INVALID', problems: [{ code: 'TEMPLATE_MISMATCH' }] });
    const wb = await load(template);
    wb.getWorksheet('检查表')!.getCell('K40').value = '长'.repeat(40_000);
    const long = await save(wb);
    expect(await sameRefusal(importWorkbook(long, { resolve }), importWorkbookIsolated(long, { rubrics }))).toMatchObject({ problems: [{ code: 'SHEET_LIMIT', sheet: '检查表', cell: 'K40' }] });
  }, 60_000);

  it('unit lists: the same list, or the same refusal', async () => {
    const list = async (headers: string[], rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('单位');
      ws.addRow(headers);
      for (const row of rows) ws.addRow(row);
      return save(wb);
    };
    // `__proto__` and `constructor` as header text and as values are only text.
    const good = await list(['单位代码', '单位名称', '层级', '上级代码', '__proto__', 'constructor'], [
      ['330212000000', '__proto__', '县(市、区)', '', '{"polluted":1}', 'x'],
      ['330212101000', 'constructor', '镇(街道)', '330212000000', '__proto__', 'y'],
    ]);
    const before = prototypeKeys();
    const here = await readUnitList(good);
    expect(await readUnitsIsolated(good)).toEqual(here);
    expect(here.map((u) => u.name)).toEqual(['__proto__', 'constructor']);
    unpolluted(before);
    const bad = await list(['单位名称'], [['某镇']]);
    expect(await sameRefusal(readUnitList(bad), readUnitsIsolated(bad))).toMatchObject({ problems: [{ code: 'MISSING_COLUMN', message: expect.stringContaining('单位代码') }, { code: 'MISSING_COLUMN', message: expect.stringContaining('层级') }] });
  }, 60_000);
});

describe('__proto__ and constructor in a sheet pollute nothing', () => {
  it('as hidden keys, header text, _meta keys and cell values', async () => {
    const sub = json(r.id, 'standard');
    const wb = await load(await buildBulkTemplate(r, { prefill: [sub] }));
    const ws = wb.getWorksheet('批量录入')!;
    const n = ws.getRow(2).cellCount;
    ['__proto__', 'fact.__proto__', 'constructor', 'fact.constructor'].forEach((key, i) => {
      ws.getCell(2, n + 1 + i).value = key;
      ws.getCell(3, n + 1 + i).value = i % 2 ? 'constructor' : '__proto__';
      ws.getCell(4, n + 1 + i).value = i % 2 ? 12 : '{"__proto__":{"polluted":1}}';
    });
    const meta = wb.getWorksheet('_meta')!;
    meta.addRow(['__proto__', '{"polluted":1}']);
    meta.addRow(['constructor', 'x']);
    const before = prototypeKeys();
    const res = await sameResult(await save(wb));
    unpolluted(before);
    // Whatever the reader made of the extra columns, nothing in the result carries another prototype.
    const plain = (v: unknown): boolean =>
      v === null || typeof v !== 'object' || ((Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype) && Object.values(v).every(plain));
    expect(res.submissions.every(plain) && res.problems.every(plain)).toBe(true);
  }, 60_000);
});

describe('hostile bytes: always a result or a 4xx AuditError, never another error, never a hang, nothing polluted', () => {
  const settle = async (bytes: Uint8Array) => {
    const before = prototypeKeys();
    const res = await importWorkbookIsolated(bytes, { rubrics }).catch((e: unknown) => e);
    if (res instanceof Error) {
      expect(res).toBeInstanceOf(AuditError);
      const status = STATUS[(res as AuditError).code];
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    } else {
      // A mutation in a field nobody reads (a timestamp, say) leaves a workbook that imports.
      expect(res).toMatchObject({ kind: expect.stringMatching(/^(single|bulk)$/), submissions: expect.any(Array), problems: expect.any(Array) });
    }
    unpolluted(before);
  };

  type Mutation = { op: 'flip'; at: number; mask: number } | { op: 'insert'; at: number; bytes: Uint8Array } | { op: 'delete'; at: number; length: number } | { op: 'truncate'; at: number };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  );
  const mutate = (bytes: Uint8Array, ms: Mutation[]): Buffer => {
    let b = Buffer.from(bytes);
    for (const m of ms) {
      const at = m.at % Math.max(1, b.length);
      if (m.op === 'flip') b[at] = (b[at] ?? 0) ^ m.mask;
      else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
      else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
      else b = b.subarray(0, at);
    }
    return b;
  };

  it('random bytes, some behind a zip signature', async () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), b])));
    await fc.assert(fc.asyncProperty(bytes, settle), { numRuns: 60 });
  }, 60_000);

  it('a real template with bytes flipped, inserted, deleted or cut off', async () => {
    await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => settle(mutate(template, ms))), { numRuns: 60 });
  }, 120_000);

  it('a sound zip whose XML parts are damaged, so that exceljs and the readers get them', async () => {
    const parts = await entriesOf(template);
    const xml = parts.map((p, i) => [p, i] as const).filter(([p]) => /\.xml$/.test(p.name));
    const damaged = fc.record({ part: fc.constantFrom(...xml.map(([, i]) => i)), ms: fc.array(mutation, { minLength: 1, maxLength: 3 }) });
    await fc.assert(
      fc.asyncProperty(damaged, ({ part, ms }) => settle(writeZip(parts.map((p, i) => (i === part ? { name: p.name, data: mutate(p.data!, ms) } : p))))),
      { numRuns: 8 },
    );
  }, 120_000);
});

describe('the worker is bounded in time and memory, and always ends', () => {
  // Threads of this process (Linux), to see that a terminated worker really went away.
  const threads = () => (existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : 0);

  it('past its time limit: the Chinese timeout refusal, and the worker is gone', async () => {
    await importWorkbookIsolated(template, { rubrics }); // warms the thread pool, so the count below is steady
    const baseline = threads();
    const e = await refused(importWorkbookIsolated(template, { rubrics }, { timeoutMs: 5 }));
    expect(e).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('未能在 0.005 秒内读完'), problems: [{ code: 'TOO_COMPLEX' }] });
    expect(STATUS[e.code]).toBe(400);
    await vi.waitFor(() => expect(threads()).toBeLessThanOrEqual(baseline), { timeout: 5_000 });
  }, 60_000);

  it('past its heap limit: the Chinese memory refusal, while a normal file fits the same limit', async () => {
    // One merged range over two million cells: a few hundred bytes of zip, and exceljs makes every cell.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('合并').mergeCells('A1:B2');
    const parts = await entriesOf(await save(wb));
    const big = writeZip(parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { name: p.name, data: Buffer.from(Buffer.from(p.data!).toString().replace('<mergeCell ref="A1:B2"', '<mergeCell ref="A1:T100000"')) } : p)));
    expect(big.length).toBeLessThan(10_000);
    const small = { resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } };
    expect(await importWorkbookIsolated(template, { rubrics }, small)).toEqual(await importWorkbook(template, { resolve }));
    const e = await refused(importWorkbookIsolated(big, { rubrics }, small));
    expect(e).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('超出了内存上限'), problems: [{ code: 'TOO_COMPLEX' }] });
  }, 60_000);
});

describe('a spare warms its reader on a rubric\'s template while it waits (a speed-up that changes no result)', () => {
  const filled = () => buildTemplate(r, { prefill: json(r.id, 'standard') });

  it('the first spare makes the template and hands it back for the next ones; imports through warmed spares are unchanged', async () => {
    await stopIsolation();
    prewarmIsolation(county.definition);
    await vi.waitFor(() => expect(isolationWarmup()?.template).toBeDefined(), { timeout: 30_000, interval: 50 });
    const warm = isolationWarmup()!;
    expect(warm.rubric).toBe(county.definition);
    // What it warmed on is that rubric's own (empty) template, read by the same importer as an upload.
    const read = await importWorkbook(warm.template!, { resolve });
    expect([read.kind, read.rubric.id, read.submissions]).toEqual(['single', county.id, []]);
    // Through the spare that made the template, the results are the in-process ones.
    expect((await sameResult(await buildTemplate(county, { prefill: json(county.id, 'good') }))).submissions).toEqual([json(county.id, 'good')]);
    // Its rubric is the one warmed on already: the template is kept. Through a spare given it, the results are unchanged,
    // and since that import names another rubric, the next spares warm on that one.
    expect(isolationWarmup()).toEqual({ rubric: county.definition, template: warm.template });
    expect((await sameResult(await filled())).submissions).toEqual([json(r.id, 'standard')]);
    expect(isolationWarmup()?.rubric).toBe(r.definition);
  }, 60_000);

  it('a job that comes while the spare is still warming is served as if it were not', async () => {
    await stopIsolation();
    prewarmIsolation(structuredClone(r.definition));
    expect(isolationWarmup()?.template).toBeUndefined();
    expect((await sameResult(await filled())).submissions).toEqual([json(r.id, 'standard')]);
  }, 60_000);

  it('a warm-up that fails (a rubric that does not load) leaves a worker that serves its job', async () => {
    await stopIsolation();
    prewarmIsolation({ id: 'not-a-rubric' } as unknown as RubricDefinition);
    // Time for the spare to load and fail its warm-up before the job reaches it.
    await new Promise((done) => setTimeout(done, 3_000));
    expect(isolationWarmup()?.template).toBeUndefined();
    expect((await sameResult(await filled())).submissions).toEqual([json(r.id, 'standard')]);
  }, 60_000);
});

describe('uploads waiting for a reader are bounded', () => {
  it('past the waiting limit an upload is told the service is busy (503), and the queue drains', async () => {
    configureIsolationQueue({ maxConcurrent: 1, maxWaiting: 1 });
    try {
      // Each upload is zip-scanned before it queues, so which of the three arrives last is up to the scans.
      const results = await Promise.allSettled([0, 1, 2].map(() => importWorkbookIsolated(template, { rubrics })));
      expect(results.map((x) => x.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      const busy = (results.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason as AuditError;
      expect([busy.code, STATUS[busy.code], busy.message]).toEqual(['UNAVAILABLE', 503, '正在导入的文件过多，请稍后再试']);
      // Once the queue has drained, uploads are taken again.
      expect((await importWorkbookIsolated(template, { rubrics })).kind).toBe('single');
    } finally {
      configureIsolationQueue({ maxConcurrent: ISOLATION_DEFAULTS.maxConcurrent, maxWaiting: ISOLATION_DEFAULTS.maxWaiting });
    }
  }, 60_000);
});

describe('the parse queue is fair between uploaders (issue 12, defect 5)', () => {
  it('one uploader has one parse at a time and its share of the waiting places; another is not kept waiting behind its files', async () => {
    configureIsolationQueue({ maxConcurrent: 2, maxWaiting: 16, maxWaitingPerOwner: 4 });
    try {
      const finished: string[] = [];
      // Settled at once (a refusal arrives before anyone awaits it), as the error or undefined.
      const upload = (owner: string) =>
        importWorkbookIsolated(template, { rubrics }, { owner }).then(
          () => void finished.push(owner),
          (e: AuditError) => e,
        );
      // Six files from one token at once, then one from another.
      const flood = [1, 2, 3, 4, 5, 6].map(() => upload('a'));
      await new Promise((res) => setTimeout(res, 300));
      const results = await Promise.all([...flood, upload('b')]);
      const refused = results.filter((x) => x !== undefined);
      // One running and four waiting is its share: the sixth is turned away, with a message that says why.
      expect(refused.map((e) => [e.code, e.message])).toEqual([['UNAVAILABLE', '您已有 5 个文件在导入或排队，请等前面的文件导入完成后再上传']]);
      // The other token's file took the slot the flood could not hold, so it finished before the flood's third (each
      // parse starts a worker, so which of the first ones ends first is up to the machine); first come, first served,
      // it would have finished last.
      expect(finished.indexOf('b')).toBeLessThan(3);
      expect(finished).toHaveLength(6);
    } finally {
      configureIsolationQueue({ maxConcurrent: ISOLATION_DEFAULTS.maxConcurrent, maxWaiting: ISOLATION_DEFAULTS.maxWaiting, maxWaitingPerOwner: ISOLATION_DEFAULTS.maxWaitingPerOwner });
    }
  }, 120_000);

  it('when a slot frees, the uploader who just had a turn goes to the back of the line', async () => {
    configureIsolationQueue({ maxConcurrent: 1, maxWaiting: 16, maxWaitingPerOwner: 4 });
    try {
      const finished: string[] = [];
      const upload = (owner: string) => importWorkbookIsolated(template, { rubrics }, { owner }).then(() => void finished.push(owner));
      const first = [1, 2, 3].map(() => upload('a'));
      // Only once a's first file holds the slot and its other two wait does c arrive (however slow the machine).
      await vi.waitUntil(() => JSON.stringify(isolationQueue()) === JSON.stringify({ running: ['a'], waiting: [['a', 2]] }), { timeout: 30_000, interval: 5 });
      const second = [1, 2].map(() => upload('c'));
      await Promise.all([...first, ...second]);
      expect(finished).toEqual(['a', 'c', 'a', 'c', 'a']);
    } finally {
      configureIsolationQueue({ maxConcurrent: ISOLATION_DEFAULTS.maxConcurrent, maxWaiting: ISOLATION_DEFAULTS.maxWaiting, maxWaitingPerOwner: ISOLATION_DEFAULTS.maxWaitingPerOwner });
    }
  }, 120_000);
});

