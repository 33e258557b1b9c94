import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type SimChange, SimStore, startSimServer } from '../../src/sim/index.js';
import { isPodReady } from '../../src/sim/objects/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { events, putPod, setReady, waitFor } from './harness.js';

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startChild(kubeconfig: string, db: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'record', '--kubeconfig', kubeconfig, '--db', db, '--cluster-name', 'sim'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, EPH_LOG_LEVEL: 'error' },
    },
  );
}

async function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const done = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await done;
}

/** The Pod cursor, read beside a running recorder (which holds the writer lock). */
function podCursor(db: string): string | undefined {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return conn
      .prepare(`SELECT resource_version FROM watch_cursors c JOIN clusters k ON k.id = c.cluster_id
        WHERE k.name = 'sim' AND c.kind = 'Pod'`)
      .pluck()
      .get() as string | undefined;
  } catch {
    return undefined;
  } finally {
    conn.close();
  }
}

/** Reads the store while no recorder runs. */
function withStore<T>(db: string, read: (s: SqliteStore) => T): T {
  const s = SqliteStore.open(db);
  try {
    return read(s);
  } finally {
    s.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'eph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Recorder under kill -9', () => {
  it('loses no committed event and stores none twice across repeated SIGKILLs during churn', async () => {
    const simStore = new SimStore();
    // Ground truth: every change, kept here because compaction trims simStore.log.
    const log: SimChange[] = [];
    simStore.onChange((c) => log.push(c));
    const sim = await startSimServer(simStore, { bookmarkIntervalMs: 200 });
    const kubeconfig = join(dir, 'kubeconfig');
    const db = join(dir, 'eph.db');
    sim.writeKubeconfig(kubeconfig);
    for (let i = 0; i < 30; i++) putPod(simStore, 'shop', `seed-${i}`);
    let churning = true;
    let paused = true;
    let n = 0;
    const names: string[] = [];
    const churn = (async () => {
      while (churning) {
        if (paused) {
          await sleep(5);
          continue;
        }
        n += 1;
        const r = n % 3;
        if (r === 0 || names.length < 5) names.push(putPod(simStore, 'shop', `c-${n}`).metadata.name);
        else if (r === 1) {
          const name = names[n % names.length]!;
          setReady(simStore, 'shop', name, !isPodReady(simStore.get('Pod', 'shop', name) as never));
        } else simStore.remove('Pod', 'shop', names.splice(n % names.length, 1)[0]!);
        await sleep(3);
      }
    })();
    // Deletions made while no recorder runs and the history is compacted can only be seen by a relist.
    const deletedInDowntime: string[] = [];
    let downtimeWindow: [number, number] | null = null;
    let child = startChild(kubeconfig, db);
    const listed = String(simStore.revision);
    await waitFor(() => existsSync(db) && podCursor(db) === listed, 30_000, 'first list');
    const firstListRv = Number(listed);
    paused = false;
    const kills = 4;
    for (let k = 0; k < kills; k++) {
      await sleep(400 + Math.random() * 800);
      await killed(child, 'SIGKILL');
      if (k === kills - 1) {
        paused = true;
        await sleep(20);
        const cursor = withStore(db, (s) => Number(s.getCursor('sim', 'Pod')?.resourceVersion ?? 0));
        const recorded = withStore(db, (s) => [...s.currentObjects('sim', 'Pod').values()]);
        for (const o of recorded
          .filter((o) => simStore.get('Pod', o.namespace, o.name)?.metadata.uid === o.uid)
          .slice(0, 3)) {
          deletedInDowntime.push(o.uid);
          simStore.remove('Pod', o.namespace, o.name);
          names.splice(names.indexOf(o.name), 1);
        }
        sim.faults.compact();
        downtimeWindow = [cursor, simStore.revision];
        child = startChild(kubeconfig, db);
        const head = String(simStore.revision);
        // A fresh child process (tsx, then the kubeconfig read in its own child) can take seconds on a loaded machine.
        await waitFor(() => podCursor(db) === head, 30_000, 'relisted');
        paused = false;
        continue;
      }
      child = startChild(kubeconfig, db);
    }
    await sleep(500);
    churning = false;
    await churn;
    const head = String(simStore.revision);
    await waitFor(() => podCursor(db) === head, 30_000, 'caught up');
    await killed(child, 'SIGTERM');
    await sim.stop();

    const store = SqliteStore.open(db);
    try {
      const rows = events(store, "kind = 'Pod'");
      const keys = rows.map((r) => `${r.uid}@${r.resource_version}`);
      expect(new Set(keys).size).toBe(keys.length);
      const stored = new Set(keys);
      // Every change after the first list is stored exactly once, except those inside the compacted downtime.
      const [from, to] = downtimeWindow!;
      const missing = log.filter(
        (c) =>
          c.kind === 'Pod' &&
          c.rev > firstListRv &&
          !(c.rev > from && c.rev <= to) &&
          !stored.has(`${c.object.metadata.uid}@${c.rev}`),
      );
      expect(log.length).toBeGreaterThan(300);
      expect(missing.map((c) => `${c.type} ${c.object.metadata.name} @${c.rev}`)).toEqual([]);
      // Watch rows are real changes of the simulator, never invented.
      const real = new Set(log.map((c) => `${c.object.metadata.uid}@${c.rev}`));
      expect(rows.filter((r) => r.source === 'watch' && !real.has(`${r.uid}@${r.resource_version}`))).toEqual(
        [],
      );
      expect(deletedInDowntime).toHaveLength(3);
      for (const uid of deletedInDowntime) {
        expect(rows.filter((r) => r.uid === uid && r.type === 'DELETED').map((r) => r.source)).toEqual([
          'relist',
        ]);
      }
      const alive = new Map(
        [...store.currentObjects('sim', 'Pod').values()].map((o) => [o.uid, o.resourceVersion]),
      );
      const truth = new Map(simStore.list('Pod').map((o) => [o.metadata.uid, o.metadata.resourceVersion]));
      expect(alive).toEqual(truth);
    } finally {
      store.close();
    }
  }, 120_000);
});
