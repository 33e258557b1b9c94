import { describe, expect, it } from 'vitest';
import { incidentCli } from './helpers.js';

/** Its own recording: rebuild and prune change the database. */
const { run } = incidentCli();

/** Questions whose answers must survive a rebuild, and a prune for times after its cutoff. */
const QUESTIONS = [
  ['get', 'endpoints', '-A', '--at', '2026-03-01T02:28:00Z'],
  ['get', 'endpoints', 'service-hello', '--at', '2026-03-01T02:15:10Z', '-o', 'json'],
  ['describe', 'endpoints', 'legacy', '--at', '2026-03-01T02:20:00Z'],
  ['get', 'pods', '-A', '-o', 'wide', '--at', '2026-03-01T02:20:30Z'],
  ['who-had-ip', '10.244.1.22', '--from', '2026-03-01T02:20:00Z', '--to', '2026-03-01T02:40:00Z'],
  ['history', 'service', 'service-hello', '--from', '2026-03-01T02:20:00Z', '--to', '2026-03-01T02:40:00Z'],
  ['diff', 'endpoints', 'service-hello', '2026-03-01T02:20:00Z', '2026-03-01T02:40:00Z'],
];
const answers = async () => Promise.all(QUESTIONS.map((q) => run(...q)));

describe('rebuild and prune', () => {
  it('rebuilds the projections with progress on stderr and leaves every answer unchanged', async () => {
    const before = await answers();
    const r = await run('rebuild');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rebuilt projections from \d+ events in \d+\.\d\d s \(\d+ events\/s\)\n$/);
    expect(r.stderr).toMatch(/^rebuild: (\d+)\/\1 events \(100%\), \d+ events\/s\n$/);
    expect(await answers()).toEqual(before);
  });

  it('prunes history older than the cutoff, says what it removed, and keeps answers after the cutoff', async () => {
    const before = await answers();
    const r = await run('prune', '--older-than', '45m');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('pruned history before 2026-03-01T02:15:00Z');
    expect(Number(/events deleted:\s+(\d+)/.exec(r.stdout)?.[1])).toBeGreaterThan(0);
    expect(await answers()).toEqual(before);
    const afterRebuild = await run('rebuild');
    expect(afterRebuild.code).toBe(0);
    expect(await answers()).toEqual(before);
  });

  it('refuses a missing duration or a bad one with exit 2', async () => {
    expect((await run('prune')).code).toBe(2);
    const bad = await run('prune', '--older-than', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'endpoints-history: bad duration for --older-than "soon": use a form like 30d, 12h or 90m (EPH_ERR_BAD_ARGUMENT)\n',
    );
  });
});
