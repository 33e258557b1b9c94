import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/types.js';
import { SqliteStore } from '../../src/store/index.js';
import { rawService, rawSlice, Timeline, tempDbPath } from '../helpers/k8s.js';
import { recordGaps } from '../query/gapScenario.js';
import { INCIDENT_NOW, t } from '../query/incidentRecording.js';
import { cli, incidentCli } from './helpers.js';

// the incident recording (every kind listed at 01:59, an EndpointSlice gap 02:25–02:27) plus a Pod gap
// 02:40–02:45 and a Service gap 02:50–02:56 (test/query/gapScenario.ts).
const { run } = incidentCli(recordGaps);

const BEFORE = '2026-03-01T01:30:00Z';
const NEVER_LISTED = 'beginning–2026-03-01T01:59:00Z (not-recording)';
const oneLine = (s: string) => s.endsWith('\n') && s.split('\n').length === 2;

describe('a question about unrecorded time is answered "not recorded", never empty', () => {
  it('gives get endpoints before recording began one not-recorded line and exit 3, not "No resources found"', async () => {
    for (const argv of [
      ['get', 'endpoints', '--at', BEFORE],
      ['get', 'endpoints', '-A', '--at', BEFORE],
      ['get', 'endpoints', 'service-hello', '--at', BEFORE],
      ['get', 'endpoints', 'service-hello', '--at', BEFORE, '-o', 'json'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(3);
      expect(r.stdout, argv.join(' ')).toBe('');
      expect(oneLine(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toMatch(
        /^endpoints-history: not recorded: endpoints .* at 2026-03-01T01:30:00Z is unknown/,
      );
      expect(r.stderr).toContain(`Service ${NEVER_LISTED}`);
      expect(r.stderr).toMatch(/\(EPH_ERR_NOT_RECORDED\)\n$/);
    }
  });

  it('gives describe before recording began "not recorded", not an unknown service, even for a name never seen', async () => {
    for (const name of ['service-hello', 'created-and-deleted-before-recording']) {
      const r = await run('describe', 'endpoints', name, '--at', BEFORE);
      expect(r.code, name).toBe(3);
      expect(r.stderr, name).not.toContain('EPH_ERR_UNKNOWN_SERVICE');
      expect(r.stderr).toContain(
        `not recorded: endpoints "${name}" in namespace default at 2026-03-01T01:30:00Z`,
      );
    }
    // the operator's typo at a recorded moment stays an unknown service (exit 1)
    const typo = await run('describe', 'endpoints', 'servce-hello', '--at', '2026-03-01T02:30:00Z');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('EPH_ERR_UNKNOWN_SERVICE');
  });

  it('prints the last recorded endpoints inside a gap with one note naming it', async () => {
    const r = await run('get', 'endpoints', 'web-ds', '--at', '2026-03-01T02:53:00Z');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^web-ds\s+<none>\s+59d$/);
    expect(r.stderr).toBe(
      '# default/web-ds at 2026-03-01T02:53:00Z: source EndpointSlices, incomplete — recording gap Service 2026-03-01T02:50:00Z–2026-03-01T02:56:00Z (stream-broken): changes may be missing\n',
    );
  });

  it('notes a get pods inside a Pod gap, and says not recorded when nothing is known', async () => {
    const inGap = await run('get', 'pods', '--at', '2026-03-01T02:42:00Z');
    expect(inGap.code).toBe(0);
    expect(inGap.stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS/);
    expect(inGap.stderr).toBe(
      '# pods at 2026-03-01T02:42:00Z: incomplete — recording gap Pod 2026-03-01T02:40:00Z–2026-03-01T02:45:00Z (stream-broken): pods may be missing or out of date\n',
    );
    const before = await run('get', 'pods', '--at', BEFORE);
    expect([before.code, before.stdout]).toEqual([3, '']);
    expect(before.stderr).toContain(
      `not recorded: pods in namespace default at 2026-03-01T01:30:00Z is unknown — recording gap Pod ${NEVER_LISTED}`,
    );
    // a pod the recorder never saw, asked about inside a gap: unknown, not "not found"
    const missing = await run('get', 'pods', 'hello-new', '--at', '2026-03-01T02:42:00Z');
    expect(missing.code).toBe(3);
    expect(missing.stderr).not.toContain('EPH_ERR_UNKNOWN_POD');
    const recorded = await run('get', 'pods', 'hello-new', '--at', '2026-03-01T02:30:00Z');
    expect([recorded.code, recorded.stderr]).toEqual([1, expect.stringContaining('EPH_ERR_UNKNOWN_POD')]);
  });

  it('warns when who-had-ip names a holder inside a Pod gap, and says not recorded when it knows none', async () => {
    const held = await run('who-had-ip', '10.244.1.24', '--at', '2026-03-01T02:42:00Z');
    expect(held.code).toBe(0);
    expect(held.stdout).toContain('hello-7d9f-ccccc');
    expect(held.stderr).toBe(
      '# 10.244.1.24 at 2026-03-01T02:42:00Z: incomplete — recording gap Pod 2026-03-01T02:40:00Z–2026-03-01T02:45:00Z (stream-broken): pods were not recorded then, the holder may have changed unseen\n',
    );
    for (const when of [
      ['--at', '2026-03-01T02:42:00Z'],
      ['--at', BEFORE],
      ['--from', '2026-03-01T02:30:00Z', '--to', '2026-03-01T02:43:00Z'],
    ]) {
      const r = await run('who-had-ip', '10.9.9.9', ...when);
      expect(r.code, when.join(' ')).toBe(3);
      expect(r.stderr).toMatch(
        /^endpoints-history: not recorded: which pod held 10\.9\.9\.9 .* recording gap Pod /,
      );
      expect(oneLine(r.stderr)).toBe(true);
    }
    const json = await run('who-had-ip', '10.9.9.9', '--at', BEFORE, '-o', 'json');
    expect([json.code, json.stdout]).toEqual([3, '[]\n']);
    // recorded and nobody held it: a certain empty answer, as before
    const nobody = await run('who-had-ip', '10.9.9.9', '--at', '2026-03-01T02:30:00Z');
    expect(nobody).toEqual({ code: 0, stdout: '', stderr: 'no pod held 10.9.9.9 at 2026-03-01T02:30:00Z\n' });
  });

  it('starts a history before recording began with "not recorded", not "0 ready"', async () => {
    const r = await run('history', 'svc', 'service-hello', '--from', BEFORE, '--to', '2026-03-01T02:05:00Z');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe(
      `at start (including changes at that instant): not recorded (recording gap Service ${NEVER_LISTED}; EndpointSlice ${NEVER_LISTED})`,
    );
    expect(r.stdout).not.toContain('0 ready, 0 not ready\n');
    const inGap = await run(
      'history',
      'svc',
      'web-ds',
      '--from',
      '2026-03-01T02:45:00Z',
      '--to',
      '2026-03-01T02:54:00Z',
    );
    expect(inGap.stdout).toContain(
      'at end: unknown, 0 ready, 0 not ready when last recorded (recording gap Service 2026-03-01T02:50:00Z–2026-03-01T02:56:00Z (stream-broken))',
    );
    expect(inGap.stdout).toContain('OUTAGE: no ready endpoints (overlaps a recording gap');
  });
});

describe('an evidence pack over unrecorded time', () => {
  it('gives no ready count where none was recorded, instead of 0', async () => {
    const range = ['--service', 'default/service-hello', '--from', BEFORE, '--to', '2026-03-01T02:05:00Z'];
    const json = JSON.parse((await run('export', ...range, '--format', 'json')).stdout);
    expect(json.summary).toMatchObject({ readyAtStart: null, readyAtEnd: 4, readyMin: 0, readyMax: 4 });
    expect(json.timeline.readyCount[0]).toMatchObject({ ready: 0, complete: false });
    const md = (await run('export', ...range, '--format', 'md')).stdout;
    expect(md).toContain('| Ready endpoints | not recorded at start, 4 at end (min 0, max 4) |');
    expect(md).toContain('| 2026-03-01T01:30:00Z | unknown (last recorded 0) | unknown (last recorded 0) |');
    const before = JSON.parse(
      (
        await run(
          'export',
          '--service',
          'default/service-hello',
          '--from',
          '-2h',
          '--to',
          BEFORE,
          '--format',
          'json',
        )
      ).stdout,
    );
    expect(before.summary).toMatchObject({
      readyAtStart: null,
      readyAtEnd: null,
      readyMin: null,
      readyMax: null,
    });
  });
});

describe('one note for a whole list, however many services a gap touches', () => {
  it('prints ONE stderr line for 150 services inside a slice gap', async () => {
    const path = tempDbPath();
    const store = SqliteStore.open(path);
    const tl = new Timeline(t('02:00:00'));
    store.append({
      observations: [],
      coverage: KINDS.map((kind) => ({
        op: 'open',
        cluster: 'test',
        kind,
        at: t('01:59:00'),
        reason: 'list',
      })),
    });
    const names = Array.from({ length: 150 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
    tl.put(
      store,
      t('02:00:00'),
      ...names.flatMap((name, i) => [
        (x: Timeline) => x.obs('Service', 'ADDED', rawService({ uid: `svc-${i}`, name })),
        (x: Timeline) =>
          x.obs(
            'EndpointSlice',
            'ADDED',
            rawSlice({
              uid: `slice-${i}`,
              name: `${name}-x`,
              service: name,
              endpoints: [{ ip: `10.3.${i}.1` }],
            }),
          ),
      ]),
    );
    store.append({
      observations: [],
      coverage: [
        { op: 'close', cluster: 'test', kind: 'EndpointSlice', at: t('02:10:00'), reason: 'stream-broken' },
      ],
    });
    store.close();
    const r = await cli(
      ['get', 'endpoints', '-A', '--at', '2026-03-01T02:20:00Z', '--db', path],
      INCIDENT_NOW,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(152);
    expect(r.stderr).toBe(
      '# at 2026-03-01T02:20:00Z: 150 of 150 services incomplete (default/svc-000, default/svc-001, default/svc-002 and 147 more) — recording gap EndpointSlice 2026-03-01T02:10:00Z–now (stream-broken): changes may be missing\n',
    );
  });
});
