import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/api/index.js';
import { History } from '../src/query/index.js';
import { loadDashboard, loadDatasources, shippedTargets } from '../test/api/grafana/dashboard.js';
import { infinityUrl } from '../test/api/grafana/infinity.js';
import { recordManyServices } from '../test/api/grafana/manyServices.js';

/**
 * `node --import tsx bench/dashboardMemory.ts [--services 400] [--loads 8]`: the memory of a server
 * answering the default Grafana dashboard with Service = All (issue 12, item 4). Records one hour of
 * `services` services (the fixture of test/api/grafana/bounded.test.ts), serves it from a child
 * process, fires `loads` concurrent loads of every query of the shipped dashboard over HTTP (as
 * Infinity builds them: 1 h, `${__interval_ms}` = 3600) and prints the child's resident memory at
 * rest and at its peak (VmHWM), with the bytes each route answered. Not part of `npm run bench`.
 */
const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '400' },
    loads: { type: 'string', default: '8' },
    serve: { type: 'string' },
    now: { type: 'string' },
  },
});

if (values.serve) {
  const now = Number(values.now);
  const history = History.open(values.serve, { now: () => now });
  const app = await buildApp({ history, now: () => now });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${(app.server.address() as { port: number }).port}\n`);
} else {
  const fx = await recordManyServices(Number(values.services), 3);
  fx.history.close();
  await fx.store.close();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--serve', fx.path, '--now', String(fx.to)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d) => resolve(Number(String(d)))),
  );
  const memory = (field: 'VmRSS' | 'VmHWM'): number =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) /
    1024;
  const get = (path: string) =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      })
        .on('error', reject)
        .end();
    });
  const dashboard = loadDashboard();
  const base = loadDatasources().datasources[0]!.url;
  const scene = {
    name: 'All',
    from: fx.from,
    to: fx.to,
    intervalMs: 3600,
    variables: { namespace: 'All' as const, service: 'All' as const },
  };
  const urls = shippedTargets(dashboard).map((t) => {
    const url = infinityUrl(base, t.query, dashboard.templating.list, scene);
    return { where: t.where, path: url.pathname + url.search };
  });
  const atRest = memory('VmRSS');
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: Number(values.loads) }, () =>
      Promise.all(urls.map(async (u) => ({ ...u, ...(await get(u.path)) }))),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = memory('VmHWM');
  child.kill();
  for (const a of answers[0] ?? [])
    process.stdout.write(`${a.status} ${(a.bytes / 1e6).toFixed(2).padStart(7)} MB  ${a.where}\n`);
  process.stdout.write(
    `${values.services} services, ${values.loads} concurrent dashboard loads (${urls.length} queries each) in ${seconds.toFixed(1)} s: server RSS at rest ${atRest.toFixed(0)} MB, peak ${peak.toFixed(0)} MB\n`,
  );
}
