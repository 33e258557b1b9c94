import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { tempDbPath } from '../helpers/k8s.js';

describe('the writer lock', () => {
  it('refuses a second writer of the same file, naming the holder, until the first closes', async () => {
    const path = tempDbPath();
    const first = SqliteStore.open(path, { command: 'record' });
    let refused: unknown;
    try {
      SqliteStore.open(path, { command: 'rebuild' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({
      code: 'EPH_ERR_DB_LOCKED',
      details: { holder: { pid: process.pid, host: hostname(), command: 'record' } },
    });
    expect((refused as Error).message).toContain(
      `\`endpoints-history record\` (pid ${process.pid} on host ${hostname()}`,
    );
    first.close();
    const next = SqliteStore.open(path, { command: 'rebuild' });
    next.close();
  });

  it('lets readers in while a writer holds the lock', async () => {
    const path = tempDbPath();
    const store = SqliteStore.open(path);
    const history = History.open(path);
    expect(await history.clusters()).toEqual([]);
    history.close();
    store.close();
  });
});
