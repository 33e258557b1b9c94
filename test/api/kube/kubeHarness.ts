import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../../../src/api/index.js';
import { KINDS } from '../../../src/model/types.js';
import { History } from '../../../src/query/index.js';
import { SqliteReads, type SqliteStore } from '../../../src/store/index.js';
import { INCIDENT_NOW, recordIncident, t } from '../../query/incidentRecording.js';

export const KUBECTL_TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** The kube API prefix of the incident cluster at an `hh:mm:ss` of the incident recording. */
export const at = (hhmmss: string, speed?: number): string =>
  `/kube/clusters/test/at/${new Date(t(hhmmss)).toISOString()}${speed ? `/speed/${speed}` : ''}`;

export interface KubeApp {
  app: FastifyInstance;
  store: SqliteStore;
  history: History;
  /** Every wall-time wait of the replays, in order (the sleep returns at once). */
  slept: number[];
  /** Called at each wait with its length, before it returns (to record changes meanwhile). */
  onSleep: { current: ((ms: number) => void) | null };
  close: () => Promise<void>;
}

/**
 * The incident recording served by the real app, "now" 03:00, replays paced by a sleep that only
 * writes down how long it would have waited. `ended` closes every kind's recording at 02:50 (the
 * recorder stopped): replays then end where the log ends.
 */
export async function kubeApp(
  options: Partial<BuildAppOptions> & { ended?: boolean; record?: () => { store: SqliteStore } } = {},
): Promise<KubeApp> {
  const { ended, record, ...appOptions } = options;
  const { store } = (await (record ?? recordIncident)()) as { store: SqliteStore };
  if (ended)
    store.append({
      observations: [],
      coverage: KINDS.map((kind) => ({
        op: 'close',
        cluster: 'test',
        kind,
        at: t('02:50:00'),
        reason: 'shutdown',
      })),
    });
  const now = () => INCIDENT_NOW;
  const history = new History(new SqliteReads(store.db), now);
  const slept: number[] = [];
  const onSleep: KubeApp['onSleep'] = { current: null };
  const app = await buildApp({
    history,
    now,
    kube: {
      sleep: async (ms) => {
        slept.push(ms);
        onSleep.current?.(ms);
      },
      pollMs: 1000,
      bookmarkMs: 60_000,
    },
    ...appOptions,
  });
  return {
    app,
    store,
    history,
    slept,
    onSleep,
    close: async () => {
      await app.close();
      store.close();
    },
  };
}

/** The watch events of a finished response body (one JSON document per line). */
// biome-ignore lint/suspicious/noExplicitAny: events are asserted field by field
export const events = (body: string): { type: string; object: any }[] =>
  body
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
