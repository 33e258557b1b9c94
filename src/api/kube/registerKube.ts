import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ephError } from '../../errors/index.js';
import { tableRequestFrom } from '../../kube/index.js';
import { parseKubeListOptions } from '../../kube/kubeListOptions.js';
import { type KubePath, parseKubePath } from '../../kube/kubePath.js';
import { kubeStatus } from '../../kube/kubeStatus.js';
import type { ApiContext } from '../context.js';
import { KubeReads } from './KubeReads.js';
import { KUBE_PREFIX, parseKubeMoment, parseReplaySpeed } from './kubeMoment.js';
import type { ReplayTiming } from './ReplayWatch.js';
import { serveDiscovery } from './serveDiscovery.js';
import { type KubeAnswer, type ReadScope, serveEvents, serveGet, serveList } from './serveRead.js';
import { planWatch, replayWarning, serveWatch } from './serveWatch.js';
import { statusForCode, statusForError } from './statusForError.js';

/** Replay pacing and polling of the kube API's watches; every field can be injected (tests). */
export type KubeOptions = Partial<ReplayTiming>;

const DEFAULT_TIMING: ReplayTiming = {
  sleep: async (ms, signal) => {
    await delay(ms, undefined, { signal }).catch(() => undefined);
  },
  pollMs: 250,
  bookmarkMs: 60_000,
};

const READS = new Set(['GET', 'HEAD']);

interface KubeParams {
  cluster: string;
  time: string;
  '*': string;
}

function send(reply: FastifyReply, answer: KubeAnswer): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).type('application/json').send(answer.body);
}

/** The paths a client may explore from the root, as the API server lists them at `/`. */
const ROOT_PATHS = [
  '/api',
  '/api/v1',
  '/apis',
  '/apis/discovery.k8s.io',
  '/apis/discovery.k8s.io/v1',
  '/version',
];

/**
 * Mounts the read-only Kubernetes API as of a recorded moment under
 * `/kube/clusters/{cluster}/at/{time}[/speed/{n}]`: discovery (aggregated when asked), list, get and
 * watch (a replay of the log) of pods, services, endpoints, endpointslices and the namespaces that held
 * them, server-side tables, events as an empty list. Every answer is JSON or a Kubernetes Status
 * (errors included, the token's refusal too: kubectl parses them); writes are refused with 405.
 */
export async function registerKube(
  app: FastifyInstance,
  ctx: ApiContext,
  options: KubeOptions = {},
): Promise<void> {
  const timing: ReplayTiming = { ...DEFAULT_TIMING, ...options };
  const reads = new KubeReads(ctx.history);
  const watches = new Set<AbortController>();
  // before the server stops listening: it waits for open connections, and a watch would keep its own
  app.addHook('preClose', async () => {
    for (const w of watches) w.abort();
  });
  await app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => {
      const status = statusForError(error);
      if (status.code >= 500) request.log.error({ err: error }, 'kube API request failed');
      return reply.code(status.code).type('application/json').send(status);
    });
    scope.addHook('onRequest', async (request, reply) => {
      if (READS.has(request.method)) return;
      const message = `endpoints-history serves a read-only history: ${request.method} is not allowed (what was recorded cannot be created, changed or deleted)`;
      return reply.code(405).type('application/json').send(statusForCode('EPH_ERR_READ_ONLY', message));
    });
    scope.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: `${KUBE_PREFIX}/clusters/:cluster/at/:time/*`,
      config: { refusalBody: statusForCode, basicToken: true },
      handler: async (request, reply) => handle(request, reply),
    });
  });

  async function handle(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const params = request.params as KubeParams;
    const moment = parseKubeMoment(params.time);
    let segments = params['*'].split('/').filter((s) => s !== '');
    let speed = 1;
    if (segments[0] === 'speed') {
      speed = parseReplaySpeed(segments[1] ?? '');
      segments = segments.slice(2);
    }
    const cluster = await reads.cluster(params.cluster);
    const now = ctx.now();
    const at = 'live' in moment ? now : moment.at;
    const url = new URL(request.url, 'http://kube.local');
    if (segments.length === 0) return send(reply, { status: 200, body: { paths: ROOT_PATHS }, headers: {} });
    const path = parseKubePath(segments);
    if (path.type === 'discovery') return serveDiscovery(request, reply, path.path);
    const parsed = parseKubeListOptions(url.searchParams);
    if (!parsed.ok) throw ephError('EPH_ERR_BAD_ARGUMENT', parsed.error);
    const options = parsed.value;
    const scope: ReadScope = {
      reads,
      cluster,
      at,
      live: 'live' in moment,
      now,
      options,
      table: tableRequestFrom(request.headers.accept, options.includeObject),
    };
    return resource(request, reply, scope, path, speed, now);
  }

  async function resource(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: ReadScope,
    path: KubePath,
    speed: number,
    now: number,
  ): Promise<unknown> {
    switch (path.type) {
      case 'events':
        return send(reply, serveEvents());
      case 'subresource':
        return send(reply, {
          status: 404,
          body: kubeStatus(
            404,
            'NotFound',
            `${path.resource.plural} "${path.name}": the ${path.subresource} subresource is not recorded (endpoints-history keeps objects, not logs, exec or status history)`,
            { name: path.name, kind: path.resource.plural },
          ),
          headers: {},
        });
      case 'collection':
      case 'object': {
        const watch = scope.options.watch || path.legacyWatch;
        if (!watch) {
          const answer =
            path.type === 'object'
              ? await serveGet(scope, path.resource, path.namespace, path.name)
              : await serveList(scope, path.resource, path.namespace);
          return send(reply, answer);
        }
        if (path.type === 'object') {
          const byName = `metadata.name=${path.name.replace(/[\\,=!]/g, (c) => `\\${c}`)}`;
          scope.options.fieldSelector = [scope.options.fieldSelector, byName]
            .filter((s) => s !== '')
            .join(',');
        }
        const plan = await planWatch(scope, path.resource, path.namespace, speed);
        // read before the reply is hijacked: a failure here is still an ordinary error reply
        const headers = await replayWarning(scope, path.resource, now);
        const abort = new AbortController();
        watches.add(abort);
        reply.hijack();
        reply.raw.on('close', () => abort.abort());
        try {
          await serveWatch(reply.raw, plan, headers, timing, abort.signal, (error) =>
            request.log.error({ err: error }, 'kube watch replay failed'),
          );
        } finally {
          watches.delete(abort);
        }
        return reply;
      }
      default:
        return send(reply, {
          status: 404,
          body: kubeStatus(404, 'NotFound', 'the server could not find the requested resource', {}),
          headers: {},
        });
    }
  }
}
