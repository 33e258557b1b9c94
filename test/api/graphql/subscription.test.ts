import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { Timeline } from '../../helpers/k8s.js';
import { helloEndpoint, helloSlice, INCIDENT_NOW } from '../../query/incidentRecording.js';
import { type Incident, incidentApp } from './harness.js';
import { connect as connectTo, type Message } from './wsClient.js';

let c: Incident | null = null;
const sockets: WebSocket[] = [];
const connect = (url: string, headers: Record<string, string> = {}) => connectTo(url, headers, sockets);
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await c?.close();
  c = null;
});

/** service-hello's slice as the incident recording ends, plus 10.244.1.99 when `extra`. */
const HELLO_SLICE = (extra: boolean): Record<string, unknown> =>
  helloSlice(
    ...(['b', 'c', 'd', 'e', 'f'] as const).map((p) => helloEndpoint(p)),
    ...(extra ? [{ ip: '10.244.1.99', pod: { name: 'hello-8e0a-xxxxx', uid: 'uid-x' } }] : []),
  );

/** The `ws://` URL of the app's GraphQL endpoint. */
const graphqlWs = async (incident: Incident): Promise<string> =>
  `${(await incident.listen()).replace(/^http/, 'ws')}/graphql`;

const SUBSCRIBE = `subscription { endpointsChanged(namespace: "default", service: "service-hello") {
  at type ip position source targetRef { name uid } before { ready } after { ready serving terminating } } }`;

describe('Subscription.endpointsChanged over WebSocket', () => {
  it('streams a membership change appended to the store after subscribing', async () => {
    c = await incidentApp({ subscriptionPollMs: 50 });
    const client = await connect(await graphqlWs(c));
    client.send({ id: '1', type: 'subscribe', payload: { query: SUBSCRIBE } });

    // The subscription starts asynchronously: keep recording changes until one arrives, so a slow
    // machine only takes longer, never fails. Each round adds or removes 10.244.1.99.
    const tl = new Timeline(INCIDENT_NOW);
    tl.rv = 1_000_000;
    let got: Message | null = null;
    for (let i = 0; i < 40 && !got; i++) {
      tl.now += 1000;
      c.store.append({ observations: [tl.obs('EndpointSlice', 'MODIFIED', HELLO_SLICE(i % 2 === 0))] });
      got = await client.next('next', 500);
    }
    expect(got).not.toBeNull();
    const change = got!.payload.data.endpointsChanged;
    expect(change).toMatchObject({
      ip: '10.244.1.99',
      source: 'ENDPOINT_SLICES',
      targetRef: { name: 'hello-8e0a-xxxxx', uid: 'uid-x' },
    });
    expect(['ADDED', 'REMOVED']).toContain(change.type);
    expect(change.at > '2026-03-01T03:00:00.000Z').toBe(true);
    expect(got!.id).toBe('1');
  });

  it('refuses a subscription to an unknown service with EPH_ERR_UNKNOWN_SERVICE', async () => {
    c = await incidentApp();
    const client = await connect(await graphqlWs(c));
    client.send({
      id: '1',
      type: 'subscribe',
      payload: { query: 'subscription { endpointsChanged(namespace: "default", service: "nope") { ip } }' },
    });
    const err = await client.next('error', 5000);
    expect(err?.payload[0].extensions.code).toBe('EPH_ERR_UNKNOWN_SERVICE');
  });

  it('refuses an invalid subscription document with EPH_ERR_BAD_QUERY', async () => {
    c = await incidentApp();
    const client = await connect(await graphqlWs(c));
    client.send({
      id: '1',
      type: 'subscribe',
      payload: {
        query: 'subscription { endpointsChanged(namespace: "default", service: "mysql") { nope } }',
      },
    });
    const err = await client.next('error', 5000);
    expect(err?.payload[0].extensions.code).toBe('EPH_ERR_BAD_QUERY');
  });

  it('needs the bearer token on the upgrade request when auth is on', async () => {
    c = await incidentApp({ authToken: 's3cret' });
    const url = await graphqlWs(c);
    await expect(connect(url)).rejects.toThrow('HTTP 401');
    await expect(connect(url, { authorization: 'Bearer s3cret' })).resolves.toBeDefined();
  });
});
