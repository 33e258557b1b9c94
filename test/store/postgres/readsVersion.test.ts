import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { History } from '../../../src/query/index.js';
import { connectReads, PostgresStore } from '../../../src/store/index.js';
import { freshPostgresDb } from '../../helpers/postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Another session of the server, as a recorder elsewhere writes: connected before the test times anything. */
async function otherSession(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    addCluster: (name: string) => client.query('INSERT INTO clusters (name) VALUES ($1)', [name]),
    end: () => client.end(),
  };
}

describe('PostgreSQL reads and the history version', () => {
  it('a reader in a thread that writes no history sees another session’s commit once the version is read again', async () => {
    const url = await freshPostgresDb(true);
    const other = await otherSession(url);
    const history = new History(await connectReads(url));
    try {
      await other.addCluster('a');
      expect(await history.clusters()).toEqual(['a']);
      await other.addCluster('b');
      await sleep(50); // longer than a version is reused
      expect(await history.clusters()).toEqual(['a', 'b']);
    } finally {
      history.close();
      await other.end();
    }
  });

  it('with a writer open in the same thread, a commit is seen by the very next question', async () => {
    const url = await freshPostgresDb(true);
    const store = await PostgresStore.open(url);
    const other = await otherSession(url);
    const history = new History(await connectReads(url));
    try {
      await other.addCluster('a');
      expect(await history.clusters()).toEqual(['a']);
      await other.addCluster('b');
      expect(await history.clusters()).toEqual(['a', 'b']);
    } finally {
      history.close();
      await other.end();
      await store.close();
    }
  });
});
