import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECTIONS } from '../../src/projections/index.js';
import { History } from '../../src/query/index.js';
import { mulberry32 as seeded } from '../../src/sim/objects/random.js';
import {
  configureConnection,
  EventReader,
  loadMigrations,
  migrate,
  SqliteReads,
  SqliteStore,
} from '../../src/store/index.js';
import { deserialise } from '../../src/store/serialise.js';
import { projectionIndexes } from '../../src/store/sqlite/rebuildSession.js';
import { ChurnGenerator } from '../churn/ChurnGenerator.js';
import { type BenchRow, fmt, percentile, row } from '../report.js';

export interface StoreBenchResult {
  rows: BenchRow[];
  dbPath: string;
  services: { namespace: string; name: string }[];
  start: number;
  end: number;
  /** Bytes per stored event, whole file. */
  bytesPerEvent: number;
}

export const BATCH = 500;

/** A scratch database with the store's own connection settings (WAL, synchronous, checkpoints), for a raw baseline. */
export function openRaw(path: string): Database.Database {
  const db = new Database(path);
  configureConnection(db, path);
  return db;
}

/**
 * Copies every row `page` yields into `db` through `insert`, in transactions of BATCH rows. `page`
 * takes the last key seen and returns the next rows in key order, key first; `dropKey` leaves that
 * key out of the insert. Only the inserts are timed, not the reads.
 */
export function timedCopy(
  db: Database.Database,
  page: Database.Statement<[number]>,
  insert: Database.Statement,
  dropKey: boolean,
): { rows: number; ms: number } {
  let last = 0;
  let ms = 0;
  let count = 0;
  for (;;) {
    const rows = page.all(last) as unknown[][];
    if (rows.length === 0) break;
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) {
      db.transaction(() => {
        for (const r of rows.slice(i, i + BATCH)) insert.run(...(dropKey ? r.slice(1) : r));
      })();
    }
    ms += performance.now() - t0;
    count += rows.length;
    last = rows[rows.length - 1]![0] as number;
  }
  return { rows: count, ms };
}

/** Every table the write path fills, in the order a raw copy loads them (parents first). */
export const WRITTEN_TABLES = [
  'clusters',
  'objects',
  'service_keys',
  'port_sets',
  'events',
  'endpoint_members',
  'pod_ips',
  'pod_states',
  'service_states',
] as const;

/** A table's stored rows in rowid order, 20,000 after a given rowid at a time, rowid first (for timedCopy). */
export function rowPages(db: Database.Database, table: string): Database.Statement<[number]> {
  return db
    .prepare<[number]>(
      `SELECT rowid, ${storedColumns(db, table).join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 20000`,
    )
    .raw();
}

/** A table's stored column names (not its generated ones) and an INSERT of all of them, to copy its raw rows. */
export function rawInsert(from: Database.Database, to: Database.Database, table: string) {
  const columns = storedColumns(from, table);
  return to.prepare(
    `INSERT INTO ${table} (${columns.join(',')}) VALUES (${columns.map(() => '?').join(',')})`,
  );
}

