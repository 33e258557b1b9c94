import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../../../src/api/index.js';
import type { History } from '../../../src/query/index.js';
import type { Store } from '../../../src/store/index.js';
import { historyOf } from '../../helpers/backend.js';
import { INCIDENT_NOW, recordIncident } from '../../query/incidentRecording.js';

export interface GqlResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are asserted field by field
  data: any;
  errors?: { message: string; path?: string[]; extensions: { code: string } }[];
}

export interface Incident {
  app: FastifyInstance;
  history: History;
  store: Store;
  gql: (query: string, variables?: Record<string, unknown>) => Promise<GqlResponse>;
  /** Listens on a free port of 127.0.0.1 and resolves with its base URL, `http://127.0.0.1:PORT`. */
  listen: () => Promise<string>;
  close: () => Promise<void>;
}

/**
 * the incident recording (or another `record`ing) recorded into a real store, served by the real app;
 * "now" is 03:00:00.
 */
export async function incidentApp(
  options: Partial<BuildAppOptions> = {},
  record: () => Promise<{ store: Store; path: string }> = recordIncident,
): Promise<Incident> {
  const { store, path } = await record();
  const now = () => INCIDENT_NOW;
  const history: History = await historyOf(store, path, INCIDENT_NOW);
  const app = await buildApp({ history, now, ...options });
  const gql = async (query: string, variables?: Record<string, unknown>): Promise<GqlResponse> => {
    const r = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } });
    const body = r.json() as Omit<GqlResponse, 'status'>;
    return { status: r.statusCode, ...body };
  };
  return {
    app,
    history,
    store,
    gql,
    listen: async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    },
    close: async () => {
      await app.close();
      history.close();
      await store.close();
    },
  };
}

/** The codes of a response's errors. */
export const codes = (r: GqlResponse): string[] => (r.errors ?? []).map((e) => e.extensions.code);
