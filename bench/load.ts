// The load generator of `npm run bench:api`, in a process of its own: a client's work (writing requests, parsing
// answers of up to 27 KB) is not the server's, and in the server's process it would share its event loop, counting
// against its throughput and adding to its latency. Prints one JSON line: requests a second, p99, non-2xx, errors,
// and how many requests were answered in all.
// Usage (from bench/api.ts): tsx bench/load.ts '{"url": …, "connections": 50, "seconds": 10, "unique": false, …}'
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  token: string;
  /** The submission sent. */
  fixture: string;
  /** Each request a fresh unit and period (creates would be refused as duplicates): units numbered 0 to units − 1. */
  unique?: { units: number; periods: string[] };
}

const o = JSON.parse(process.argv[2]!) as LoadOptions;
const body = JSON.parse(readFileSync(o.fixture, 'utf8')) as { unit: Record<string, unknown> };
let n = 0;
const result = await autocannon({
  url: o.url,
  method: 'POST',
  connections: o.connections,
  duration: o.seconds,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
  body: JSON.stringify(body),
  ...(o.unique
    ? {
        requests: [
          {
            setupRequest: ((req: { body?: string }) => {
              const { units, periods } = o.unique!;
              const i = n++;
              const unit = { ...body.unit, code: String(330201000000 + (i % units) * 1000), name: `镇${i % units}` };
              return { ...req, body: JSON.stringify({ ...body, unit, period: periods[Math.floor(i / units) % periods.length] }) };
            }) as never,
          },
        ],
      }
    : {}),
});
console.log(JSON.stringify({ rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, total: result.requests.total }));
