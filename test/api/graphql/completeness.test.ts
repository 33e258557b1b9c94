import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BEFORE_RECORDING,
  POD_GAP,
  recordGaps,
  SERVICE_GAP,
  WEB_DS_DELETED,
} from '../../query/gapScenario.js';
import { t } from '../../query/incidentRecording.js';
import { codes, type Incident, incidentApp } from './harness.js';

let c: Incident;
beforeAll(async () => {
  c = await incidentApp({}, recordGaps);
});
afterAll(() => c.close());

const iso = (ms: number) => new Date(ms).toISOString();
const gap = (kind: string, from: number | null, to: number, reason: string) => ({
  kind,
  from: from === null ? null : iso(from),
  to: iso(to),
  reason,
});

describe('complete and gaps cover every kind an answer used', () => {
  it('answers a service deleted while the Service watch was down as incomplete, naming the Service gap', async () => {
    // the slices' deletion was seen live at 02:52, the Service's only at the relist at 02:56
    const r =
      await c.gql(`{ endpoints(namespace: "default", service: "web-ds", at: "${iso(WEB_DS_DELETED + 60_000)}") {
      source complete gaps { kind from to reason } addresses { ip } } }`);
    expect(r.data.endpoints).toEqual({
      source: 'ENDPOINT_SLICES',
      complete: false,
      gaps: [gap('Service', SERVICE_GAP.from, SERVICE_GAP.to, 'stream-broken')],
      addresses: [],
    });
    // before the gap and after the relist, the answer is certain again
    for (const at of [SERVICE_GAP.from - 1, SERVICE_GAP.to]) {
      const ok = await c.gql(
        `{ endpoints(namespace: "default", service: "web-ds", at: "${iso(at)}") { complete gaps { kind } } }`,
      );
      expect(ok.data.endpoints, iso(at)).toEqual({ complete: true, gaps: [] });
    }
  });

  it('calls a zero-ready period inside the Service gap an incomplete outage, not a certain one', async () => {
    const r = await c.gql(`{ service(namespace: "default", name: "web-ds", at: "${iso(t('02:50:00'))}") {
      outages(from: "${iso(t('02:45:00'))}", to: "${iso(t('03:00:00'))}") { from to complete } } }`);
    expect(r.data.service.outages).toEqual([
      { from: iso(WEB_DS_DELETED), to: iso(SERVICE_GAP.to), complete: false },
    ]);
  });

  it('counts the Pod kind only when the answer describes pods, fragments included', async () => {
    const at = iso(t('02:42:00')); // inside the Pod gap; Service and slices were recorded
    const bare = await c.gql(
      `{ endpoints(namespace: "default", service: "service-hello", at: "${at}") { complete gaps { kind } } }`,
    );
    expect(bare.data.endpoints).toEqual({ complete: true, gaps: [] });
    for (const q of [
      `{ endpoints(namespace: "default", service: "service-hello", at: "${at}") { complete gaps { kind from to } addresses { ip pod { name } } } }`,
      `{ endpoints(namespace: "default", service: "service-hello", at: "${at}") { complete gaps { kind from to } ...A } }
       fragment A on EndpointSet { notReadyAddresses { ...P } }
       fragment P on EndpointAddress { ... on EndpointAddress { pod { name } } }`,
    ]) {
      // twice: the second run goes through the query compiled by graphql-jit
      for (const _ of [1, 2]) {
        const r = await c.gql(q);
        expect(r.errors).toBeUndefined();
        expect(r.data.endpoints.complete).toBe(false);
        expect(r.data.endpoints.gaps).toEqual([
          { kind: 'Pod', from: iso(POD_GAP.from), to: iso(POD_GAP.to) },
        ]);
      }
    }
    const nested = await c.gql(`{ service(namespace: "default", name: "service-hello") {
      endpoints(at: "${at}") { complete addresses { pod { name } } } } }`);
    expect(nested.data.service.endpoints.complete).toBe(false);
  });

  it('says an answer before recording began is unknown for every kind it used', async () => {
    const r =
      await c.gql(`{ endpoints(namespace: "default", service: "service-hello", at: "${iso(BEFORE_RECORDING)}") {
      source complete gaps { kind from to reason } addresses { ip } } }`);
    expect(r.data.endpoints).toEqual({
      source: 'NONE',
      complete: false,
      gaps: [
        gap('Service', null, t('01:59:00'), 'not-recording'),
        gap('EndpointSlice', null, t('01:59:00'), 'not-recording'),
      ],
      addresses: [],
    });
  });

  it('gives a diff the completeness of both its ends', async () => {
    const diff = (from: number, to: number) =>
      c.gql(`{ endpointsDiff(namespace: "default", service: "web-ds", from: "${iso(from)}", to: "${iso(to)}") {
        complete gaps { kind } removed { ip } } }`);
    const across = await diff(t('02:30:00'), WEB_DS_DELETED + 60_000);
    expect(across.data.endpointsDiff).toEqual({
      complete: false,
      gaps: [{ kind: 'Service' }],
      removed: [{ ip: '10.244.2.10' }, { ip: 'fd00::a' }],
    });
    expect((await diff(t('02:30:00'), t('02:49:00'))).data.endpointsDiff.complete).toBe(true);
  });
});

