import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { History } from '../../src/query/index.js';
import { mulberry32 as seeded } from '../../src/sim/objects/random.js';
import { PostgresStore } from '../../src/store/index.js';
import { connectPostgres } from '../../src/store/postgres/connectPostgres.js';
import { ChurnGenerator } from '../churn/ChurnGenerator.js';
import { createDatabase, serverCpuMs, tablesBytes } from '../postgres/benchDatabase.js';
import { type BenchRow, fmt, percentile, row } from '../report.js';
import { BATCH, WRITTEN_TABLES } from './store.js';

export interface PostgresStoreBenchResult {
  rows: BenchRow[];
  /** The history the write path left (database `bench`), for the GraphQL section. */
  url: string;
  /** Bytes per stored event, whole schema (for the comparison with SQLite's figure). */
  bytesPerEvent: number;
}

/**
 * Loads each table's rows, dumped before by the server to `dir` in COPY's binary format, into the
 * (migrated, empty) database at `url` with a server-side `COPY … FROM` file: no client and no
 * network in the way, the server's own ceiling. Wall time and the server process's CPU time.
 */
async function timedCopyIn(url: string, dir: string, tables: readonly string[]) {
  const client = await connectPostgres(url, 'bench raw COPY');
  try {
    const cpu = await serverCpuMs(client);
    let ms = 0;
    let rows = 0;
    const cpu0 = cpu();
    for (const t of tables) {
      const t0 = performance.now();
      rows += (await client.query(`COPY ${t} FROM '${join(dir, `${t}.bin`)}' (FORMAT binary)`)).rowCount ?? 0;
      ms += performance.now() - t0;
    }
    return { ms, rows, cpuMs: cpu() - cpu0 };
  } finally {
    await client.end();
  }
}

/**
 * Issue #14's store budget on PostgreSQL, in one run: the seeded churn of the SQLite store section
 * (same seed, same observations) through the whole write path (PostgresStore.append, pipelined as
 * the recorder does: batches planned at once, committed in order), against a raw `COPY` of the
 * very event rows it stored, and of every row it left (events, objects, projections), into the
 * same schema with all its indexes; `endpointsAt` latency in process; bytes per event on disk.
 * `serverDir` is the server's own directory (readable by the server's user), for COPY's files.
 */
export async function benchPostgresStore(
  serverUrl: string,
  serverDir: string,
  events: number,
  log: (s: string) => void,
): Promise<PostgresStoreBenchResult> {
  const url = await createDatabase(serverUrl, 'bench');
  const store = await PostgresStore.open(url, { cluster: 'bench', command: 'bench' });
  const writerCpu = await serverCpuMs(store.postgres.client);
  const gen = new ChurnGenerator({ seed: 7, services: Math.max(50, Math.round(events / 2000)) });
  const start = gen.now;
  let observations = 0;
  let appendMs = 0;
  let stored = 0;
  let clientCpu = 0;
  let serverCpu = 0;
  while (observations < events) {
    const batch = gen.next(Math.min(20_000, events - observations));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const server0 = writerCpu();
    const appends = [];
    for (let i = 0; i < batch.length; i += BATCH)
      appends.push(store.append({ observations: batch.slice(i, i + BATCH) }));
    for (const r of await Promise.all(appends)) stored += r.appended;
    appendMs += performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    clientCpu += (used.user + used.system) / 1000;
    serverCpu += writerCpu() - server0;
    observations += batch.length;
    if (observations % 200_000 < 20_000)
      log(`  ingested ${fmt(observations)} observations (${fmt(stored)} stored)`);
  }
  const end = gen.now;
  await store.close();
  const ingestRate = stored / (appendMs / 1000);

  // The raw baselines: the rows the write path left, dumped by the server (untimed), loaded by COPY.
  log('  raw COPY baselines…');
  const dumps = join(serverDir, 'bench-copy');
  mkdirSync(dumps, { recursive: true });
  chmodSync(dumps, 0o777);
  const admin = await connectPostgres(url, 'bench dump');
  for (const t of WRITTEN_TABLES)
    await admin.query(`COPY ${t} TO '${join(dumps, `${t}.bin`)}' (FORMAT binary)`);
  const bytes = await tablesBytes(admin);
  const eventBytes = await tablesBytes(admin, ['events']);
  await admin.end();
  const rawEvents = await timedCopyIn(await createDatabase(serverUrl, 'raw_events', true), dumps, ['events']);
  const rawAll = await timedCopyIn(await createDatabase(serverUrl, 'raw_all', true), dumps, WRITTEN_TABLES);
  const rawRate = rawEvents.rows / (rawEvents.ms / 1000);
  const allRate = stored / (rawAll.ms / 1000);

  log('  endpointsAt latency…');
  const history = await History.connect(url, { now: () => end });
  const rand = seeded(99);
  const services = await history.serviceNames();
  const samples: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const s = services[Math.floor(rand() * services.length)]!;
    const at = i % 3 === 0 ? end : start + Math.floor(rand() * (end - start));
    const t0 = performance.now();
    await history.endpointsAt({ namespace: s.namespace, service: s.name, at });
    samples.push(performance.now() - t0);
  }
  history.close();
  samples.sort((a, b) => a - b);
  const perEvent = (ms: number) => `${fmt((1000 * ms) / stored, 1)} µs`;

  return {
    url,
    bytesPerEvent: bytes / stored,
    rows: [
      row('postgres', 'events stored (same seeded churn as store)', fmt(stored)),
      row('postgres', 'ingest events/s, whole write path', fmt(ingestRate)),
      row('postgres', 'raw COPY of the event rows, rows/s', fmt(rawRate)),
      row('postgres', `raw COPY of all ${fmt(rawAll.rows)} rows written, as events/s`, fmt(allRate)),
      row('postgres', 'ingest / raw COPY (all rows written)', `${fmt((100 * ingestRate) / allRate)}%`),
      row('postgres', 'ingest / raw COPY (event rows only)', `${fmt((100 * ingestRate) / rawRate)}%`),
      row(
        'postgres',
        'CPU per event, write path: client / its server process',
        `${perEvent(clientCpu)} / ${perEvent(serverCpu)}`,
      ),
      row(
        'postgres',
        'CPU per event, raw COPY server process: all rows / event rows',
        `${perEvent(rawAll.cpuMs)} / ${perEvent(rawEvents.cpuMs)}`,
      ),
      row('postgres', `endpointsAt p50 (${fmt(stored)} events)`, `${fmt(percentile(samples, 50), 3)} ms`),
      row(
        'postgres',
        `endpointsAt p99 (${fmt(stored)} events)`,
        `${fmt(percentile(samples, 99), 3)} ms`,
        '≤ 5 ms',
        percentile(samples, 99) <= 5,
      ),
      row('postgres', 'bytes per stored event (every table + indexes)', fmt(bytes / stored)),
      row('postgres', 'bytes per stored event (events + its indexes)', fmt(eventBytes / stored)),
    ],
  };
}
