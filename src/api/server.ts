// The only place that listens. Embedded default: SQLite under DATA_DIR (./data), a demo county on first start,
// and a demo token printed. With DATABASE_URL: PostgreSQL, and BIANMIN_TOKEN must be set.
import { randomBytes } from 'node:crypto';
import closeWithGrace from 'close-with-grace';
import { prewarmIsolation, stopIsolation } from '../excel/isolate.js';
import { listRubrics, rubricMap } from '../rubric/load.js';
import { chinaPeriod } from '../periods/calendar.js';
import { openStore } from '../store/open.js';
import { buildApp } from './app.js';
import { TokenRegistry } from './auth.js';
import { DEMO_COUNTY, seedDemo } from './demo.js';

const env = process.env;
const embedded = !env.DATABASE_URL;
// An empty variable counts as unset: an empty token must never be accepted.
const adminToken = env.BIANMIN_TOKEN || undefined;
if (!embedded && !adminToken) {
  console.error('使用 PostgreSQL（DATABASE_URL）时必须设置 BIANMIN_TOKEN（管理员令牌）');
  process.exit(2);
}

const started = performance.now();
const store = await openStore(env);
const listing = await listRubrics();
for (const l of listing) if (l.error) console.error(`rubric ${l.file} not loaded: ${l.error.message}`);
const rubrics = rubricMap(listing);
const token = adminToken ?? randomBytes(24).toString('hex');
const tokens = new TokenRegistry();
tokens.add(token, { name: adminToken ? 'admin' : 'demo-admin', role: 'admin', scope: null });
const perMinute = env.RATE_LIMIT_PER_MINUTE ? Number(env.RATE_LIMIT_PER_MINUTE) : undefined;
if (perMinute !== undefined && !(Number.isInteger(perMinute) && perMinute > 0)) {
  console.error(`RATE_LIMIT_PER_MINUTE 应为正整数，实际为“${env.RATE_LIMIT_PER_MINUTE}”`);
  process.exit(2);
}
const app = await buildApp({ store, rubrics, tokens, logger: env.LOG !== '0' && env.NODE_ENV === 'production', ...(perMinute ? { rateLimit: perMinute } : {}) });

if (embedded && env.DEMO !== '0' && (await store.listUnits()).length === 0) {
  const { assessments } = await seedDemo(app.services, chinaPeriod(new Date()));
  console.log(`已创建演示数据：示例县（${DEMO_COUNTY}），3 个镇(街道)，5 个村(社区)，${assessments} 条考核记录`);
}

// The first upload should not wait for a spreadsheet reader to start.
prewarmIsolation();

const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '127.0.0.1';
// The address actually bound (PORT=0 picks a free port).
const url = await app.listen({ port, host });
console.log(`bianmin-audit 已启动：${url}  （${embedded ? `SQLite ${env.DATA_DIR ?? 'data'}/bianmin-audit.sqlite` : 'PostgreSQL'}，启动用时 ${Math.round(performance.now() - started)} ms）`);
console.log(`接口文档：${url}/openapi.json`);
if (embedded && !adminToken) {
  console.log(`演示令牌：${token}`);
  console.log(`试一试：curl -H "Authorization: Bearer ${token}" "${url}/reports/county?rubric=township-center-2022&county=${DEMO_COUNTY}&period=${chinaPeriod(new Date())}&format=json"`);
}

// SIGTERM/SIGINT: stop taking connections, answer 503 to new requests on open ones, let in-flight requests
// finish, then close the store. A second signal, or 20 s without finishing, exits at once.
closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
  if (err) console.error(`stopping after an uncaught error: ${err.stack ?? String(err)}`);
  else console.log(`收到 ${signal}，正在停止：处理中的请求完成后退出`);
  await app.close();
  await stopIsolation();
  await store.close();
});
