import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import { RecorderThread } from '../../../src/cli/runtime/RecorderThread.js';
import { startRecording } from '../../../src/cli/runtime/startRecording.js';
import { isEphError } from '../../../src/errors/index.js';
import { History } from '../../../src/query/index.js';
import { openDatabase } from '../../../src/store/index.js';
import { moduleBeside, startWorker } from '../../../src/util/startWorker.js';
import { type KubeCredentials, loadCredentials } from '../../../src/watch/index.js';
import { tempDir } from '../../helpers/k8s.js';

const dir = tempDir();
const kubeconfig = join(dir, 'kubeconfig');
const logger = pino({ level: 'silent' });
let sim: Worker;
let credentials: KubeCredentials;

/** The next message of `type` from the simulated API server's thread. */
function next<T>(type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }): void => {
      if (m.type !== type) return;
      sim.off('message', on);
      resolve(m as T);
    };
    sim.on('message', on);
  });
}

/** Busy-waits: the thread does nothing else meanwhile, as when a heavy query runs on it. */
function block(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // spin
  }
}

async function until<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  sim = startWorker(moduleBeside(import.meta.url, './simThread'), { workerData: { kubeconfig } });
  await next('ready');
  credentials = (await loadCredentials({ kubeconfig }))!;
});

afterAll(async () => {
  sim.postMessage({ type: 'stop' });
  await new Promise((r) => sim.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
});

describe('the recorder on its own thread', () => {
  it('stamps a change on time while the serving thread is blocked for a whole second', async () => {
    const db = join(dir, 'blocked.db');
    const session = await startRecording({
      handoff: credentials.handoff,
      command: 'run',
      cluster: 'threads',
      db,
      namespaces: [],
      logger,
    });
    const reader = new Database(db, { readonly: true });
    const observedAt = reader.prepare(
      "SELECT observed_at FROM events_v WHERE kind = 'Pod' AND uid = 'pod-1' AND resource_version = ?",
    );
    try {
      await until(() => (session.health().kinds.Pod?.state === 'watching' ? true : undefined));
      for (let i = 0; i < 3; i++) {
        const flipped = next<{ before: number; rv: string }>('flipped');
        sim.postMessage({ type: 'flip' });
        const blockedAt = Date.now();
        block(1_000);
        const { before, rv } = await flipped;
        expect(before).toBeLessThan(blockedAt + 500);
        const row = await until(() => observedAt.get(rv) as { observed_at: number } | undefined);
        // on one thread the watch event waited for the block to end: observed ≥ 0.5–1 s late
        expect(row.observed_at - before).toBeLessThan(250);
      }
    } finally {
      reader.close();
      await session.stop();
    }
  });

  it('stops cleanly: flushes, closes coverage with reason shutdown, and exits the thread', async () => {
    const db = join(dir, 'stop.db');
    const session = await startRecording({
      handoff: credentials.handoff,
      command: 'run',
      cluster: 'threads',
      db,
      namespaces: [],
      logger,
    });
    await until(() => (session.health().status === 'ok' ? true : undefined));
    expect(session.health().thread?.state).toBe('running');
    expect(await session.recorderMetrics()).toContain('eph_events_stored_total{kind="Pod"} 1');
    await session.stop();
    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT kind, ended_at, end_reason FROM coverage').all() as {
      ended_at: number | null;
      end_reason: string;
    }[];
    conn.close();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.ended_at !== null && r.end_reason === 'shutdown')).toBe(true);
  });

  it('reports a thread that died as exited: /healthz answers 503 and `failed` gives the reason', async () => {
    const db = join(dir, 'crash.db');
    const thread = await RecorderThread.start({
      handoff: credentials.handoff,
      command: 'run',
      cluster: 'threads',
      db,
      namespaces: [],
      logger,
      entry: moduleBeside(import.meta.url, './crashingRecorderThread'),
    });
    const history = History.open(db);
    const app = await buildApp({ history, health: () => thread.health() });
    try {
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      const reason = await thread.failed;
      expect(reason.message).toContain('injected crash of the recorder thread');
      const res = await app.inject('/healthz');
      expect(res.statusCode).toBe(503);
      expect(res.json().thread).toMatchObject({ state: 'exited', error: reason.message });
      await thread.stop();
    } finally {
      await app.close();
      history.close();
    }
  });

  it('reports a thread silent for too long as unresponsive (503), and running again once it reports', async () => {
    let now = Date.now();
    const db = join(dir, 'silent.db');
    const thread = await RecorderThread.start({
      handoff: credentials.handoff,
      command: 'run',
      cluster: 'threads',
      db,
      namespaces: [],
      logger,
      now: () => now,
      unresponsiveAfterMs: 30_000,
    });
    const history = History.open(db);
    const app = await buildApp({ history, health: () => thread.health() });
    try {
      now += 30_001;
      const silent = await app.inject('/healthz');
      expect([silent.statusCode, silent.json().thread.state]).toEqual([503, 'unresponsive']);
      // the thread reports at least every second
      await until(() => (thread.health().thread?.state === 'running' ? true : undefined), 3_000);
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      await thread.stop();
    } finally {
      await app.close();
      history.close();
    }
  });

  it('fails to start with the thread’s own error when the database cannot be opened', async () => {
    const start = RecorderThread.start({
      handoff: credentials.handoff,
      command: 'run',
      cluster: 'threads',
      db: join(dir, 'no-such-folder', 'x.db'),
      namespaces: [],
      logger,
    });
    await expect(start).rejects.toThrow(/directory does not exist|unable to open/);
  });

  it('keeps the EPH code of a start-up failure across the thread boundary (the CLI’s exit code depends on it)', async () => {
    const db = join(dir, 'newer.db');
    openDatabase(db).close();
    const newer = new Database(db);
    newer.exec(
      `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', 0)`,
    );
    newer.close();
    const failure = await RecorderThread.start({
      handoff: credentials.handoff,
      command: 'run',
      cluster: 'threads',
      db,
      namespaces: [],
      logger,
    }).catch((error: unknown) => error);
    expect(isEphError(failure) && failure.code).toBe('EPH_ERR_DB_NEWER');
  });
});