/** The columns a row is written with: `SELECT *` also yields generated ones (hidden 2 and 3). */
export function storedColumns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_xinfo(${table})`) as { name: string; hidden: number }[])
    .filter((c) => c.hidden === 0)
    .map((c) => c.name);
}

/**
 * What a rebuild cannot avoid, each part timed alone on the bench's own store, as events/s: reading
 * the event rows; decoding every stored object (EventReader.decoded, as rebuild does: the replay's
 * time less its parsing and less the read timed before); parsing every object's JSON (deserialise,
 * as rebuild does); and writing every projection row again — the rows the rebuild just wrote, held
 * in memory, deleted and re-inserted in one transaction with the indexes dropped and re-created, as
 * rebuild does. Their sum is a rebuild without its fold. Leaves the store as it found it.
 */
function rebuildParts(db: Database.Database, events: number): RebuildParts {
  const rate = (ms: number) => events / (ms / 1000);
  let t0 = performance.now();
  for (const _ of db.prepare('SELECT * FROM events ORDER BY position').raw().iterate());
  const readMs = performance.now() - t0;
  let parseMs = 0;
  t0 = performance.now();
  for (const [, json] of new EventReader(db).decoded(0)) {
    const p0 = performance.now();
    deserialise(json, '');
    parseMs += performance.now() - p0;
  }
  const decodeMs = performance.now() - t0 - parseMs - readMs;

  const held = PROJECTIONS.map((table) => ({
    table,
    rows: db
      .prepare(`SELECT ${storedColumns(db, table).join(', ')} FROM ${table}`)
      .raw()
      .all() as unknown[][],
  }));
  const indexes = projectionIndexes(db);
  t0 = performance.now();
  db.transaction(() => {
    for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
    for (const { table, rows } of held) {
      db.exec(`DELETE FROM ${table}`);
      const put = rawInsert(db, db, table);
      for (const r of rows) put.run(r);
    }
    for (const i of indexes) db.exec(i.sql);
  })();
  const writeMs = performance.now() - t0;
  return {
    read: rate(readMs),
    decode: rate(decodeMs),
    parse: rate(parseMs),
    write: rate(writeMs),
    all: rate(readMs + decodeMs + parseMs + writeMs),
  };
}

interface RebuildParts {
  read: number;
  decode: number;
  parse: number;
  write: number;
  all: number;
}

/**
 * Issue #2's budget, measured in one run: ingest through the whole write path against a raw batched
 * insert of the same rows, endpointsAt latency on the resulting store, bytes per event, rebuild speed.
 */
export async function benchStore(
  dir: string,
  events: number,
  log: (s: string) => void,
): Promise<StoreBenchResult> {
  const dbPath = join(dir, 'bench.db');
  const store = SqliteStore.open(dbPath);
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
      stored += store.appendNow({ observations: batch.slice(i, i + BATCH) }).appended;
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
  const raw = openRaw(join(dir, 'raw.db'));
  const schema = loadMigrations()[0]!.sql; // the events table is as the first migration made it
  const eventsDdl = schema.slice(schema.indexOf('CREATE TABLE events'), schema.indexOf('CREATE VIEW'));
  raw.exec(eventsDdl.replace('REFERENCES objects(id)', ''));
  const insert =
    raw.prepare(`INSERT INTO events (position, object_id, resource_version, type, source, observed_at, not_before,
    occurred_at, hash, base_position, object) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING`);
  const rowsOf = store.db
    .prepare<[number]>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 20000')
    .raw();
  const rawCopy = timedCopy(raw, rowsOf, insert, false);
  raw.close();
  const rawRate = rawCopy.rows / (rawCopy.ms / 1000);

  // Second baseline: EVERY row the write path leaves behind (events, objects, projection rows), in
  // the full schema with all its indexes, inserted raw in batches of the same size — the SQLite work
  // alone, without the fold, the encoding, the dedupe or the updates that close rows.
  log('  raw baseline of all rows written…');
  const full = openRaw(join(dir, 'raw-all.db'));
  migrate(full); // the schema as it is now, every migration applied
  let allMs = 0;
  let allRows = 0;
  for (const table of WRITTEN_TABLES) {
    const copy = timedCopy(full, rowPages(store.db, table), rawInsert(store.db, full, table), true);
    allMs += copy.ms;
    allRows += copy.rows;
  }
  full.close();
  const allRate = stored / (allMs / 1000);

  // Latency of endpointsAt at random services and times, in process.
  log('  endpointsAt latency…');
  const history = new History(new SqliteReads(store.db), () => end);
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
  samples.sort((a, b) => a - b);

  const bytes = statSync(dbPath).size;
  const eventBytes = store.db
    .prepare("SELECT SUM(pgsize) FROM dbstat WHERE name IN ('events', 'sqlite_autoindex_events_1')")
    .pluck()
    .get() as number;

  log('  rebuild…');
  const rebuilt = await store.rebuild();
  log('  rebuild, part by part…');
  const parts = rebuildParts(store.db, stored);
  store.close();

  return {
    dbPath,
    bytesPerEvent: bytes / stored,
    services,
    start,
    end,
    rows: [
      row('store', 'observations generated (seeded churn)', fmt(observations)),
      row('store', 'events stored (rest: no-op/duplicate)', fmt(stored)),
      row('store', 'slimming (toObservation) objects/s', fmt(observations / (genMs / 1000))),
      row('store', 'ingest events/s, whole write path', fmt(ingestRate)),
      row('store', 'raw better-sqlite3 insert rows/s', fmt(rawRate)),
      row('store', `raw insert of all ${fmt(allRows)} rows written, as events/s`, fmt(allRate)),
      row(
        'store',
        'ingest / raw (all rows written)',
        `${fmt((100 * ingestRate) / allRate)}%`,
        '≥ 50%',
        ingestRate / allRate >= 0.5,
      ),
      row(
        'store',
        'ingest / raw (event rows only)',
        `${fmt((100 * ingestRate) / rawRate)}%`,
        '≥ 50%',
        ingestRate / rawRate >= 0.5,
      ),
      row(
        'store',
        'ceiling of the line above: raw all rows / raw event rows',
        `${fmt((100 * allRate) / rawRate)}%`,
      ),
      row('store', `endpointsAt p50 (${fmt(stored)} events)`, `${fmt(percentile(samples, 50), 3)} ms`),
      row(
        'store',
        `endpointsAt p99 (${fmt(stored)} events)`,
        `${fmt(percentile(samples, 99), 3)} ms`,
        '≤ 2 ms',
        percentile(samples, 99) <= 2,
      ),
      row(
        'store',
        'bytes per stored event (whole file)',
        fmt(bytes / stored),
        '≤ 400',
        bytes / stored <= 400,
      ),
      row('store', 'bytes per stored event (event log only)', fmt(eventBytes / stored)),
      row(
        'store',
        'rebuild events/s',
        fmt(rebuilt.eventsPerSecond),
        '≥ 100,000',
        rebuilt.eventsPerSecond >= 100_000,
      ),
      row('store', 'rebuild part alone: read the event rows, events/s', fmt(parts.read)),
      row('store', 'rebuild part alone: decode the objects, events/s', fmt(parts.decode)),
      row('store', 'rebuild part alone: JSON.parse the objects, events/s', fmt(parts.parse)),
      row('store', 'rebuild part alone: rewrite rows + indexes, events/s', fmt(parts.write)),
      row('store', 'rebuild without the fold (the four parts), events/s', fmt(parts.all)),
    ],
  };
}
