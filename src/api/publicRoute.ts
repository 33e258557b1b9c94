import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '../errors/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Reachable without the bearer token. Only for routes that reveal no recorded data: the health
     * probe, static page shells and their assets, and /metrics when the operator asks for it.
     */
    public?: boolean;
    /**
     * The body of this route's refusals (a missing token, a cross-site WebSocket) when its clients
     * read another error format than ours: the kube API answers a Kubernetes Status, which kubectl parses.
     */
    refusalBody?: (code: ErrorCode, message: string) => unknown;
    /**
     * Whether this route also takes the token as the password of HTTP Basic credentials. client-go
     * sends a kubeconfig's token only over TLS; over plain HTTP it sends the user info of the server
     * URL, as Basic credentials, which `endpoints-history kubeconfig` fills with the token.
     */
    basicToken?: boolean;
  }
}

/** The route config of a route that needs no token: `app.get(url, { config: PUBLIC_ROUTE }, …)`. */
export const PUBLIC_ROUTE = { public: true } as const;

/**
 * Whether the route fastify matched for `request` was declared public. Read from the routed request,
 * never from the raw URL: `/%68ealthz` and `/healthz` are one route to the router, and a 404 has no
 * config at all, so it stays protected.
 */
export const isPublicRoute = (request: FastifyRequest): boolean =>
  request.routeOptions.config?.public === true;
