import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTurns } from '../../src/api/QueryTurns.js';
import { moduleBeside, startWorker } from '../../src/util/startWorker.js';
import { type Incident, incidentApp } from './graphql/harness.js';

let c: Incident;
let url: string;
beforeAll(async () => {
  c = await incidentApp();
  url = await c.listen();
});
afterAll(() => c.close());

/** 1,200 addresses and their pods: tens of milliseconds of synchronous work per request. */
const HEAVY = `{ endpoints(namespace: "default", service: "big", at: "2026-03-01T02:05:00Z") {
  addresses { ip nodeName since targetRef { name uid } pod { uid name phase } } } }`;

describe('queries take turns; probes do not wait in their line', () => {
  it('answers /healthz while 16 heavy queries are still queued, not after all of them', async () => {
    const client = startWorker(moduleBeside(import.meta.url, './probeClientThread'), {
      workerData: { url, query: HEAVY, queries: 16 },
    });
    const { status, done } = await new Promise<{ status: number; done: string[] }>((resolve, reject) => {
      client.once('message', resolve);
      client.once('error', reject);
    });
    expect(status).toBe(200);
    expect(done).toHaveLength(17);
    // Without turns every query read before the probe ran first: healthz came 7th to 17th.
    expect(done.indexOf('healthz')).toBeLessThan(4);
  });

  it('grants one turn per event-loop iteration, in arrival order', async () => {
    const turns = new QueryTurns();
    const order: string[] = [];
    const a = turns.take().then(() => order.push('a'));
    const b = turns.take().then(() => order.push('b'));
    expect(turns.length).toBe(2);
    // an I/O-phase callback queued now runs before the second turn
    setImmediate(() => order.push('after the first turn'));
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'after the first turn', 'b']);
    expect(turns.length).toBe(0);
  });
});
