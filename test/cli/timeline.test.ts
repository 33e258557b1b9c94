import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/types.js';
import { History } from '../../src/query/index.js';
import { type SqliteReads, SqliteStore } from '../../src/store/index.js';
import { rawService, rawSlice, Timeline, tempDbPath, tempDir } from '../helpers/k8s.js';
import { INCIDENT_NOW, t } from '../query/incidentRecording.js';
import { cli, incidentCli } from './helpers.js';

const { run, db } = incidentCli();

describe('history service', () => {
  it('prints the membership timeline with ready counts and the recording gap inline', async () => {
    const r = await run(
      'history',
      'service',
      'service-hello',
      '-n',
      'default',
      '--from',
      '2026-03-01T02:05:00Z',
      '--to',
      '2026-03-01T02:30:00Z',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'service default/service-hello  2026-03-01T02:05:00Z → 2026-03-01T02:30:00Z',
        'cluster test · source EndpointSlices · INCOMPLETE: 1 recording gap',
        'at start (including changes at that instant): 4 ready, 0 not ready',
        '',
        '2026-03-01T02:10:00Z  +  10.244.1.26  hello-8e0a-eeeee  joined, not ready on node-1  [event 31]',
        '2026-03-01T02:10:00Z  =  4 ready, 1 not ready',
        '2026-03-01T02:10:05Z  ~  10.244.1.26  hello-8e0a-eeeee  ready false→true, serving false→true  [event 34]',
        '2026-03-01T02:10:05Z  =  5 ready, 0 not ready',
        '2026-03-01T02:10:10Z  ~  10.244.1.22  hello-7d9f-aaaaa  ready true→false, terminating false→true  [event 37]',
        '2026-03-01T02:10:10Z  =  4 ready, 1 not ready',
        '2026-03-01T02:10:40Z  -  10.244.1.22  hello-7d9f-aaaaa  left (was not ready, serving, terminating on node-1)  [event 40]',
        '2026-03-01T02:10:40Z  =  4 ready, 0 not ready',
        '2026-03-01T02:15:00Z  ~  10.244.1.23  hello-7d9f-bbbbb  ready true→false, serving true→false  [event 42]',
        '2026-03-01T02:15:00Z  =  3 ready, 1 not ready',
        '2026-03-01T02:15:30Z  ~  10.244.1.23  hello-7d9f-bbbbb  ready false→true, serving false→true  [event 45]',
        '2026-03-01T02:15:30Z  =  4 ready, 0 not ready',
        '2026-03-01T02:20:05Z  +  10.244.1.22  hello-8e0a-fffff  joined, ready on node-1  [event 49]',
        '2026-03-01T02:20:05Z  =  5 ready, 0 not ready',
        '2026-03-01T02:25:00Z  ⚠  recording gap 2026-03-01T02:25:00Z–2026-03-01T02:27:00Z (EndpointSlice, stream-broken): changes may be missing',
        '',
        'at end: 5 ready, 0 not ready · 7 changes · 0 outages',
        '',
      ].join('\n'),
    );
  });

  it('marks an outage and its end when the only endpoint of a service goes not ready for 30 s', async () => {
    const path = tempDbPath();
    const store = SqliteStore.open(path);
    const tl = new Timeline();
    const slice = (ready: boolean) =>
      rawSlice({
        uid: 's1',
        name: 'solo-abc',
        service: 'solo',
        endpoints: [{ ip: '10.1.0.5', pod: { name: 'solo-1', uid: 'p1' }, ready }],
      });
    tl.at('2026-03-01T02:00:00Z');
    store.append({
      observations: [
        tl.obs('Service', 'ADDED', rawService({ uid: 'svc', name: 'solo' })),
        tl.obs('EndpointSlice', 'ADDED', slice(true)),
      ],
      coverage: KINDS.map((kind) => ({ op: 'open', cluster: 'test', kind, at: tl.now, reason: 'list' })),
    });
    tl.put(store, t('02:05:00'), (x) => x.obs('EndpointSlice', 'MODIFIED', slice(false)));
    tl.put(store, t('02:05:30'), (x) => x.obs('EndpointSlice', 'MODIFIED', slice(true)));
    store.close();
    const r = await cli(
      [
        'history',
        'svc',
        'solo',
        '--db',
        path,
        '--from',
        '2026-03-01T02:00:00Z',
        '--to',
        '2026-03-01T02:10:00Z',
      ],
      INCIDENT_NOW,
    );
    expect(r.stdout).toContain('2026-03-01T02:05:00Z  ✖  OUTAGE: no ready endpoints\n');
    expect(r.stdout).toContain('2026-03-01T02:05:30Z  ✔  outage over after 30s\n');
    expect(r.stdout).toContain('at end: 1 ready, 0 not ready · 3 changes · 1 outage\n');
  });

  it('gives the same content as JSON with RFC 3339 times', async () => {
    const r = await run(
      'history',
      'service',
      'service-hello',
      '--from',
      '2026-03-01T02:05:00Z',
      '--to',
      '2026-03-01T02:30:00Z',
      '-o',
      'json',
    );
    const j = JSON.parse(r.stdout);
    expect(j.changes).toHaveLength(7);
    expect(j.changes[0]).toMatchObject({
      at: '2026-03-01T02:10:00.000Z',
      type: 'ADDED',
      ip: '10.244.1.26',
      position: 31,
    });
    expect(j.gaps).toEqual([
      {
        cluster: 'test',
        kind: 'EndpointSlice',
        from: '2026-03-01T02:25:00.000Z',
        to: '2026-03-01T02:27:00.000Z',
        covered: false,
        reason: 'stream-broken',
      },
    ]);
  });

  it('rejects an inverted range with exit 2', async () => {
    const r = await run(
      'history',
      'service',
      'service-hello',
      '--from',
      '2026-03-01T02:30:00Z',
      '--to',
      '2026-03-01T02:00:00Z',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^endpoints-history: range ends before it starts.*\(EPH_ERR_BAD_RANGE\)\n$/);
  });
});

