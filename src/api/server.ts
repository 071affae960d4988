// The only place that listens. Embedded default: SQLite under DATA_DIR (./data), a demo county and a demo token on
// first start. With DATABASE_URL: PostgreSQL, and BIANMIN_TOKEN must be set; with DATABASE_URL_READONLY instead, a
// read-only reporting instance over a replica. Limits are shared through REDIS_URL, else PostgreSQL.
import closeWithGrace from 'close-with-grace';
import { openCounters } from '../counters/open.js';
import { prewarmRendering, stopRendering } from '../service/render.js';
import { prewarmIsolation, stopIsolation } from '../excel/isolate.js';
import { DEFAULT_RUBRICS_DIR, loadRubricSet } from '../rubric/load.js';
import { chinaPeriod } from '../periods/calendar.js';
import { openStore } from '../store/open.js';
import { buildApp } from './app.js';
import { TokenRegistry } from './auth.js';
import { DEMO_COUNTY, demoToken, seedDemo } from './demo.js';
import { WEB_DIST } from './web.js';

const env = process.env;
const refuse = (message: string): never => {
  console.error(message);
  process.exit(2);
};
const readOnly = !!env.DATABASE_URL_READONLY;
if (readOnly && env.DATABASE_URL) refuse('DATABASE_URL 与 DATABASE_URL_READONLY 只能设置一个：前者是可写的主实例，后者是只读的报表实例');
const embedded = !env.DATABASE_URL && !readOnly;
// An empty variable counts as unset: an empty token must never be accepted.
const adminToken = env.BIANMIN_TOKEN || undefined;
if (!embedded && !adminToken) refuse(`使用 PostgreSQL（${readOnly ? 'DATABASE_URL_READONLY' : 'DATABASE_URL'}）时必须设置 BIANMIN_TOKEN（管理员令牌）`);

/** TRUST_PROXY: unset, a number of proxy hops, or the proxies' addresses (comma-separated, CIDR allowed, or loopback). */
function trustProxy(value: string | undefined): number | string | false {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') return refuse('TRUST_PROXY=true 会相信任何客户端自己写的 X-Forwarded-For；请写反向代理的地址（如 127.0.0.1 或 10.0.0.0/8）或代理层数（如 1）');
  return value.split(',').map((a) => a.trim()).filter(Boolean).join(',');
}

const started = performance.now();
const store = await openStore(env);
// The bundled rubrics, then a county's own folder of them (RUBRICS_DIR: rubrics beside their standards/).
const { rubrics, refused } = await loadRubricSet([DEFAULT_RUBRICS_DIR, ...(env.RUBRICS_DIR ? [env.RUBRICS_DIR] : [])]);
for (const r of refused) console.error(`rubric not loaded: ${r}`);
const tokens = new TokenRegistry();
if (adminToken) tokens.add(adminToken, { name: 'admin', role: 'admin', scope: null });
const perMinute = env.RATE_LIMIT_PER_MINUTE ? Number(env.RATE_LIMIT_PER_MINUTE) : undefined;
if (perMinute !== undefined && !(Number.isInteger(perMinute) && perMinute > 0)) {
  console.error(`RATE_LIMIT_PER_MINUTE 应为正整数，实际为“${env.RATE_LIMIT_PER_MINUTE}”`);
  process.exit(2);
}
const counters = await openCounters(env);
const app = await buildApp({
  store, rubrics, tokens, counters, web: WEB_DIST, trustProxy: trustProxy(env.TRUST_PROXY), logger: env.LOG !== '0' && env.NODE_ENV === 'production', ...(perMinute ? { rateLimit: perMinute } : {}),
}).catch((e: Error) => refuse(`启动失败：${e.message}（请检查 TRUST_PROXY 等设置）`));

// The demo token is an ordinary issued token, made once with the demo county: only its digest is stored, so it is
// shown this once and stays valid across restarts until it is revoked.
let demo: string | undefined;
if (embedded && env.DEMO !== '0' && (await store.listUnits()).length === 0) {
  const { assessments } = await seedDemo(app.services, chinaPeriod(new Date()));
  console.log(`已创建演示数据：示例县（${DEMO_COUNTY}），3 个镇(街道)，5 个村(社区)，${assessments} 条考核记录`);
  if (!adminToken) demo = await demoToken(app.services);
}

const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '127.0.0.1';
// The address actually bound (PORT=0 picks a free port).
const url = await app.listen({ port, host });
// The first upload should not wait for a spreadsheet reader to start; started once listening, so as not to delay it.
// Spares warm their reader on a rubric's template (any rubric will do for that; later, the one last imported), and
// the render worker its writer on one, so the first download after a start does not wait for it either.
const firstRubric = rubrics.values().next().value;
prewarmIsolation(firstRubric?.definition);
prewarmRendering(firstRubric);
const where = embedded ? `SQLite ${env.DATA_DIR ?? 'data'}/bianmin-audit.sqlite` : readOnly ? 'PostgreSQL，只读报表实例' : 'PostgreSQL';
console.log(`bianmin-audit 已启动：${url}  （${where}，限流计数：${counters.kind}，启动用时 ${Math.round(performance.now() - started)} ms）`);
console.log(`网页：${url}/    接口文档：${url}/openapi.json`);
const tryIt = (token: string) => `试一试：curl -H "Authorization: Bearer ${token}" "${url}/reports/county?rubric=township-center-2022&county=${DEMO_COUNTY}&period=${chinaPeriod(new Date())}&format=json"`;
if (demo) {
  console.log(`演示令牌：${demo}`);
  console.log('（只显示这一次：服务只保存它的摘要，重启后仍然有效；不再需要时用 npm run cli -- token revoke 吊销）');
  console.log(tryIt(demo));
} else if (embedded && !adminToken) {
  const live = (await store.listTokens()).some((t) => !t.revoked_at);
  console.log(
    live
      ? '令牌：演示令牌只在首次启动时显示，重启不会更换，仍然有效。已遗失的，用 npm run cli -- token create --name <使用人> --role admin 新建一个，并用 token list / token revoke 吊销旧的。'
      : '令牌：还没有可用的令牌。用 npm run cli -- token create --name <使用人> --role admin 创建一个（只显示一次，服务只保存其摘要）。',
  );
  console.log(tryIt('<令牌>'));
}

// SIGTERM/SIGINT: stop taking connections, answer 503 to new requests on open ones, let in-flight requests
// finish, then close the store. A second signal, or 20 s without finishing, exits at once.
closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
  if (err) console.error(`stopping after an uncaught error: ${err.stack ?? String(err)}`);
  else console.log(`收到 ${signal}，正在停止：处理中的请求完成后退出`);
  await app.close();
  await stopIsolation();
  await stopRendering();
  await counters.close();
  await store.close();
});
