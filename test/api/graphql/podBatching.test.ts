import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Incident, incidentApp } from './harness.js';

let c: Incident;
beforeAll(async () => {
  c = await incidentApp();
});
afterAll(() => c.close());

describe('EndpointAddress.pod batching', () => {
  it('resolves the pods of 1200 addresses with one lookup per request, not one per address', async () => {
    const lookups = vi.spyOn(c.history, 'podsByUidAt');
    const r = await c.gql(
      '{ endpoints(namespace: "default", service: "big", at: "2026-03-01T02:05:00Z") { addresses { ip targetRef { uid } pod { uid } } } }',
    );
    expect(r.errors).toBeUndefined();
    const addresses = r.data.endpoints.addresses as {
      targetRef: { uid: string };
      pod: { uid: string } | null;
    }[];
    expect(addresses).toHaveLength(1200);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups.mock.calls[0]![1]).toHaveLength(1200);
    // the big service's pods were never recorded as Pod objects: every pod is null, none is wrong
    expect(addresses.every((a) => a.pod === null)).toBe(true);
    lookups.mockRestore();
  });

  it('groups lookups by moment: one per distinct time asked in the request', async () => {
    const lookups = vi.spyOn(c.history, 'podsByUidAt');
    const r =
      await c.gql(`{ a: endpoints(namespace: "default", service: "service-hello", at: "2026-03-01T02:05:00Z") { addresses { pod { name } } }
      b: endpoints(namespace: "default", service: "service-hello", at: "2026-03-01T02:25:00Z") { addresses { pod { name } } } }`);
    expect(r.data.a.addresses.map((x: { pod: { name: string } }) => x.pod.name)).toContain(
      'hello-7d9f-aaaaa',
    );
    expect(r.data.b.addresses.map((x: { pod: { name: string } }) => x.pod.name)).toContain(
      'hello-8e0a-fffff',
    );
    expect(lookups).toHaveBeenCalledTimes(2);
    lookups.mockRestore();
  });
});
