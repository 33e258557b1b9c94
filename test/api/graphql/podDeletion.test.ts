import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import { KINDS } from '../../../src/model/types.js';
import type { History } from '../../../src/query/index.js';
import type { Store } from '../../../src/store/index.js';
import { historyOf, openTestStore } from '../../helpers/backend.js';
import { rawPod, Timeline } from '../../helpers/k8s.js';
import { t } from '../../query/incidentRecording.js';

// quick: asked to go at 02:10:10 with a 30 s grace period (deletionTimestamp 02:10:40), gone at 02:10:20.
// stuck: asked to go by 02:10:40 too, gone only at 02:11:30 (a finalizer held it).
// lost: deleted while the Pod watch was down (02:20–02:25); the relist at 02:25 saw it gone.
const DEADLINE = '2026-03-01T02:10:40Z';
let store: Store;
let history: History;
let app: FastifyInstance;
beforeAll(async () => {
  const opened = await openTestStore();
  store = opened.store;
  const tl = new Timeline(t('02:00:00'));
  const pod = (name: string, ip: string, deleting: string | null = null) =>
    rawPod({ uid: `uid-${name}`, name, ips: [ip], ready: deleting === null, deleting });
  await store.append({
    observations: [],
    coverage: KINDS.map((kind) => ({ op: 'open', cluster: 'test', kind, at: t('01:59:00'), reason: 'list' })),
  });
  await tl.put(
    store,
    t('02:00:00'),
    (x) => x.obs('Pod', 'ADDED', pod('quick', '10.1.0.1')),
    (x) => x.obs('Pod', 'ADDED', pod('stuck', '10.1.0.2')),
    (x) => x.obs('Pod', 'ADDED', pod('lost', '10.1.0.3')),
    (x) => x.obs('Pod', 'ADDED', pod('odd', '10.1.0.4', 'not-a-time')),
  );
  await tl.put(
    store,
    t('02:10:10'),
    (x) => x.obs('Pod', 'MODIFIED', pod('quick', '10.1.0.1', DEADLINE)),
    (x) => x.obs('Pod', 'MODIFIED', pod('stuck', '10.1.0.2', DEADLINE)),
  );
  await tl.put(store, t('02:10:20'), (x) => x.obs('Pod', 'DELETED', pod('quick', '10.1.0.1', DEADLINE)));
  await tl.put(store, t('02:11:30'), (x) => x.obs('Pod', 'DELETED', pod('stuck', '10.1.0.2', DEADLINE)));
  await store.append({
    observations: [],
    coverage: [{ op: 'close', cluster: 'test', kind: 'Pod', at: t('02:20:00'), reason: 'stream-broken' }],
  });
  await tl.put(store, t('02:25:00'), (x) =>
    x.obs('Pod', 'DELETED', pod('lost', '10.1.0.3'), 'relist', t('02:20:00')),
  );
  await store.append({
    observations: [],
    coverage: [{ op: 'open', cluster: 'test', kind: 'Pod', at: t('02:25:00'), reason: 'relist' }],
  });
  history = await historyOf(store, opened.path, t('03:00:00'));
  app = await buildApp({ history, now: () => t('03:00:00') });
});
afterAll(async () => {
  await app.close();
  history.close();
  await store.close();
});

const gql = async (query: string) =>
  (await app.inject({ method: 'POST', url: '/graphql', payload: { query } })).json() as {
    // biome-ignore lint/suspicious/noExplicitAny: asserted field by field
    data: any;
  };
const iso = (ms: number) => new Date(ms).toISOString();

describe('Pod.deletedAt is when the pod was gone; deletionRequestedAt is its deletionTimestamp', () => {
  it('says a terminating pod is not deleted yet, and when it was asked to be gone by', async () => {
    const r = await gql(`{ pod(namespace: "default", name: "quick", at: "${iso(t('02:10:15'))}") {
      phase deletedAt deletionRequestedAt } }`);
    expect(r.data.pod).toEqual({
      phase: 'Running',
      deletedAt: null,
      deletionRequestedAt: iso(Date.parse(DEADLINE)),
    });
  });

  it('dates the deletion when the pod was gone: before its deadline, or after it when it outlived it', async () => {
    const r = await gql(`{
      quick: podsByIP(ip: "10.1.0.1", from: "${iso(t('02:00:00'))}", to: "${iso(t('02:30:00'))}") { to pod { deletedAt deletionRequestedAt } }
      stuck: podsByIP(ip: "10.1.0.2", from: "${iso(t('02:00:00'))}", to: "${iso(t('02:30:00'))}") { to pod { deletedAt deletionRequestedAt } } }`);
    expect(r.data.quick).toEqual([
      {
        to: iso(t('02:10:20')),
        pod: { deletedAt: iso(t('02:10:20')), deletionRequestedAt: iso(Date.parse(DEADLINE)) },
      },
    ]);
    expect(r.data.stuck).toEqual([
      {
        to: iso(t('02:11:30')),
        pod: { deletedAt: iso(t('02:11:30')), deletionRequestedAt: iso(Date.parse(DEADLINE)) },
      },
    ]);
  });

  it('dates a deletion learned by a relist after a gap at the relist, and says the Pod kind was not recorded', async () => {
    const r =
      await gql(`{ ipHolders(ip: "10.1.0.3", from: "${iso(t('02:00:00'))}", to: "${iso(t('02:30:00'))}") {
      complete gaps { from to } intervals { to pod { deletedAt deletionRequestedAt } } } }`);
    expect(r.data.ipHolders).toEqual({
      complete: false,
      gaps: [{ from: iso(t('02:20:00')), to: iso(t('02:25:00')) }],
      intervals: [
        { to: iso(t('02:25:00')), pod: { deletedAt: iso(t('02:25:00')), deletionRequestedAt: null } },
      ],
    });
  });

  it('leaves deletionRequestedAt null for a deletionTimestamp that does not parse, and both null for a live pod', async () => {
    const r = await gql(`{ odd: pod(namespace: "default", name: "odd") { deletedAt deletionRequestedAt }
      gone: pod(namespace: "default", name: "quick") { name } }`);
    expect(r.data).toEqual({ odd: { deletedAt: null, deletionRequestedAt: null }, gone: null });
  });
});