describe('ipHolders: podsByIP with its completeness', () => {
  const ask = (args: string) =>
    c.gql(
      `{ ipHolders(${args}) { ip at from to complete gaps { kind from to reason } intervals { pod { name } } } }`,
    );

  it('warns that a holder named inside a Pod gap may have changed unseen', async () => {
    const r = await ask(`ip: "10.244.1.24", at: "${iso(t('02:42:00'))}"`);
    expect(r.data.ipHolders).toMatchObject({
      ip: '10.244.1.24',
      at: iso(t('02:42:00')),
      complete: false,
      gaps: [gap('Pod', POD_GAP.from, POD_GAP.to, 'stream-broken')],
      intervals: [{ pod: { name: 'hello-7d9f-ccccc' } }],
    });
  });

  it('says "unknown", not "nobody", for an IP nobody is known to hold in a gap or before recording', async () => {
    for (const at of [t('02:42:00'), BEFORE_RECORDING]) {
      const r = await ask(`ip: "10.9.9.9", at: "${iso(at)}"`);
      expect(r.data.ipHolders, iso(at)).toMatchObject({ complete: false, intervals: [] });
      expect(r.data.ipHolders.gaps).toHaveLength(1);
    }
    const covered = await ask(`ip: "10.9.9.9", at: "${iso(t('02:30:00'))}"`);
    expect(covered.data.ipHolders).toMatchObject({ complete: true, gaps: [], intervals: [] });
  });

  it('lists the Pod gaps a range overlaps, clipped to it, and takes the same arguments as podsByIP', async () => {
    const r = await ask(`ip: "10.244.1.24", from: "${iso(t('02:30:00'))}", to: "${iso(t('02:43:00'))}"`);
    expect(r.data.ipHolders).toMatchObject({
      at: null,
      from: iso(t('02:30:00')),
      to: iso(t('02:43:00')),
      complete: false,
      gaps: [gap('Pod', POD_GAP.from, t('02:43:00'), 'stream-broken')],
    });
    const same = await c.gql(
      `{ podsByIP(ip: "10.244.1.24", from: "${iso(t('02:30:00'))}", to: "${iso(t('02:43:00'))}") { pod { name } } }`,
    );
    expect(same.data.podsByIP).toEqual(r.data.ipHolders.intervals);
    expect(codes(await ask('ip: "10.244.1.300"'))).toEqual(['EPH_ERR_BAD_IP']);
    expect(codes(await ask('ip: "10.244.1.24", at: "now", from: "-1h"'))).toEqual(['EPH_ERR_BAD_ARGUMENT']);
  });
});

describe('readyCount over unrecorded time', () => {
  it('marks the points before recording began and inside a gap unknown, split at the gap edges', async () => {
    const r = await c.gql(`{ service(namespace: "default", name: "web-ds") {
      readyCount(from: "${iso(t('01:00:00'))}", to: "${iso(t('02:58:00'))}") { time ready complete } } }`);
    expect(r.data.service.readyCount).toEqual([
      { time: iso(t('01:00:00')), ready: 0, complete: false },
      { time: iso(t('01:59:00')), ready: 0, complete: true },
      // one ready endpoint per family (IPv4 and IPv6)
      { time: iso(t('02:03:00')), ready: 2, complete: true },
      { time: iso(t('02:25:00')), ready: 2, complete: false },
      { time: iso(t('02:27:00')), ready: 2, complete: true },
      { time: iso(SERVICE_GAP.from), ready: 2, complete: false },
      { time: iso(WEB_DS_DELETED), ready: 0, complete: false },
      { time: iso(SERVICE_GAP.to), ready: 0, complete: true },
    ]);
  });
});

describe('changes over unrecorded time', () => {
  it('says whether the changes list could have missed some, with the gaps of the range', async () => {
    const ask = (from: number, to: number) =>
      c.gql(`{ service(namespace: "default", name: "web-ds") {
        changes(from: "${iso(from)}", to: "${iso(to)}") { totalCount complete gaps { kind from to reason } } } }`);
    const gappy = await ask(t('02:45:00'), t('02:58:00'));
    expect(gappy.data.service.changes).toEqual({
      totalCount: 2,
      complete: false,
      gaps: [gap('Service', SERVICE_GAP.from, SERVICE_GAP.to, 'stream-broken')],
    });
    const recorded = await ask(t('02:30:00'), t('02:45:00'));
    expect(recorded.data.service.changes).toMatchObject({ complete: true, gaps: [] });
    const before = await ask(BEFORE_RECORDING, t('02:00:00'));
    expect(before.data.service.changes.complete).toBe(false);
  });
});
