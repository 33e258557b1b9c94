import { describe, expect, it } from 'vitest';
import { freshPostgresDb, onPostgres } from '../helpers/postgres.js';
import { INCIDENT_NOW } from '../query/incidentRecording.js';
import { cli, incidentCli } from './helpers.js';

/** The incident recording in a SQLite file (this file runs in the sqlite project). */
const sqlite = incidentCli();

const QUESTIONS = [
  ['get', 'endpoints', '-A', '--at', '2026-03-01T02:28:00Z'],
  ['get', 'endpoints', 'service-hello', '--at', '2026-03-01T02:15:10Z', '-o', 'json'],
  ['describe', 'endpoints', 'legacy', '--at', '2026-03-01T02:20:00Z'],
  ['get', 'pods', '-A', '-o', 'wide', '--at', '2026-03-01T02:20:30Z'],
  ['who-had-ip', '10.244.1.22', '--from', '2026-03-01T02:00:00Z', '--to', '2026-03-01T02:40:00Z'],
  ['history', 'service', 'service-hello', '--from', '2026-03-01T02:00:00Z', '--to', '2026-03-01T02:40:00Z'],
];
const answers = (db: string) => Promise.all(QUESTIONS.map((q) => cli([...q, '--db', db], INCIDENT_NOW)));

describe('copy --from FILE.db --to postgres://', () => {
  it('moves a SQLite history into PostgreSQL with the same answers, and a second run copies nothing again', async () => {
    const url = await freshPostgresDb();
    const first = await cli(['copy', '--from', sqlite.db(), '--to', url], INCIDENT_NOW);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^copied .* to postgres:\/\/.*: (\d+) events, 0 already there, (\d+) coverage intervals, clusters test in/,
    );
    expect(first.stderr).toMatch(/^copy: \d+\/\d+ events \(\d+%\)/);
    expect(first.stderr).toMatch(/\(100%\), 0 already there\n$/);
    const copied = Number(/: (\d+) events/.exec(first.stdout)![1]);
    expect(copied).toBeGreaterThan(40);
    expect(await answers(url)).toEqual(await answers(sqlite.db()));

    const again = await cli(['copy', '--from', sqlite.db(), '--to', url], INCIDENT_NOW);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`: 0 events, ${copied} already there, 0 coverage intervals`);
    const rows = await onPostgres<{ n: number }>(url, 'SELECT COUNT(*)::int AS n FROM events');
    expect(rows[0]!.n).toBe(copied);
    expect(await answers(url)).toEqual(await answers(sqlite.db()));
  });

  it('refuses a --to that is not PostgreSQL, and a missing --from, with exit 2', async () => {
    expect((await cli(['copy', '--from', sqlite.db(), '--to', '/tmp/x.db'], INCIDENT_NOW)).code).toBe(2);
    const missing = await cli(
      ['copy', '--from', '/nonexistent/h.db', '--to', await freshPostgresDb()],
      INCIDENT_NOW,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('EPH_ERR_DB_MISSING');
  });
});
