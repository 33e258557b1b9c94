import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  negotiateAggregated,
} from '../../kube/aggregatedDiscovery.js';
import { legacyDiscovery } from '../../kube/legacyDiscovery.js';

/**
 * A discovery document: `/api` and `/apis` as aggregated discovery when the client asks for it
 * (kubectl ≥ 1.26: one request tells it every resource), else the unaggregated documents.
 */
export function serveDiscovery(request: FastifyRequest, reply: FastifyReply, path: string): FastifyReply {
  if (path === '/api' || path === '/apis') {
    const version = negotiateAggregated(request.headers.accept);
    // a Buffer, so that fastify sends the content type as written (client-go compares its parameters)
    if (version !== null)
      return reply
        .header('vary', 'Accept')
        .header('content-type', aggregatedContentType(version))
        .send(Buffer.from(JSON.stringify(aggregatedDiscovery(path, version))));
  }
  const doc = legacyDiscovery(path, request.headers.host ?? '');
  return reply.header('vary', 'Accept').type('application/json').send(doc);
}
