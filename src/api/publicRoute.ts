import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Reachable without the bearer token. Only for routes that reveal no recorded data: the health
     * probe, static page shells and their assets, and /metrics when the operator asks for it.
     */
    public?: boolean;
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
