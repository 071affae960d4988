// The server side of bench/stall.ts, in a process of its own so the client's work never counts against it: a
// county-sized store, the app on a free port, and its own event-loop lag, read and reset over IPC.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/api/app.js';
import { TokenRegistry } from '../src/api/auth.js';
import { assess } from '../src/engine/evaluate.js';
import { listRubrics, PACKAGE_ROOT, rubricMap } from '../src/rubric/load.js';
import type { Submission } from '../src/schema/generated/submission.js';
import { openSqlite } from '../src/store/sqlite.js';

const [RECORDS, TOKEN] = [Number(process.argv[2]), process.argv[3]!];
const rubrics = rubricMap(await listRubrics());
const r = rubrics.get('township-center-2022')!;
const standard = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures/township-center-2022/standard.json'), 'utf8')) as Submission;

// A county-sized store: RECORDS assessments (300 townships × 12 months by default), written straight to the store.
const store = openSqlite(join(mkdtempSync(join(tmpdir(), 'bench-stall-')), 'db.sqlite'));
await store.migrate();
const COUNTY = '330200000000';
await store.putUnit({ code: COUNTY, name: '县', level: 'county', parent: null }, '2025-01-01T00:00:00.000Z');
const towns = Math.ceil(RECORDS / 12);
for (let i = 0; i < towns; i++) await store.putUnit({ code: String(330201000000 + i * 1000), name: `镇${i}`, level: 'township', parent: COUNTY }, '2025-01-01T00:00:00.000Z');
await store.putRubric(r.definition, r.hash, '2025-01-01T00:00:00.000Z');
const batch = [];
for (let i = 0; i < RECORDS; i++) {
  const s = { ...standard, unit: { code: String(330201000000 + (i % towns) * 1000), name: `镇${i % towns}`, level: 'township' as const }, period: `2025-${String(Math.floor(i / towns) + 1).padStart(2, '0')}` };
  batch.push({ submission: s, assessment: assess(r, s), created_at: '2025-12-01T00:00:00.000Z', created_by: 'bench' });
}
await store.createAssessments(batch);

const tokens = new TokenRegistry();
tokens.add(TOKEN, { name: 'bench', role: 'admin', scope: null });
const app = await buildApp({ store, rubrics, tokens, now: () => new Date(Date.UTC(2026, 10, 25)), rateLimit: 1e9 });
const url = await app.listen({ port: 0, host: '127.0.0.1' });


/** The longest the event loop went without running a 2 ms timer, beyond those 2 ms. */
let last = performance.now();
let max = 0;
setInterval(() => {
  const t = performance.now();
  max = Math.max(max, t - last - 2);
  last = t;
}, 2).unref();
process.on('message', (m: string) => {
  if (m === 'reset') {
    max = 0;
    last = performance.now();
    process.send!({ reset: true });
  } else if (m === 'read') process.send!({ max });
  else if (m === 'stop') void app.close().then(() => store.close()).then(() => process.exit(0));
});
process.send!({ url, towns, county: COUNTY });
