/**
 * The baseline of the GraphQL benchmarks, in a process of its own like the server it is compared
 * with: a bare fastify route doing the same reads as `endpoints(at)` with the README's selection
 * (the endpoint set, then its pods at the same moment) and answering the same fields as JSON.
 * argv[2] = database; prints `listening PORT` once it listens.
 */
import Fastify from 'fastify';
import { History } from '../../src/query/index.js';

const history = History.open(process.argv[2]!);
const app = Fastify();
app.get('/endpoints', async (request) => {
  const q = request.query as { namespace: string; service: string; at: string };
  const set = await history.endpointsAt({ namespace: q.namespace, service: q.service, at: Number(q.at) });
  const uids = [...set.addresses, ...set.notReadyAddresses].flatMap((a) => a.targetRef?.uid ?? []);
  const pods = await history.podsByUidAt(set.cluster, uids, set.at);
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    data: {
      endpoints: {
        source: set.source,
        complete: set.complete,
        gaps: set.gaps.map((g) => ({ from: iso(g.from), to: iso(g.to), reason: g.reason })),
        lastChangeAt: iso(set.lastChangeAt),
        addresses: set.addresses.map((a) => {
          const pod = a.targetRef?.uid ? pods.get(a.targetRef.uid) : undefined;
          return {
            ip: a.ip,
            nodeName: a.nodeName,
            since: iso(a.since),
            pod: pod ? { name: pod.name, phase: pod.phase, ready: pod.ready } : null,
          };
        }),
        notReadyAddresses: set.notReadyAddresses.map((a) => ({
          ip: a.ip,
          serving: a.serving,
          terminating: a.terminating,
          targetRef: a.targetRef ? { name: a.targetRef.name } : null,
        })),
        ports: set.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
      },
    },
  };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => {
    history.close();
    process.exit(0);
  });
});
