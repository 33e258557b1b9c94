import type { RequestOptions } from 'node:https';

/** How requests reach one API server: its URL and the credentials and TLS settings each carries. */
export interface ApiAuth {
  /** Base URL of the API server, e.g. `https://10.0.0.1:6443` (a trailing slash is tolerated). */
  readonly server: string;
  /**
   * Adds TLS material (ca, cert, key, servername, rejectUnauthorized) and headers (Authorization) to
   * one request's options. Async: a credential may need refreshing first.
   */
  apply(options: RequestOptions): Promise<void>;
}
