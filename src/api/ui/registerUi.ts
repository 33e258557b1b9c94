import type { FastifyInstance, FastifyReply } from 'fastify';
import { ephError } from '../../errors/index.js';
import type { ApiContext } from '../context.js';
import { errorReply } from '../grafana/errorReply.js';
import { PUBLIC_ROUTE } from '../publicRoute.js';
import { apiIndex } from './apiIndex.js';
import { exportRoute } from './exportRoute.js';
import { kubectlRoute } from './kubectlRoute.js';
import { graphiqlHtml, notBuiltHtml, pageHtml, SHELL_HEADERS } from './pageShell.js';
import { WebAssets } from './webAssets.js';

export const UI_API_PREFIX = '/api/ui/v1';

export interface UiOptions {
  /** Where the built bundles are (default `dist/web` beside package.json). */
  assets?: WebAssets;
  /** Whether /metrics is served, for the index. */
  metrics: boolean;
}

/**
 * Routes that hold no data and so need no token, even when one is configured: the page shell at `/`
 * and the bundles under `/ui/`, so that a browser without the token can load the page and be asked
 * for it. The auth hook (src/api/auth.ts) lets these through by their route config.
 */
const PUBLIC = { config: PUBLIC_ROUTE } as const;

function sendShell(reply: FastifyReply, built: boolean, html: () => string): FastifyReply {
  return reply
    .code(built ? 200 : 503)
    .headers(SHELL_HEADERS)
    .send(built ? html() : notBuiltHtml());
}

/**
 * Mounts the web UI: the timeline page at `/`, GraphiQL at `/graphiql` (both from bundles built by
 * `npm run build` out of installed packages: nothing is fetched from the internet), their assets under
 * `/ui/`, the JSON index at `/api`, and the two routes the page adds to GraphQL and Grafana under
 * `/api/ui/v1/` (the evidence-pack export and kubectl's text at a moment).
 */
export async function registerUi(app: FastifyInstance, ctx: ApiContext, options: UiOptions): Promise<void> {
  const assets = options.assets ?? new WebAssets();
  app.get('/', PUBLIC, async (_request, reply) => sendShell(reply, assets.built(), pageHtml));
  app.get('/graphiql', async (_request, reply) => sendShell(reply, assets.built(), graphiqlHtml));
  app.get<{ Params: { '*': string } }>('/ui/*', PUBLIC, async (request, reply) => {
    const path = request.params['*'];
    const asset = assets.get(path);
    if (asset === null) {
      const { status, body } = errorReply(ephError('EPH_ERR_NOT_FOUND', `no UI asset ${path}`));
      return reply.code(status).send(body);
    }
    reply
      .header('content-type', asset.type)
      .header('etag', asset.etag)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.body);
  });
  // browsers ask for it on every page: answer without a 404 in their console
  app.get('/favicon.ico', PUBLIC, async (_request, reply) => reply.code(204).send());
  app.get('/api', async () => apiIndex(options.metrics));
  await app.register(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) => {
        const { status, body } = errorReply(error);
        if (status >= 500) request.log.error({ err: error }, 'ui route failed');
        return reply.code(status).send(body);
      });
      exportRoute(scope, ctx);
      kubectlRoute(scope, ctx);
    },
    { prefix: UI_API_PREFIX },
  );
}
