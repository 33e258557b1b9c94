import { describe, expect, it } from 'vitest';
import { SimStore } from '../../../src/sim/index.js';
import { getJson, useSimServer } from './helpers.js';

const S = 1000;

describe('server-side Table responses', () => {
  const { startServer } = useSimServer();

  it('returns a meta.k8s.io/v1 Table for endpoints with Name, Endpoints, Age and row metadata', async () => {
    const t0 = Date.parse('2025-06-01T12:00:00Z');
    const store = new SimStore({ now: () => t0 });
    store.put('Endpoints', {
      metadata: { name: 'web', namespace: 'shop' },
      subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 8080 }] }],
    });
    const server = await startServer(store, { now: () => t0 + 90 * S });
    const { body } = await getJson(`${server.url}/api/v1/endpoints`, {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    expect(body.kind).toBe('Table');
    expect(body.apiVersion).toBe('meta.k8s.io/v1');
    expect(body.metadata.resourceVersion).toBe(String(store.revision));
    expect(body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Endpoints', 'Age']);
    expect(body.rows[0].cells).toEqual(['web', '10.0.0.1:8080,10.0.0.2:8080', '90s']);
    expect(body.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { namespace: 'shop', name: 'web' },
    });
  });
});
