import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/k8s.js';
import { INCIDENT_NOW } from '../query/incidentRecording.js';
import { cli, incidentCli } from './helpers.js';

const { run, db } = incidentCli();

const oneLine = (s: string) => s.endsWith('\n') && s.split('\n').length === 2;

describe('errors and usage', () => {
  it('answers an unknown flag with one line on stderr and exit 2', async () => {
    const r = await run('get', 'endpoints', '--bogus');
    expect(r).toEqual({ code: 2, stdout: '', stderr: "endpoints-history: unknown option '--bogus'\n" });
  });

  it('answers a bad time with one line naming it and exit 2', async () => {
    for (const argv of [
      ['get', 'endpoints', '--at', 'yesterday'],
      ['history', 'service', 'service-hello', '--from', 'last tuesday'],
      ['diff', 'endpoints', 'service-hello', 'then', 'now'],
      ['who-had-ip', '10.244.1.22', '--at', '2026-13-45'],
      ['get', 'endpoints', '--at', '9999999999999999'],
      ['history', 'service', 'service-hello', '--from', '-100000000000w'],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^endpoints-history: bad time "[^"]+": .*\(EPH_ERR_BAD_TIME\)\n$/);
      expect(oneLine(r.stderr)).toBe(true);
    }
  });

  it('answers a missing database with one line and exit 2, without creating the file', async () => {
    const missing = join(tempDir(), 'nope.db');
    for (const argv of [
      ['get', 'endpoints'],
      ['rebuild'],
      ['prune', '--older-than', '30d'],
      ['export', '--service', 'default/x'],
    ]) {
      const r = await cli([...argv, '--db', missing], INCIDENT_NOW);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`endpoints-history: database ${missing} does not exist (EPH_ERR_DB_MISSING)\n`);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('answers an unknown service with exit 1 and its EPH code', async () => {
    for (const argv of [
      ['get', 'endpoints', 'nope'],
      ['describe', 'endpoints', 'nope'],
      ['history', 'service', 'nope'],
      ['diff', 'endpoints', 'nope', 'now-1h', 'now'],
      ['export', '--service', 'default/nope'],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'endpoints-history: no history recorded for service default/nope in cluster test (EPH_ERR_UNKNOWN_SERVICE)\n',
      );
    }
  });

  it('answers an unknown cluster (a bad --cluster) and a bad IP with exit 2', async () => {
    const c = await run('get', 'endpoints', '--cluster', 'prod');
    expect(c.code).toBe(2);
    expect(c.stderr).toBe(
      'endpoints-history: no history recorded for cluster "prod" (recorded: test) (EPH_ERR_UNKNOWN_CLUSTER)\n',
    );
    const ip = await run('who-had-ip', '10.244.1.999');
    expect(ip.code).toBe(2);
    expect(ip.stderr).toContain('(EPH_ERR_BAD_IP)');
  });

  it('rejects an unknown resource and an unknown command with exit 2', async () => {
    expect((await run('get', 'deployments')).code).toBe(2);
    const r = await cli(['frobnicate'], INCIDENT_NOW);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
  });

  it('prints --help on every command to stdout with exit 0', async () => {
    for (const command of [
      'get',
      'describe',
      'history',
      'who-had-ip',
      'diff',
      'export',
      'rebuild',
      'prune',
      'record',
    ]) {
      const r = await cli([command, '--help'], INCIDENT_NOW);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: endpoints-history ${command} `));
    }
  });

  it('states each default once in --help, never "(default now) (default: "now")"', async () => {
    for (const command of [
      'get',
      'describe',
      'history',
      'who-had-ip',
      'diff',
      'export',
      'prune',
      'record',
      'serve',
      'run',
      'demo',
    ]) {
      const r = await cli([command, '--help'], INCIDENT_NOW);
      // an option's text runs from its flags to the next option, over wrapped lines
      const options = r.stdout.split(/\n(?= {2}-)/).map((o) => o.replace(/\s+/g, ' '));
      for (const o of options)
        expect(o.match(/\(default/g)?.length ?? 0, `${command}: ${o}`).toBeLessThanOrEqual(1);
    }
  });

  it('names an inverted diff range by its arguments, not by flags diff does not have', async () => {
    const r = await run('diff', 'endpoints', 'service-hello', 'now', 'now-1h');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'endpoints-history: range ends before it starts: t1 now is after t2 now-1h (EPH_ERR_BAD_RANGE)\n',
    );
    const history = await run('history', 'svc', 'service-hello', '--from', 'now', '--to', '-1h');
    expect(history.stderr).toContain('--from now is after --to -1h');
  });

  it('accepts relative times: a flag value may start with a dash, a positional one is written now-1h', async () => {
    const flag = await run('get', 'endpoints', 'service-hello', '--at', '-44m50s');
    const positional = await run('diff', 'endpoints', 'service-hello', 'now-1h', 'now-44m50s');
    expect(flag.stdout).toContain('10.244.1.24:8080,10.244.1.25:8080,10.244.1.26:8080   59d');
    expect(positional.code).toBe(0);
    expect(positional.stdout).toContain(
      '~ 10.244.1.23 hello-7d9f-bbbbb ready true→false, serving true→false',
    );
  });

  it('reads every flag from its EPH_* environment variable', async () => {
    process.env.EPH_DB = db();
    process.env.EPH_AT = '2026-03-01T02:15:10Z';
    try {
      const r = await cli(['get', 'endpoints', 'service-hello'], INCIDENT_NOW);
      expect(r.stdout).toContain('10.244.1.24:8080,10.244.1.25:8080,10.244.1.26:8080   59d');
    } finally {
      delete process.env.EPH_DB;
      delete process.env.EPH_AT;
    }
  });
});
