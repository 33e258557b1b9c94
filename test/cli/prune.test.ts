import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';
import { rawPod, Timeline, tempDbPath } from '../helpers/k8s.js';
import { cli } from './helpers.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const NOW = START + 3_600_000;

describe('prune reclaims space', () => {
  it('shrinks the file after pruning most of the history, saying what it does on stderr, and keeps the answers after the cutoff', async () => {
    const path = tempDbPath();
    const store = SqliteStore.open(path);
    const tl = new Timeline();
    // 3,000 short-lived pods over the first 50 minutes, then 10 that stay.
    for (let i = 0; i < 3000; i++) {
      const labels = { blob: randomBytes(300).toString('hex') };
      const pod = rawPod({ uid: `u${i}`, name: `p${i}`, ips: [`10.2.${i >> 8}.${i & 255}`], labels });
      tl.put(store, START + i * 1000, (t) => t.obs('Pod', 'ADDED', pod));
      tl.put(store, START + i * 1000 + 500, (t) => t.obs('Pod', 'DELETED', pod));
    }
    for (let i = 0; i < 10; i++)
      tl.put(store, NOW - 300_000 + i, (t) =>
        t.obs('Pod', 'ADDED', rawPod({ uid: `keep${i}`, name: `keep${i}`, ips: [`10.3.0.${i + 1}`] })),
      );
    store.close();
    const before = statSync(path).size;
    expect(before).toBeGreaterThan(2 * 2 ** 20);
    const pods = () =>
      cli(['get', 'pods', '-A', '--db', path, '--at', new Date(NOW - 60_000).toISOString()], NOW);
    const answer = await pods();

    const r = await cli(['prune', '--older-than', '8m', '--db', path], NOW);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/database size:\s+\d+\.\d MiB → \d+\.\d MiB\n$/);
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(/^prune: deleting history before 2026-03-01T00:52:00\.000Z$/),
      expect.stringMatching(/^prune: deleted 6000 events in \d+\.\d s$/),
      expect.stringMatching(
        /^prune: reclaiming \d+\.\d MiB of free space in a \d+\.\d MiB database \(VACUUM rewrites the \d+\.\d MiB in use\)$/,
      ),
      '',
    ]);
    const after = statSync(path).size;
    expect(after).toBeLessThan(before / 4);
    expect(await pods()).toEqual(answer);
  });
});
