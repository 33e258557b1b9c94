import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { History } from '../../src/query/index.js';
import { mulberry32 as seeded } from '../../src/sim/objects/random.js';
import { loadMigrations, Store } from '../../src/store/index.js';
import { ChurnGenerator } from '../churn/ChurnGenerator.js';
import { type BenchRow, fmt, percentile } from '../report.js';

export interface StoreBenchResult {
  rows: BenchRow[];
  dbPath: string;
  services: { namespace: string; name: string }[];
  start: number;
  end: number;
}

const BATCH = 500;

/**
 * Issue #2's budget, measured in one run: ingest through the whole write path against a raw batched
 * insert of the same rows, endpointsAt latency on the resulting store, bytes per event, rebuild speed.
 */
export function benchStore(dir: string, events: number, log: (s: string) => void): StoreBenchResult {
  const dbPath = join(dir, 'bench.db');
  const store = Store.open(dbPath);
  const gen = new ChurnGenerator({ seed: 7, services: Math.max(50, Math.round(events / 2000)) });
  const start = gen.now;
  let observations = 0;
  let genMs = 0;
  let appendMs = 0;
  let stored = 0;
  while (observations < events) {
    const t0 = performance.now();
    const batch = gen.next(Math.min(20_000, events - observations));
    const t1 = performance.now();
    for (let i = 0; i < batch.length; i += BATCH)
      stored += store.append({ observations: batch.slice(i, i + BATCH) }).appended;
    const t2 = performance.now();
    genMs += t1 - t0;
    appendMs += t2 - t1;
    observations += batch.length;
    if (observations % 200_000 < 20_000)
      log(`  ingested ${fmt(observations)} observations (${fmt(stored)} stored)`);
  }
  const end = gen.now;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const ingestRate = stored / (appendMs / 1000);

  // Raw baseline: the very rows we stored, inserted with a prepared statement in batches of the same size.
  log('  raw better-sqlite3 baseline…');
  const raw = new Database(join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const schema = loadMigrations()[0]!.sql;
  const eventsDdl = schema.slice(schema.indexOf('CREATE TABLE events'), schema.indexOf('CREATE VIEW'));
  raw.exec(eventsDdl.replace('REFERENCES objects(id)', ''));
  const insert =
    raw.prepare(`INSERT INTO events (position, object_id, resource_version, type, source, observed_at, not_before,
    occurred_at, hash, base_position, object) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING`);
  const rowsOf = store.db
    .prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 20000')
    .raw();
  let after = 0;
  let rawMs = 0;
  let rawCount = 0;
  for (;;) {
    const rows = rowsOf.all(after) as unknown[][];
    if (rows.length === 0) break;
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) {
      raw.transaction(() => {
        for (const r of rows.slice(i, i + BATCH)) insert.run(...r);
      })();
    }
    rawMs += performance.now() - t0;
    rawCount += rows.length;
    after = rows[rows.length - 1]![0] as number;
  }
  raw.close();
  const rawRate = rawCount / (rawMs / 1000);

  // Second baseline: EVERY row the write path leaves behind (events, objects, projection rows), in
  // the full schema with all its indexes, inserted raw in batches of the same size — the SQLite work
  // alone, without the fold, the encoding, the dedupe or the updates that close rows.
  log('  raw baseline of all rows written…');
  const full = new Database(join(dir, 'raw-all.db'));
  full.pragma('journal_mode = WAL');
  full.pragma('synchronous = NORMAL');
  full.exec(schema);
  let allMs = 0;
  let allRows = 0;
  const tables = [
    'clusters',
    'objects',
    'service_keys',
    'port_sets',
    'events',
    'endpoint_members',
    'pod_ips',
    'pod_states',
    'service_states',
  ];
  for (const table of tables) {
    const columns = (store.db.prepare(`SELECT * FROM ${table} LIMIT 1`).columns() as { name: string }[]).map(
      (c) => c.name,
    );
    const put = full.prepare(
      `INSERT INTO ${table} (${columns.join(',')}) VALUES (${columns.map(() => '?').join(',')})`,
    );
    const page = store.db
      .prepare(`SELECT rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 20000`)
      .raw();
    let last = 0;
    for (;;) {
      const rows = page.all(last) as unknown[][];
      if (rows.length === 0) break;
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += BATCH) {
        full.transaction(() => {
          for (const r of rows.slice(i, i + BATCH)) put.run(...r.slice(1));
        })();
      }
      allMs += performance.now() - t0;
      allRows += rows.length;
      last = rows[rows.length - 1]![0] as number;
    }
  }
  full.close();
  const allRate = stored / (allMs / 1000);

  // Latency of endpointsAt at random services and times, in process.
  log('  endpointsAt latency…');
  const history = new History(store.db, () => end);
  const rand = seeded(99);
  const services = history.serviceNames();
  const samples: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const s = services[Math.floor(rand() * services.length)]!;
    const at = i % 3 === 0 ? end : start + Math.floor(rand() * (end - start));
    const t0 = performance.now();
    history.endpointsAt({ namespace: s.namespace, service: s.name, at });
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);

  const bytes = statSync(dbPath).size;
  const eventBytes = store.db
    .prepare("SELECT SUM(pgsize) FROM dbstat WHERE name IN ('events', 'sqlite_autoindex_events_1')")
    .pluck()
    .get() as number;

  log('  rebuild…');
  const rebuilt = store.rebuild();
  store.close();

  const total = stored;
  return {
    dbPath,
    services,
    start,
    end,
    rows: [
      {
        section: 'store',
        metric: 'observations generated (seeded churn)',
        value: fmt(observations),
        target: '',
        ok: null,
      },
      {
        section: 'store',
        metric: 'events stored (rest: no-op/duplicate)',
        value: fmt(total),
        target: '',
        ok: null,
      },
      {
        section: 'store',
        metric: 'slimming (toObservation) objects/s',
        value: fmt(observations / (genMs / 1000)),
        target: '',
        ok: null,
      },
      {
        section: 'store',
        metric: 'ingest events/s, whole write path',
        value: fmt(ingestRate),
        target: '',
        ok: null,
      },
      {
        section: 'store',
        metric: 'raw better-sqlite3 insert rows/s',
        value: fmt(rawRate),
        target: '',
        ok: null,
      },
      {
        section: 'store',
        metric: `raw insert of all ${fmt(allRows)} rows written, as events/s`,
        value: fmt(allRate),
        target: '',
        ok: null,
      },
      {
        section: 'store',
        metric: 'ingest / raw (all rows written)',
        value: `${fmt((100 * ingestRate) / allRate)}%`,
        target: '≥ 50%',
        ok: ingestRate / allRate >= 0.5,
      },
      {
        section: 'store',
        metric: 'ingest / raw (event rows only)',
        value: `${fmt((100 * ingestRate) / rawRate)}%`,
        target: '≥ 50%',
        ok: ingestRate / rawRate >= 0.5,
      },
      {
        section: 'store',
        metric: `endpointsAt p50 (${fmt(total)} events)`,
        value: `${fmt(percentile(samples, 50), 3)} ms`,
        target: '',
        ok: null,
      },
      {
        section: 'store',
        metric: `endpointsAt p99 (${fmt(total)} events)`,
        value: `${fmt(percentile(samples, 99), 3)} ms`,
        target: '≤ 2 ms',
        ok: percentile(samples, 99) <= 2,
      },
      {
        section: 'store',
        metric: 'bytes per stored event (whole file)',
        value: fmt(bytes / total),
        target: '≤ 400',
        ok: bytes / total <= 400,
      },
      {
        section: 'store',
        metric: 'bytes per stored event (event log only)',
        value: fmt(eventBytes / total),
        target: '',
        ok: null,
      },
      {
        section: 'store',
        metric: 'rebuild events/s',
        value: fmt(rebuilt.eventsPerSecond),
        target: '≥ 100,000',
        ok: rebuilt.eventsPerSecond >= 100_000,
      },
    ],
  };
}
