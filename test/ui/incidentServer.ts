import type { AddressInfo } from 'node:net';
import { type BuildAppOptions, buildApp } from '../../src/api/index.js';
import { History } from '../../src/query/index.js';
import { SqliteReads, SqliteStore } from '../../src/store/index.js';
import { tempDbPath } from '../helpers/k8s.js';
import { INCIDENT_NOW, recordIncident } from '../query/incidentRecording.js';

export interface Served {
  url: string;
  /** POSTs a GraphQL query to the served API (with the token, if any) and returns `data`. */
  // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field
  gql: (query: string, variables?: Record<string, unknown>) => Promise<any>;
  close: () => Promise<void>;
}

/**
 * the incident recording (service-hello's rollout, flap and IP reuse, a slice gap 02:25–02:27) served
 * over real HTTP on 127.0.0.1 by the real app, "now" being 03:00. `empty` serves a database with
 * nothing recorded instead.
 */
export async function serveIncident(
  options: Partial<BuildAppOptions> & { empty?: boolean } = {},
): Promise<Served> {
  const { empty, ...appOptions } = options;
  const store = empty ? SqliteStore.open(tempDbPath()) : ((await recordIncident()).store as SqliteStore);
  const now = () => INCIDENT_NOW;
  const app = await buildApp({ history: new History(new SqliteReads(store.db), now), now, ...appOptions });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    gql: async (query, variables = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.authToken ? { authorization: `Bearer ${options.authToken}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    close: async () => {
      await app.close();
      store.close();
    },
  };
}
