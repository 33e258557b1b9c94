import Fastify from 'fastify';
import { buildApp } from '../../src/api/index.js';
import { History } from '../../src/query/index.js';
import { isPostgresLocation } from '../../src/store/index.js';
import { type CannonResult, cannon } from '../proc/cannon.js';
import { type BenchRow, fmt, row } from '../report.js';

/**
 * autocannon for 8 s against `url`, with the CPU time this process (the server: autocannon runs in a
 * child process) spent meanwhile, µs: per request, what answering costs whatever the machine's load.
 */
async function cannonWithCpu(url: string): Promise<CannonResult & { cpuMicros: number }> {
  const before = process.cpuUsage();
  const result = await cannon(url, 8);
  const used = process.cpuUsage(before);
  return { ...result, cpuMicros: used.user + used.system };
}

export interface GraphqlBenchResult {
  rows: BenchRow[];
  /** GraphQL `endpoints(at)` requests per second. */
  graphqlPerSecond: number;
}

/**
 * GraphQL `endpoints(at)` over HTTP on the big store, against a bare fastify route doing the same
 * read, in the same run (targets: GraphQL ≥ 50% of the bare route, issue #4, and on SQLite ≥ 4,000
 * req/s, issue #12; the server is one Node process, i.e. one core for JavaScript). `location` is
 * the history's SQLite file or PostgreSQL URL; `section` names the rows.
 */
export async function benchGraphql(
  location: string,
  service: { namespace: string; name: string },
  at: number,
  log: (s: string) => void,
  section = 'graphql',
): Promise<GraphqlBenchResult> {
  const history = await History.connect(location, { now: () => at });
  const app = await buildApp({ history, now: () => at, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify();
  bare.get('/endpoints', async () =>
    history.endpointsAt({ namespace: service.namespace, service: service.name, at }),
  );
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const query = `{ endpoints(namespace: "${service.namespace}", service: "${service.name}", at: ${at}) {
    source complete lastChangeAt addresses { ip nodeName ready serving terminating since targetRef { name uid } }
    notReadyAddresses { ip serving terminating } ports { name port protocol } } }`;
  const gqlUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/graphql`;
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/endpoints`;
  // Both as GET (GraphQL's query in the URL, as mercurius allows) so the load generator does the same
  // work for each; a POST body costs autocannon more than it costs the server.
  const gqlGet = `${gqlUrl}?query=${encodeURIComponent(query.replace(/\s+/g, ' '))}`;
  log('  warm-up…');
  await cannon(gqlGet, 2);
  log('  bare fastify route…');
  const b = await cannonWithCpu(bareUrl);
  log('  GraphQL…');
  const g = await cannonWithCpu(gqlGet);
  await app.close();
  await bare.close();
  history.close();
  const onPostgres = isPostgresLocation(location);
  const rows = [
    row(
      section,
      `bare fastify route req/s (same ${onPostgres ? 'PostgreSQL' : 'SQLite'} read)`,
      fmt(b.requests.average),
    ),
    // issue #12's 4,000 req/s is SQLite's budget on one core; PostgreSQL's server adds processes of its own
    onPostgres
      ? row(section, 'GraphQL endpoints(at) req/s', fmt(g.requests.average))
      : row(
          section,
          'GraphQL endpoints(at) req/s',
          fmt(g.requests.average),
          '≥ 4,000',
          g.requests.average >= 4000,
        ),
    row(
      section,
      'GraphQL / bare',
      `${fmt((100 * g.requests.average) / b.requests.average)}%`,
      '≥ 50%',
      g.requests.average / b.requests.average >= 0.5,
    ),
    row(
      section,
      `server CPU per request: GraphQL / bare route${onPostgres ? ' (Node only, not PostgreSQL)' : ''}`,
      `${fmt(g.cpuMicros / g.requests.total)} / ${fmt(b.cpuMicros / b.requests.total)} µs`,
    ),
    row(section, 'GraphQL p50 / p99 latency (10 connections)', `${g.latency.p50} / ${g.latency.p99} ms`),
    row(
      section,
      'errors / non-2xx',
      `${g.errors + b.errors} / ${g.non2xx + b.non2xx}`,
      '0 / 0',
      g.errors + b.errors + g.non2xx + b.non2xx === 0,
    ),
  ];
  return { rows, graphqlPerSecond: g.requests.average };
}
