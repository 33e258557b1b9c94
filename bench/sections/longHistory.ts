import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPEN_END } from '../../src/projections/index.js';
import { History } from '../../src/query/index.js';
import { mulberry32 as seeded } from '../../src/sim/objects/random.js';
import { SqliteReads } from '../../src/store/index.js';
import { type BenchRow, fmt, percentile, row } from '../report.js';
import { openRaw, storedColumns } from './store.js';

const COPIES = 10;

/**
 * endpointsAt at 3,000 moments drawn from [from, to), over the same services: its p99 and the CPU
 * it took per query (which a busy machine's preemption does not inflate, where it does the p99).
 */
async function measureAt(
  history: History,
  services: readonly { namespace: string; name: string }[],
  from: number,
  to: number,
): Promise<{ p99: number; cpuMicros: number }> {
  const rand = seeded(99);
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < 3000; i++) {
    const s = services[Math.floor(rand() * services.length)]!;
    const at = from + Math.floor(rand() * (to - from));
    const t0 = performance.now();
    await history.endpointsAt({ namespace: s.namespace, service: s.name, at });
    samples.push(performance.now() - t0);
  }
  const used = process.cpuUsage(cpu);
  return {
    p99: percentile(
      samples.sort((a, b) => a - b),
      99,
    ),
    cpuMicros: (used.user + used.system) / samples.length,
  };
}

/**
 * Issue #17's "queries stay flat": endpointsAt p99 over a history ten times as long as the store
 * bench's, against the bench's own, in the same run. Ingesting ten times the events would take this
 * machine most of an hour, so the longer history is the bench's member rows played again nine more
 * times, each copy shifted one history length later (the same services, the same churn, ten times
 * the rows per service); the moments are drawn from the last copy, where a scan from the start of
 * the history would read all ten.
 */
export async function benchLongHistory(
  dbPath: string,
  dir: string,
  span: { start: number; end: number },
  services: readonly { namespace: string; name: string }[],
  log: (s: string) => void,
): Promise<BenchRow[]> {
  const length = span.end - span.start;
  const longPath = join(dir, 'long.db');
  copyFileSync(dbPath, longPath);
  log(`  endpointsAt over ${COPIES}× the history: copying the member rows…`);
  const db = openRaw(longPath);
  const columns = storedColumns(db, 'endpoint_members').filter((c) => c !== 'id');
  const shifted = columns.map((c) =>
    c === 'valid_from'
      ? 'valid_from + @shift'
      : c === 'valid_to'
        ? `CASE WHEN valid_to = ${OPEN_END} THEN valid_to ELSE valid_to + @shift END`
        : c,
  );
  const rows = db.prepare('SELECT COUNT(*) FROM endpoint_members').pluck().get() as number;
  const lastId = db.prepare('SELECT MAX(id) FROM endpoint_members').pluck().get() as number;
  db.transaction(() => {
    // open rows stay open in the last copy only: earlier copies' open rows end where the next begins
    for (let k = 1; k < COPIES; k++)
      db.prepare(
        `INSERT INTO endpoint_members (${columns.join(', ')}) SELECT ${shifted.join(', ')} FROM endpoint_members
          WHERE id <= @lastId`,
      ).run({ shift: k * length, lastId });
    db.prepare(
      `UPDATE endpoint_members SET valid_to = valid_from - (valid_from - @start) % @length + @length
        WHERE valid_to = ${OPEN_END} AND valid_from < @last`,
    ).run({ start: span.start, length, last: span.start + (COPIES - 1) * length });
  })();
  db.close();
  const short = new History(new SqliteReads(openRaw(dbPath)), () => span.end);
  const long = new History(new SqliteReads(openRaw(longPath)), () => span.end + (COPIES - 1) * length);
  const lastCopy = span.start + (COPIES - 1) * length;
  const one = await measureAt(short, services, span.start, span.end);
  const ten = await measureAt(long, services, lastCopy, lastCopy + length);
  short.close();
  long.close();
  return [
    row(
      'store',
      `endpointsAt over ${fmt(rows)} member rows: p99 / CPU per query`,
      `${fmt(one.p99, 3)} ms / ${fmt(one.cpuMicros)} µs`,
    ),
    row(
      'store',
      `endpointsAt over ${COPIES}× that history (${fmt(rows * COPIES)} rows): p99 / CPU per query`,
      `${fmt(ten.p99, 3)} ms / ${fmt(ten.cpuMicros)} µs (${fmt(ten.p99 / one.p99, 2)}× / ${fmt(ten.cpuMicros / one.cpuMicros, 2)}×)`,
      '≤ 1.5×',
      ten.p99 / one.p99 <= 1.5 && ten.cpuMicros / one.cpuMicros <= 1.5,
    ),
  ];
}