describe('diff endpoints', () => {
  it('prints added, removed and changed addresses like a diff', async () => {
    const r = await run(
      'diff',
      'endpoints',
      'service-hello',
      '-n',
      'default',
      '2026-03-01T02:05:00Z',
      '2026-03-01T02:15:10Z',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '--- default/service-hello at 2026-03-01T02:05:00Z',
        '+++ default/service-hello at 2026-03-01T02:15:10Z (source EndpointSlices)',
        '- 10.244.1.22 hello-7d9f-aaaaa ready on node-1',
        '+ 10.244.1.26 hello-8e0a-eeeee ready on node-1',
        '~ 10.244.1.23 hello-7d9f-bbbbb ready true→false, serving true→false',
        '',
      ].join('\n'),
    );
  });

  it('shows a reused IP as one pod leaving and another joining', async () => {
    const r = await run('diff', 'ep', 'service-hello', '2026-03-01T02:05:00Z', '2026-03-01T02:21:00Z');
    expect(r.stdout).toContain('- 10.244.1.22 hello-7d9f-aaaaa ready on node-1\n');
    expect(r.stdout).toContain('+ 10.244.1.22 hello-8e0a-fffff ready on node-1\n');
  });

  it('says there is no difference between two equal moments', async () => {
    const r = await run('diff', 'ep', 'service-hello', '2026-03-01T02:01:00Z', '2026-03-01T02:02:00Z');
    expect(r.stdout.endsWith('(no difference)\n')).toBe(true);
  });
});

describe('export', () => {
  const range = [
    '--service',
    'default/service-hello',
    '--from',
    '2026-03-01T02:00:00Z',
    '--to',
    '2026-03-01T02:30:00Z',
  ];

  it('writes a JSON evidence pack whose every change cites an event present in the events table', async () => {
    const r = await run('export', ...range, '--format', 'json');
    expect(r.code).toBe(0);
    const pack = JSON.parse(r.stdout);
    expect(pack.format).toBe('endpoints-history/evidence-pack');
    expect(pack.timeline.complete).toBe(false);
    expect(pack.timeline.gaps).toHaveLength(1);
    expect(pack.summary).toMatchObject({
      changes: 11,
      added: 6,
      removed: 1,
      changed: 4,
      readyAtStart: 4,
      readyAtEnd: 5,
      readyMin: 3,
      readyMax: 5,
      outages: 0,
    });
    expect(
      pack.ipMap.filter((h: { ip: string }) => h.ip === '10.244.1.22').map((h: { pod: string }) => h.pod),
    ).toEqual(['hello-7d9f-aaaaa', 'hello-8e0a-fffff']);
    const history = History.open(db());
    try {
      const positions = new Set(
        (history.reads as SqliteReads).db.prepare('SELECT position FROM events').pluck().all() as number[],
      );
      const cited: number[] = pack.timeline.changes.map((c: { position: number }) => c.position);
      expect(cited.length).toBeGreaterThan(0);
      for (const p of cited) expect(positions.has(p)).toBe(true);
      expect(pack.events.map((e: { position: number }) => e.position)).toEqual(
        [...new Set(cited)].sort((a, b) => a - b),
      );
    } finally {
      history.close();
    }
    expect(pack.events[0]).toMatchObject({
      kind: 'EndpointSlice',
      name: 'service-hello-x7k2p',
      type: 'ADDED',
      observedAt: '2026-03-01T02:00:00.000Z',
    });
  });

  it('writes a Markdown pack with the summary, gaps, timeline, outages, IP map and raw events', async () => {
    const r = await run('export', ...range, '--format', 'md');
    const md = r.stdout;
    for (const heading of [
      '## Recording gaps',
      '## Membership timeline',
      '## Ready-count changes',
      '## Outages',
      '## IP map',
      '## Raw events',
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain('| Completeness | **incomplete**: 1 recording gap(s), see below |');
    expect(md).toContain(
      '| 2026-03-01T02:20:05Z | + | 10.244.1.22 | hello-8e0a-fffff | joined, ready on node-1 | [#49](#event-49) |',
    );
    expect(md).toContain('<a id="event-49"></a>');
    expect(md).toContain(
      '| 10.244.1.22 | hello-8e0a-fffff | default | node-1 | 2026-03-01T02:20:00Z | still held |',
    );
  });

  it('writes the pack to --out and says so on stderr', async () => {
    const out = join(tempDir(), 'pack.md');
    const r = await run('export', ...range, '--out', out);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`wrote ${out}: 11 changes, 8 events\n`);
    expect(readFileSync(out, 'utf8')).toContain('# Endpoints evidence: `default/service-hello`');
  });

  it('rejects a --service without a namespace with exit 2', async () => {
    const r = await run('export', '--service', 'service-hello');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('endpoints-history: bad --service "service-hello": use NAMESPACE/NAME\n');
  });
});
