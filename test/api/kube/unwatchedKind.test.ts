import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/index.js';
import { rawService, Timeline, tempDbPath } from '../../helpers/k8s.js';
import { t } from '../../query/incidentRecording.js';
import { at, type KubeApp, kubeApp } from './kubeHarness.js';

/**
 * A recording whose Pod watch never started (the recorder was forbidden pods, say): Services were
 * recorded from 01:59, Pods never. Pods at any T are unknown, not "no pods".
 */
function recordWithoutPods(): { store: SqliteStore } {
  const store = SqliteStore.open(tempDbPath());
  const tl = new Timeline();
  store.append({
    observations: [],
    coverage: (['Service', 'EndpointSlice', 'Endpoints'] as const).map((kind) => ({
      op: 'open' as const,
      cluster: 'test',
      kind,
      at: t('01:59:00'),
      reason: 'list',
    })),
  });
  tl.put(store, t('02:00:00'), (x) =>
    x.obs('Service', 'ADDED', rawService({ uid: 'svc-a', name: 'svc-a', selector: { run: 'a' } })),
  );
  return { store };
}

let k: KubeApp;
beforeAll(async () => {
  k = await kubeApp({ record: recordWithoutPods });
});
afterAll(() => k.close());
const get = (url: string) => k.app.inject({ method: 'GET', url });

describe('a kind that was never recorded', () => {
  it('answers 404 "not recorded" for its lists and objects, while the recorded kinds answer', async () => {
    for (const url of [
      `${at('02:10:00')}/api/v1/pods`,
      `${at('02:10:00')}/api/v1/namespaces/default/pods`,
      `${at('02:10:00')}/api/v1/namespaces/default/pods/web-1`,
    ]) {
      const r = await get(url);
      expect([url, r.statusCode, r.json().details?.causes?.[0]?.reason]).toEqual([
        url,
        404,
        'EPH_ERR_NOT_RECORDED',
      ]);
      expect(r.json().message).toContain('not recorded: pods');
    }
    const services = await get(`${at('02:10:00')}/api/v1/namespaces/default/services`);
    expect(services.statusCode).toBe(200);
    expect(services.headers.warning).toBeUndefined();
    expect(services.json().items.map((s: { metadata: { name: string } }) => s.metadata.name)).toEqual([
      'svc-a',
    ]);
  });
});
