import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { openStore } from '../../src/store/index.js';
import { packageRoot } from '../../src/util/packageRoot.js';
import { rawPod, Timeline } from '../helpers/k8s.js';
import { asRole, freshPostgresDb, psql, withServerLock } from '../helpers/postgres.js';
import { cli } from './helpers.js';

const ROLES_SQL = join(packageRoot(), 'deploy', 'fleet', 'roles.sql');
const NOW = Date.parse('2026-03-01T03:00:00Z');

/** deploy/fleet/roles.sql run on `url` as docs/fleet.md says (psql, stop on the first error). */
const applyRoles = (url: string) =>
  withServerLock(() => psql(['-v', 'ON_ERROR_STOP=1', '-q', url, '-f', ROLES_SQL]));

const pod = (tl: Timeline, uid: string, ip: string) => ({
  ...tl.obs('Pod', 'ADDED', rawPod({ uid, name: `web-${uid}`, ips: [ip] })),
  cluster: 'prod-eu',
});

describe('deploy/fleet/roles.sql on a live server', () => {
  let url: string;
  const as = (role: 'eph_owner' | 'eph_recorder' | 'eph_reader') => asRole(url, role);
  beforeAll(async () => {
    // the order docs/fleet.md gives: roles, the schema as its owner, the roles again after a migrate
    url = await freshPostgresDb();
    await applyRoles(url);
    const migrated = await cli(['migrate', '--db', as('eph_owner')], NOW);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    await applyRoles(url);
    await applyRoles(url);
  });

  it('lets the recorder role record and the reader role answer what it recorded', async () => {
    const store = await openStore(as('eph_recorder'), { cluster: 'prod-eu', command: 'record' });
    const tl = new Timeline(NOW - 60_000);
    expect(
      (await store.append({ observations: [pod(tl, 'a', '10.0.0.7'), pod(tl, 'b', '10.0.0.8')] })).appended,
    ).toBe(2);
    await store.close();
    const history = await History.connect(as('eph_reader'), { now: () => NOW });
    try {
      const holders = await history.podsByIP({ ip: '10.0.0.7', at: NOW });
      expect(holders.map((h) => h.pod.name)).toEqual(['web-a']);
    } finally {
      history.close();
    }
    const r = await cli(['who-had-ip', '10.0.0.8', '--db', as('eph_reader')], NOW);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('web-b');
  });

  it('refuses every write as the reader role with a coded error, exit 2, and changes nothing', async () => {
    const before = await cli(['who-had-ip', '10.0.0.7', '--db', as('eph_reader')], NOW);
    await expect(
      openStore(as('eph_reader'), { cluster: 'prod-us', command: 'record' }),
    ).rejects.toMatchObject({
      code: 'EPH_ERR_DB_PERMISSION',
    });
    for (const argv of [['rebuild'], ['prune', '--older-than', '30d']]) {
      const r = await cli([...argv, '--db', as('eph_reader')], NOW);
      expect(r.code, argv[0]).toBe(2);
      // one line naming the role and the code (prune says its phase before)
      expect(r.stderr, argv[0]).toMatch(
        /^endpoints-history: PostgreSQL refused role eph_reader .*\(EPH_ERR_DB_PERMISSION\)\n$/m,
      );
    }
    const after = await cli(['who-had-ip', '10.0.0.7', '--db', as('eph_reader')], NOW);
    expect(after).toEqual(before);
  });

  it('refuses a migrate as the reader role on a database still without its schema', async () => {
    const empty = await freshPostgresDb();
    await applyRoles(empty);
    const r = await cli(['migrate', '--db', asRole(empty, 'eph_reader')], NOW);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^endpoints-history: .*\(EPH_ERR_DB_PERMISSION\)\n$/);
    expect(await psql(['-tA', empty, '-c', "SELECT to_regclass('public.events') IS NULL"])).toBe('t\n');
  });

  it('refuses what only the owner may do as the recorder role: rebuild, prune', async () => {
    for (const argv of [['rebuild'], ['prune', '--older-than', '30d']]) {
      const r = await cli([...argv, '--db', as('eph_recorder')], NOW);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr, argv[0]).toMatch(/\(EPH_ERR_DB_PERMISSION\)\n$/);
    }
  });
});
