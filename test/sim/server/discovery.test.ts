import { describe, expect, it } from 'vitest';
import { getJson, seededStore, useSimServer } from './helpers.js';

const { startServer } = useSimServer();

describe('discovery', () => {
  it('serves version, core and discovery.k8s.io resource lists with verbs, short names and kinds', async () => {
    const server = await startServer(seededStore(1));
    expect((await getJson(`${server.url}/version`)).body.minor).toBe('33');
    expect((await getJson(`${server.url}/api`)).body.versions).toEqual(['v1']);
    const groups = (await getJson(`${server.url}/apis`)).body;
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(['discovery.k8s.io']);
    const core = (await getJson(`${server.url}/api/v1`)).body;
    const ep = core.resources.find((r: { name: string }) => r.name === 'endpoints');
    expect(ep).toEqual({
      name: 'endpoints',
      singularName: 'endpoints',
      namespaced: true,
      kind: 'Endpoints',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['ep'],
    });
    const disc = (await getJson(`${server.url}/apis/discovery.k8s.io/v1`)).body;
    expect(disc.resources[0]).toMatchObject({
      name: 'endpointslices',
      kind: 'EndpointSlice',
      namespaced: true,
    });
  });

  it('answers an empty EventList for events and 405 for writes', async () => {
    const server = await startServer(seededStore(1));
    const events = await getJson(
      `${server.url}/api/v1/namespaces/shop/events?fieldSelector=involvedObject.name%3Dweb`,
    );
    expect(events.body).toMatchObject({ kind: 'EventList', items: [] });
    const post = await fetch(`${server.url}/api/v1/namespaces/shop/pods`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
  });
});
