import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/k8s.js';

/** Commits one new cluster row from another thread, as the recorder thread of `run` commits. */
function commitFromAnotherThread(path: string, cluster: string): Promise<void> {
  const worker = new Worker(
    `const Database = require('better-sqlite3');
     const { workerData } = require('node:worker_threads');
     const db = new Database(workerData.path);
     db.pragma('busy_timeout = 5000');
     db.prepare('INSERT INTO clusters (name) VALUES (?)').run(workerData.cluster);
     db.close();`,
    { eval: true, workerData: { path, cluster } },
  );
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
  });
}

describe('memoised answers and the data version', () => {
  it('a reader in a thread that writes no history sees another thread’s commit on its next turn', async () => {
    const path = join(tempDir(), 'history.db');
    SqliteStore.open(path).close();
    await commitFromAnotherThread(path, 'a');
    const history = History.open(path);
    try {
      expect(await history.clusters()).toEqual(['a']);
      await commitFromAnotherThread(path, 'b');
      // awaiting the worker took turns of the loop: the memo of ['a'] must not answer any more
      expect(await history.clusters()).toEqual(['a', 'b']);
    } finally {
      history.close();
    }
  });

  it('with a writer open in the same thread, a commit between two reads of one turn is seen at once', async () => {
    const path = join(tempDir(), 'history.db');
    const store = SqliteStore.open(path);
    await commitFromAnotherThread(path, 'a');
    const history = History.open(path);
    try {
      expect(await history.clusters()).toEqual(['a']);
      // same turn: no timer or I/O between the first answer, this commit and the next question
      store.db.prepare('INSERT INTO clusters (name) VALUES (?)').run('b');
      expect(await history.clusters()).toEqual(['a', 'b']);
    } finally {
      history.close();
      store.close();
    }
  });
});
