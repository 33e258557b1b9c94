/**
 * What a user may see of one error code: every surface takes its facts from here — the HTTP routes
 * their status (`statusOf`), the CLI its exit code (`exitCodeOf`), GraphQL the code itself in
 * `extensions.code` — and docs/errors.md's table is generated from it (`npm run docs:errors`; a test
 * fails when the page differs).
 */
export interface ErrorFacts {
  /** What the code means: the docs' "Meaning" column. */
  description: string;
  /**
   * The status of an HTTP route answering it (Grafana, the UI routes, the HTTP layer; a GraphQL
   * request refused before execution takes its first error's). 400 for a client's mistake, 401/403
   * for access, 404 for what is not there, 413 for an oversized request, 500 for a server fault.
   */
  status: 400 | 401 | 403 | 404 | 413 | 500;
  /**
   * The CLI's exit status when a command fails with it: 2 when the command line itself was wrong (a
   * bad flag, time or database: as commander's own usage errors), 3 when nothing was recorded about
   * the moment asked (unknown, neither empty nor failed), 1 for every other failure.
   */
  exit: 1 | 2 | 3;
  /** The docs' "HTTP" column when the status alone would mislead: a code one surface only answers. */
  http?: string;
  /** A request or command that gets it, for the docs. */
  example: string;
}

