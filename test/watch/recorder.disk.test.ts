import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerHealthRoutes } from '../../src/api/health.js';
import { coverage, events, type Harness, putPod, startHarness, waitFor, watching } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Recorder: a full disk', () => {
  it('answers /healthz 503 with the reason while writes fail, keeps recording once space returns, and never claims coverage over what it lost', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'seed');
    const recorder = h.startRecorder({ kinds: ['Pod'], options: { heartbeatMs: 100, idleTimeoutMs: 5000 } });
    await watching(h);
    const app = Fastify();
    registerHealthRoutes(app, { health: () => recorder.health() });
    const healthz = async () => {
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      return { status: res.statusCode, body: res.json() as { reason?: string } };
    };
    expect((await healthz()).status).toBe(200);

    const putAt = new Map<string, number>();
    const put = (name: string) => {
      putAt.set(name, Date.now());
      putPod(h.simStore, 'shop', name);
    };
    // The disk fills: SQLite may not grow the file by a single page (SQLITE_FULL, as with no space left).
    h.store.db.pragma(`max_page_count = ${h.store.db.pragma('page_count', { simple: true })}`);
    // Small writes that fit in pages already there (a cursor, a heartbeat) would still pass; a full
    // disk refusing them too is what query_only gives, once the first write has failed.
    let n = 0;
    while (recorder.health().storage?.ok !== false && n < 500) {
      put(`p-${n++}`);
      await sleep(5);
    }
    h.store.db.pragma('query_only = ON');
    const full = await healthz();
    expect(full.status).toBe(503);
    expect(full.body.reason).toMatch(
      /^writes to the database fail since \S+: SqliteError: database or disk is full/,
    );
    for (let i = 0; i < 10; i++, n++) {
      put(`p-${n}`);
      await sleep(20);
    }
    expect((await healthz()).status).toBe(503);

    // Space returns: recording goes on by itself, and every change made meanwhile is stored.
    h.store.db.pragma('query_only = OFF');
    h.store.db.pragma('max_page_count = 1073741823');
    await waitFor(() => events(h.store, "kind = 'Pod'").length === n + 1, 10_000, 'every pod stored');
    await waitFor(async () => (await healthz()).status === 200, 5000, 'healthy again');
    const cov = coverage(h.store, 'Pod');
    expect(cov[0]).toMatchObject({ end_reason: 'write-failed' });
    // A pod stored late (its write was lost, it came again after the resume) existed 50 ms after it was
    // made at a moment the coverage does not claim: no covered moment misses it.
    const covered = (t: number) =>
      cov.some((c) => c.started_at <= t && (c.ended_at === null || t < c.ended_at));
    const wrong = events(h.store, "kind = 'Pod' AND name != 'seed'").filter(
      (e) => e.observed_at - putAt.get(e.name)! > 250 && covered(putAt.get(e.name)! + 50),
    );
    expect(wrong.map((e) => e.name)).toEqual([]);
    await app.close();
  });
});
