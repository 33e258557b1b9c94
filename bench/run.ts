import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/throwawayPostgres.js';
import { loadAverage } from './proc/procStats.js';
import { type BenchRow, fmt, printTable, row } from './report.js';
import { benchFleet } from './sections/fleet.js';
import { benchGraphql } from './sections/graphql.js';
import { benchIsolation } from './sections/isolation.js';
import { benchLongHistory } from './sections/longHistory.js';
import { benchPostgresStore } from './sections/postgresStore.js';
import { benchRecorder } from './sections/recorder.js';
import { benchScale } from './sections/scale.js';
import { benchStore } from './sections/store.js';
import { benchUi } from './sections/ui.js';

/**
 * `npm run bench [-- --events N] [-- --pods N --services N] [-- --only store,graphql,recorder,isolation,scale,ui]`:
 * measures the performance budget of DESIGN.md as ratios against baselines taken in the same run,
 * and prints one table (also written to bench/out/).
 *
 * `--backend postgres` starts a throwaway PostgreSQL server (scripts/throwawayPostgres.ts) and runs
 * the sections `store` (SQLite, the baseline), `postgres` (the same churn through the PostgreSQL
 * write path against raw COPY, endpointsAt latency, bytes per event), `fleet` (`--recorders N`
 * recorder processes at `--rate` changes/s each into one database, `--fleet-pods` pods per cluster)
 * and `graphql` (on both backends); `--only` picks among them.
 */
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    pods: { type: 'string', default: '50000' },
    services: { type: 'string', default: '2500' },
    only: { type: 'string' },
    'watch-list': { type: 'boolean', default: false },
    backend: { type: 'string', default: 'sqlite' },
    recorders: { type: 'string', default: '10' },
    rate: { type: 'string', default: '200' },
    'fleet-pods': { type: 'string', default: '1000' },
    'fleet-seconds': { type: 'string', default: '20' },
  },
});
if (values.backend !== 'sqlite' && values.backend !== 'postgres')
  throw new Error(`--backend ${values.backend}: sqlite or postgres`);
const postgres = values.backend === 'postgres';
const events = Number(values.events);
const dir = mkdtempSync(join(tmpdir(), 'eph-bench-'));
const log = (s: string) => process.stderr.write(`${s}\n`);
const rows: BenchRow[] = [];
const sections = postgres ? ['store', 'postgres', 'fleet', 'graphql'] : null;
const want = (name: string) =>
  values.only ? values.only.split(',').includes(name) : sections === null || sections.includes(name);
// durable settings (fsync, synchronous_commit and full_page_writes stay on), as a server users run
const server = postgres
  ? await startThrowawayPostgres({ purpose: 'bench PostgreSQL server', settings: ['shared_buffers=256MB'] })
  : null;
if (server) log(`PostgreSQL: a throwaway server at ${server.url}, load average ${loadAverage()}`);

const store = want('store') || want('graphql') ? await sqliteStore() : null;
const pg = server && (want('postgres') || want('graphql')) ? await postgresStore(server) : null;
if (store && pg)
  rows.push(
    row(
      'postgres',
      'bytes per stored event: PostgreSQL / SQLite (whole store)',
      `${fmt(pg.bytesPerEvent)} / ${fmt(store.bytesPerEvent)}`,
    ),
  );
if (store && want('graphql')) {
  // a typical service (median size) at a moment in the middle of the history
  const service = store.services[Math.floor(store.services.length / 2)]!;
  const at = Math.floor((store.start + store.end) / 2);
  log(`graphql: endpoints(at) for ${service.namespace}/${service.name} over HTTP`);
  const sqlite = await benchGraphql(store.dbPath, service, at, log);
  rows.push(...sqlite.rows);
  if (pg) {
    log('graphql: the same on PostgreSQL');
    const onPg = await benchGraphql(pg.url, service, at, log, 'graphql pg');
    rows.push(
      ...onPg.rows,
      row(
        'graphql pg',
        'GraphQL req/s: PostgreSQL / SQLite (same run)',
        `${fmt((100 * onPg.graphqlPerSecond) / sqlite.graphqlPerSecond)}%`,
      ),
    );
  }
}

if (server && want('fleet')) {
  const options = {
    recorders: Number(values.recorders),
    perSecond: Number(values.rate),
    pods: Number(values['fleet-pods']),
    durationMs: Number(values['fleet-seconds']) * 1000,
  };
  log(`fleet: ${options.recorders} recorders × ${options.perSecond} changes/s into one PostgreSQL`);
  rows.push(...(await benchFleet(server.url, server.root, dir, options, log)));
}

if (want('recorder')) {
  log(`recorder: catch-up of ${Number(values.pods).toLocaleString('en-US')} pods, then steady churn`);
  rows.push(...(await benchRecorder(dir, Number(values.pods), log)));
}

if (want('isolation')) {
  const pods = Number(values.pods);
  const services = Number(values.services);
  log(`isolation: run over ${pods.toLocaleString('en-US')} pods under churn and query load`);
  rows.push(...(await benchIsolation(dir, pods, services, log)));
}

if (want('scale')) {
  const pods = Number(values.pods);
  const services = Number(values.services);
  log(
    `scale: run starting on ${pods.toLocaleString('en-US')} pods / ${services.toLocaleString('en-US')} services`,
  );
  rows.push(...(await benchScale(dir, pods, services, log, values['watch-list'] ? ['--watch-list'] : [])));
}

if (want('ui')) {
  log('ui: the timeline page in Chromium, a service with 1,000 endpoints over 24 hours');
  rows.push(...(await benchUi(dir, log)));
}

const table = printTable(rows);
process.stdout.write(`${table}\n`);
mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'out', 'results.md'), `${table}\n`);
// the stores of a run are hundreds of MB: nothing in them is needed once the table is printed
rmSync(dir, { recursive: true, force: true });
server?.stop();

async function sqliteStore() {
  log(`store: ${events.toLocaleString('en-US')} observations of seeded churn into ${dir}`);
  const result = await benchStore(dir, events, log);
  rows.push(...result.rows);
  if (want('store')) rows.push(...(await benchLongHistory(result.dbPath, dir, result, result.services, log)));
  return result;
}

async function postgresStore(on: ThrowawayPostgres) {
  log(`postgres: the same ${events.toLocaleString('en-US')} observations through the PostgreSQL write path`);
  const result = await benchPostgresStore(on.url, on.root, events, log);
  rows.push(...result.rows);
  return result;
}
