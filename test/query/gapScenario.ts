import type { Store } from '../../src/store/index.js';
import { rawService, rawSlice, Timeline } from '../helpers/k8s.js';
import { recordIncident, t } from './incidentRecording.js';

/** Before the incident recording began: all kinds were first listed at 01:59. */
export const BEFORE_RECORDING = t('01:30:00');

/** The Pod watch was down over [02:40, 02:45): pods are unknown then. */
export const POD_GAP = { from: t('02:40:00'), to: t('02:45:00') };

/**
 * The Service watch was down over [02:50, 02:56) while the EndpointSlice watch stayed up: web-ds was
 * deleted at 02:52, its slices' deletion was seen live, the Service's only at the relist at 02:56.
 */
export const SERVICE_GAP = { from: t('02:50:00'), to: t('02:56:00') };
export const WEB_DS_DELETED = t('02:52:00');

/**
 * the incident recording (test/query/incidentRecording.ts) followed by the two gaps above, as the
 * recorder stores them: coverage closed and reopened, the relist's DELETED dated at the relist with
 * `not_before` = the start of the gap.
 */
export async function recordGaps(): Promise<{ store: Store; path: string }> {
  const rec = await recordIncident();
  const { store } = rec;
  const tl = new Timeline(t('02:30:00'));
  tl.rv = 50_000;
  const close = (kind: 'Pod' | 'Service', at: number) =>
    store.append({
      observations: [],
      coverage: [{ op: 'close', cluster: 'test', kind, at, reason: 'stream-broken' }],
    });
  const open = (kind: 'Pod' | 'Service', at: number) =>
    store.append({
      observations: [],
      coverage: [{ op: 'open', cluster: 'test', kind, at, reason: 'relist' }],
    });
  await close('Pod', POD_GAP.from);
  await open('Pod', POD_GAP.to);
  await close('Service', SERVICE_GAP.from);
  const dsSlice = (uid: string, name: string, addressType: string, ip: string) =>
    rawSlice({
      uid,
      name,
      service: 'web-ds',
      addressType,
      endpoints: [{ ip, pod: { name: 'ds-1', uid: 'uid-ds1' } }],
    });
  await tl.put(
    store,
    WEB_DS_DELETED,
    (x) => x.obs('EndpointSlice', 'DELETED', dsSlice('slice-ds4', 'web-ds-v4', 'IPv4', '10.244.2.10')),
    (x) => x.obs('EndpointSlice', 'DELETED', dsSlice('slice-ds6', 'web-ds-v6', 'IPv6', 'fd00::a')),
  );
  await tl.put(store, SERVICE_GAP.to, (x) =>
    x.obs('Service', 'DELETED', rawService({ uid: 'svc-ds', name: 'web-ds' }), 'relist', SERVICE_GAP.from),
  );
  await open('Service', SERVICE_GAP.to);
  return rec;
}