/** Every error a user can see carries one stable code from this table. */
export const ERROR_CODES = {
  EPH_ERR_BAD_TIME: {
    description:
      'A time is neither RFC 3339, epoch milliseconds, `now` nor a relative form like `-2h`, or lies outside the years a JavaScript date can hold (±8.64e15 ms around 1970).',
    status: 400,
    exit: 2,
    example: '`endpoints(..., at: "yesterday")`, `at: 1e300`, `endpoints-at?at=9999999999999999`',
  },
  EPH_ERR_BAD_RANGE: {
    description: 'A range ends before it starts.',
    status: 400,
    exit: 2,
    example: '`endpointsDiff(..., from: "02:30", to: "02:00")` (as full RFC 3339 times)',
  },
  EPH_ERR_RANGE_TOO_LARGE: {
    description: 'A range is longer than the server allows for one query (default 31 days).',
    status: 400,
    exit: 1,
    example: '`outages(from: "2025-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z")`',
  },
  EPH_ERR_BAD_STEP: {
    description:
      'A step is not a positive duration, is longer than the longest range (default 31 days), or would produce too many points.',
    status: 400,
    exit: 2,
    example: '`readyCount(from: "-1h", step: 1)`, `readyCount(step: 1e300)`',
  },
  EPH_ERR_BAD_ARGUMENT: {
    description: 'An argument is malformed or arguments contradict each other.',
    status: 400,
    exit: 2,
    example: '`podsByIP(ip: "10.244.1.22", at: "now", from: "-1h")`',
  },
  EPH_ERR_BAD_IP: {
    description: 'An IP address does not parse.',
    status: 400,
    exit: 2,
    example: '`podsByIP(ip: "10.244.1.300")`',
  },
  EPH_ERR_BAD_CURSOR: {
    description: 'A pagination cursor was not produced by this server.',
    status: 400,
    exit: 1,
    example: '`changes(after: "not-a-cursor")`',
  },
  EPH_ERR_TOO_MANY_ROWS: {
    description:
      'The answer would have more rows than the server returns at once (default 50,000): refused, never cut short. In GraphQL the error sits on the list field (status 200, with its `path`).',
    status: 400,
    exit: 1,
    example:
      '`GET /api/grafana/v1/membership` with Service = All over thousands of services; `ready-count` over more than 5,000 services',
  },
  EPH_ERR_PAGE_TOO_LARGE: {
    description: 'A page size (`first`) is negative or above the maximum (default 1000).',
    status: 400,
    exit: 1,
    example: '`changes(first: 5000)`',
  },
  EPH_ERR_UNKNOWN_CLUSTER: {
    description:
      'No history is recorded for this cluster name (or nothing is recorded yet); the message lists the recorded clusters. On the CLI a wrong `--cluster` is a bad flag: exit 2.',
    status: 404,
    exit: 2,
    example: '`namespaces(cluster: "prod")`, `get endpoints --cluster prod`',
  },
  EPH_ERR_AMBIGUOUS_CLUSTER: {
    description:
      'The database holds several clusters and none was named; the message lists them (`--cluster`, `cluster=`, `cluster:`).',
    status: 400,
    exit: 2,
    example: '`namespaces` on a database recording `a` and `b`',
  },
  EPH_ERR_UNKNOWN_SERVICE: {
    description: 'No history is recorded for this service.',
    status: 404,
    exit: 1,
    example: '`endpoints(namespace: "default", service: "nope")`',
  },
  EPH_ERR_UNKNOWN_POD: {
    description: 'No history is recorded for this pod.',
    status: 404,
    exit: 1,
    example: '`endpoints-history get pods nope -n default`',
  },
  EPH_ERR_NOT_RECORDED: {
    description:
      'Nothing was recorded about the moment asked (before recording began, or in a recording gap, with nothing known to print): the answer is unknown, not empty.',
    status: 404,
    exit: 3,
    http: '— (CLI: exit 3; the kube API: 404 NotFound with this cause; GraphQL and Grafana answer with `complete: false`, nulls and `unknown` instead)',
    example: '`endpoints-history get endpoints --at 2020-01-01T00:00:00Z`',
  },
  EPH_ERR_DB_MISSING: {
    description: 'The database file does not exist.',
    status: 500,
    exit: 2,
    example: '`endpoints-history serve --db missing.db`',
  },
  EPH_ERR_DB_NEWER: {
    description: 'The database was written by a newer version of endpoints-history.',
    status: 500,
    exit: 2,
    example: 'opening a database migrated by a later release',
  },
  EPH_ERR_DB_OLDER: {
    description:
      'The database has an older schema: readers never migrate, run `endpoints-history migrate --db F` (or start the recorder once).',
    status: 500,
    exit: 2,
    example: '`serve` on a database last written by an earlier release',
  },
  EPH_ERR_DB_NOT_HISTORY: {
    description:
      "The file is not an endpoints-history database: another application's SQLite file, an empty file, or not SQLite at all. Nothing is written to it.",
    status: 500,
    exit: 2,
    example: '`endpoints-history get endpoints --db ~/.mozilla/places.sqlite`',
  },
  EPH_ERR_DB_UNREADABLE: {
    description:
      'The database cannot be read where it lies: a WAL-mode file in a read-only directory whose `-wal` holds changes (SQLite needs to create the `-shm` index beside it), or one too large (> 1 GiB) to read into memory there. Copy it to a writable directory, or make archives with `backup`.',
    status: 500,
    exit: 2,
    example: '`get endpoints --db /mnt/ro/live-copy.db` with `live-copy.db-wal` beside it',
  },
  EPH_ERR_DB_UNREACHABLE: {
    description:
      'The PostgreSQL server named by `--db` (or the PG* environment variables) refused or did not answer the connection; the message gives its reason (the password is never shown).',
    status: 500,
    exit: 2,
    example: '`endpoints-history serve --db postgres://eph@db.example:5432/history` while the server is down',
  },
  EPH_ERR_DB_PERMISSION: {
    description:
      "The PostgreSQL role of `--db` may not do what the command asks (the server said `permission denied` or `read-only transaction`): `eph_reader` only reads, `eph_recorder` records, `migrate`, `rebuild`, `prune` and `copy` need the tables' owner (`eph_owner`; see docs/fleet.md). Nothing was changed.",
    status: 500,
    exit: 2,
    example: '`endpoints-history rebuild --db postgres://eph_reader@db/endpoints_history`',
  },
  EPH_ERR_BACKUP_POSTGRES: {
    description:
      '`backup` copies SQLite files; a PostgreSQL history is backed up with `pg_dump` (the message gives the exact command for the `--db` URL and `--to` file; restore with `pg_restore`).',
    status: 500,
    exit: 2,
    http: '— (CLI only: exit 2)',
    example: '`endpoints-history backup --db postgres://eph@db/history --to history.dump`',
  },
  EPH_ERR_DB_LOCKED: {
    description:
      'Another process writes the database (`record`, `run`, `rebuild` or `prune`): one writer at a time (on PostgreSQL: one recorder per cluster, held by an advisory lock of its session). The line names its command, pid, host and since when.',
    status: 500,
    exit: 2,
    http: '— (CLI only: exit 2)',
    example: '`endpoints-history rebuild` while `record` runs on the same `--db`',
  },
  EPH_ERR_UNAUTHENTICATED: {
    description:
      'A token is required and was missing or wrong (every route but `/healthz`, and `/metrics` with `--metrics-public`).',
    status: 401,
    exit: 1,
    example:
      '`POST /graphql` without `Authorization: Bearer …` (or the `eph_token` cookie) when `--auth-token-file` is set',
  },
  EPH_ERR_CROSS_ORIGIN: {
    description:
      'A WebSocket upgrade authenticated by the `eph_token` cookie came without an `Origin` naming this server.',
    status: 403,
    exit: 1,
    example: 'a page on another site opening `ws://…/graphql` in a browser that holds the cookie',
  },
  EPH_ERR_NOT_FOUND: {
    description: 'No route answers this method and path (asked with a valid token, or where none is needed).',
    status: 404,
    exit: 1,
    example: '`GET /nope`, `POST /graphql/`, `GET /api/grafana/v1/series`',
  },
  EPH_ERR_BAD_REQUEST: {
    description: 'The HTTP request itself is malformed: URL, body encoding, request line.',
    status: 400,
    exit: 1,
    example: '`GET /%zz`',
  },
  EPH_ERR_REQUEST_TOO_LARGE: {
    description:
      "The body (over 1 MiB) or the headers (over Node's 16 KiB) are larger than the server accepts.",
    status: 413,
    exit: 1,
    http: '413, 431',
    example: 'a 2 MB `POST /graphql`',
  },
  EPH_ERR_QUERY_TOO_DEEP: {
    description: 'The GraphQL query nests deeper than allowed (default 10 field levels, 64 brackets).',
    status: 400,
    exit: 1,
    http: '— (GraphQL only: 400)',
    example: '`{ pod { history { history { … } } } }` eleven levels deep; 5,000 nested braces',
  },
  EPH_ERR_QUERY_TOO_COMPLEX: {
    description:
      'The GraphQL query costs more than allowed (default 5000: fields × list sizes), or repeats one field more than 16 times in a selection.',
    status: 400,
    exit: 1,
    http: '— (GraphQL only: 400)',
    example:
      '`{ services { endpoints { addresses { pod { history { name } } } } } }`; the fragment bomb `query { ...F0 } fragment F0 on Query { ...F1 ...F1 } …`',
  },
  EPH_ERR_QUERY_TOO_LARGE: {
    description:
      'The GraphQL query text has more bytes (32 KiB), tokens (2000), aliases (100) or fragment definitions (32) than allowed.',
    status: 400,
    exit: 1,
    http: '— (GraphQL only: 400)',
    example: '`{ a0: clusters a1: clusters … a100: clusters }`',
  },
  EPH_ERR_BAD_QUERY: {
    description:
      'The GraphQL request is invalid: syntax, unknown field, missing argument, bad JSON body, `query` not a string of GraphQL, a subscription over HTTP, a query over the WebSocket, a WebSocket message that is not JSON.',
    status: 400,
    exit: 1,
    http: '— (GraphQL only: 400)',
    example: '`{ endpoints(namespace: "default") { at } }`; `{"query": 42}`',
  },
  EPH_ERR_READ_ONLY: {
    description:
      'The API is read-only: mutations are refused (over HTTP and over the WebSocket), and every write to the kube API (POST, PUT, PATCH, DELETE).',
    status: 400,
    exit: 1,
    http: '405 on the kube API (GraphQL: 400)',
    example:
      '`mutation { anything }`; `kubectl delete pod x` with a kubeconfig from `endpoints-history kubeconfig`',
  },
  EPH_ERR_INTERNAL: {
    description: 'An unexpected server error; the details are in the server log, never in the answer.',
    status: 500,
    exit: 1,
    example: 'the database file vanished under the server',
  },
} as const satisfies Record<string, ErrorFacts>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether `v` is one of our codes (a code that crossed a boundary as a string: GraphQL, a thread). */
export const isErrorCode = (v: unknown): v is ErrorCode =>
  typeof v === 'string' && Object.hasOwn(ERROR_CODES, v);

/** The HTTP status of a route answering `code` (see ErrorFacts.status). */
export const statusOf = (code: ErrorCode): number => ERROR_CODES[code].status;

/** The CLI's exit status for a command that failed with `code` (see ErrorFacts.exit). */
export const exitCodeOf = (code: ErrorCode): number => ERROR_CODES[code].exit;

/** What an internal error says to the client: its details stay in the server log. */
export const INTERNAL_MESSAGE = 'internal error; details are in the server log';
