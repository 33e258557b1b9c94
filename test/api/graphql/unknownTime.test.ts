import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEFORE_RECORDING, POD_GAP, recordGaps, SERVICE_GAP } from '../../query/gapScenario.js';
import { INCIDENT_NOW, recordIncident, t } from '../../query/incidentRecording.js';
import { codes, type Incident, incidentApp } from './harness.js';

let c: Incident;
beforeAll(async () => {
  c = await incidentApp({}, recordGaps);
});
afterAll(() => c.close());

const iso = (ms: number) => new Date(ms).toISOString();
const inPodGap = iso(POD_GAP.from + 60_000);
const inServiceGap = iso(SERVICE_GAP.from + 60_000);

/**
 * `pod`, `services` and `Service.existsAt` answer "nothing" (null, [], false) only where the kind they
 * depend on was recorded: before recording began and inside a gap, "nothing" would be a guess that
 * looks certain, so they answer EPH_ERR_NOT_RECORDED with the gap instead.
 */
describe('pod, services and existsAt at a time that was not recorded', () => {
  it('refuses pod(at) before recording began and inside a Pod gap, naming the gap', async () => {
    for (const at of [iso(BEFORE_RECORDING), inPodGap]) {
      // a pod that existed both before and after the gap: its state inside it is unknown
      const r = await c.gql(`{ pod(namespace: "default", name: "hello-8e0a-eeeee", at: "${at}") { name } }`);
      expect(codes(r), at).toEqual(['EPH_ERR_NOT_RECORDED']);
      expect(r.data?.pod ?? null).toBeNull();
      expect(r.errors![0]!.message, at).toMatch(/not recorded/i);
      // a name that never existed: just as unknown there
      const nobody = await c.gql(`{ pod(namespace: "default", name: "nobody", at: "${at}") { name } }`);
      expect(codes(nobody), at).toEqual(['EPH_ERR_NOT_RECORDED']);
    }
  });

  it('still answers pod(at) where pods were recorded: the pod, or null for a pod that did not exist', async () => {
    const at = iso(POD_GAP.to + 60_000);
    const r = await c.gql(`{ pod(namespace: "default", name: "hello-8e0a-eeeee", at: "${at}") { name } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.pod).toEqual({ name: 'hello-8e0a-eeeee' });
    const nobody = await c.gql(`{ pod(namespace: "default", name: "nobody", at: "${at}") { name } }`);
    expect(nobody.errors).toBeUndefined();
    expect(nobody.data.pod).toBeNull();
  });

  it('refuses services(at) before recording began and inside a Service gap, and answers them around it', async () => {
    for (const at of [iso(BEFORE_RECORDING), inServiceGap]) {
      const r = await c.gql(`{ services(namespace: "default", at: "${at}") { name } }`);
      expect(codes(r), at).toEqual(['EPH_ERR_NOT_RECORDED']);
      expect(r.data ?? null).toBeNull();
    }
    const ok = await c.gql(`{ services(namespace: "default", at: "${iso(SERVICE_GAP.from - 1)}") { name } }`);
    expect(ok.errors).toBeUndefined();
    expect((ok.data.services as { name: string }[]).map((s) => s.name)).toContain('web-ds');
  });

  it('refuses existsAt for an unrecorded moment instead of answering false, and answers it elsewhere', async () => {
    const q = (at: string) =>
      c.gql(`{ service(namespace: "default", name: "web-ds", at: "${iso(t('02:30:00'))}") {
        name existsAt(at: "${at}") } }`);
    for (const at of [iso(BEFORE_RECORDING), inServiceGap]) {
      const r = await q(at);
      expect(codes(r), at).toEqual(['EPH_ERR_NOT_RECORDED']);
      expect(r.errors![0]!.path, at).toEqual(['service', 'existsAt']);
    }
    expect((await q(iso(SERVICE_GAP.from - 1))).data.service.existsAt).toBe(true);
    expect((await q(iso(SERVICE_GAP.to + 60_000))).data.service.existsAt).toBe(false);
  });

  it('refuses service(at) before recording began rather than describing a state it never saw', async () => {
    const r = await c.gql(
      `{ service(namespace: "default", name: "service-hello", at: "${iso(BEFORE_RECORDING)}") { name existsAt } }`,
    );
    expect(codes(r)).toEqual(['EPH_ERR_NOT_RECORDED']);
  });

  it('answers a moment after now as not recorded yet, though every watch is still live', async () => {
    const ask = (at: number) =>
      c.gql(`{ endpoints(namespace: "default", service: "service-hello", at: "${iso(at)}") {
        complete gaps { kind from reason } addresses { ip } } }`);
    const now = await ask(INCIDENT_NOW);
    expect(now.data.endpoints).toMatchObject({ complete: true, gaps: [] });
    const later = await ask(INCIDENT_NOW + 3_600_000);
    expect(later.data.endpoints.complete).toBe(false);
    expect(later.data.endpoints.gaps).toEqual([
      { kind: 'Service', from: iso(INCIDENT_NOW + 1), reason: 'future' },
      { kind: 'EndpointSlice', from: iso(INCIDENT_NOW + 1), reason: 'future' },
    ]);
    const pod = await c.gql(
      `{ pod(namespace: "default", name: "hello-8e0a-eeeee", at: "${iso(INCIDENT_NOW + 60_000)}") { name } }`,
    );
    expect(codes(pod)).toEqual(['EPH_ERR_NOT_RECORDED']);
    const cov =
      await c.gql(`{ coverage(from: "${iso(INCIDENT_NOW - 60_000)}", to: "${iso(INCIDENT_NOW + 60_000)}") {
      kind covered from to reason } }`);
    const pods = (cov.data.coverage as { kind: string }[]).filter((i) => i.kind === 'Pod');
    expect(pods).toEqual([
      {
        kind: 'Pod',
        covered: true,
        from: iso(INCIDENT_NOW - 60_000),
        to: iso(INCIDENT_NOW + 1),
        reason: 'relist',
      },
      {
        kind: 'Pod',
        covered: false,
        from: iso(INCIDENT_NOW + 1),
        to: iso(INCIDENT_NOW + 60_000),
        reason: 'future',
      },
    ]);
  });
});

describe('a recorder that went silent', () => {
  const HEARTBEAT = INCIDENT_NOW - 120_000;
  let silent: Incident;
  beforeAll(async () => {
    // the recorder wrote its last heartbeat at 02:58 and died: its coverage is still open
    silent = await incidentApp({}, async () => {
      const rec = await recordIncident();
      await rec.store.append({ observations: [], alive: { cluster: 'test', at: HEARTBEAT } });
      return rec;
    });
  });
  afterAll(() => silent.close());

  it('covers only up to its last heartbeat: later answers say recorder-silent, not complete', async () => {
    const ask = async (at: number) =>
      (
        await silent.gql(`{ endpoints(namespace: "default", service: "service-hello", at: "${iso(at)}") {
          complete gaps { kind from to reason } } }`)
      ).data.endpoints;
    expect(await ask(HEARTBEAT)).toEqual({ complete: true, gaps: [] });
    const after = await ask(INCIDENT_NOW - 30_000);
    expect(after.complete).toBe(false);
    expect(after.gaps).toEqual([
      { kind: 'Service', from: iso(HEARTBEAT + 1), to: null, reason: 'recorder-silent' },
      { kind: 'EndpointSlice', from: iso(HEARTBEAT + 1), to: null, reason: 'recorder-silent' },
    ]);
    const pod = await silent.gql(
      `{ pod(namespace: "default", name: "hello-8e0a-eeeee", at: "${iso(INCIDENT_NOW)}") { name } }`,
    );
    expect(codes(pod)).toEqual(['EPH_ERR_NOT_RECORDED']);
  });

  it('while its heartbeat is fresh, its open coverage still reaches now', async () => {
    const live = await incidentApp({}, async () => {
      const rec = await recordIncident();
      await rec.store.append({ observations: [], alive: { cluster: 'test', at: INCIDENT_NOW - 5_000 } });
      return rec;
    });
    try {
      const r = await live.gql(
        `{ endpoints(namespace: "default", service: "service-hello", at: "${iso(INCIDENT_NOW)}") { complete } }`,
      );
      expect(r.data.endpoints.complete).toBe(true);
    } finally {
      await live.close();
    }
  });
});
