import type { FastifyInstance } from 'fastify';

/**
 * Lets queries run one per event-loop turn. Answering a query is synchronous work (better-sqlite3,
 * graphql-jit), so on one thread a backlog of N requests, all read in one poll of the sockets, would
 * run back to back before the loop reads anything else: a /healthz probe behind them waited for all
 * N. Here each query request first waits for its own turn, granted from `setImmediate` one at a time
 * (an immediate queued by a running one belongs to the next iteration), so between two queries the
 * loop polls the sockets again, and a probe, which takes no turn, waits for at most one query.
 */
export class QueryTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves in a `setImmediate` callback of its own; whatever the caller runs next runs there. */
  take(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  /** Requests waiting for their turn. */
  get length(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()!();
      this.schedule();
    });
  }
}

/** Routes answered at once, never in the queries' line: probes and scrapes. */
const OUT_OF_LINE: ReadonlySet<string> = new Set(['/healthz', '/metrics']);

/** Every route but /healthz and /metrics takes a turn before its handler (after auth). */
export function registerQueryTurns(app: FastifyInstance, turns = new QueryTurns()): QueryTurns {
  app.addHook('preHandler', async (request) => {
    if (OUT_OF_LINE.has(request.routeOptions.url ?? '')) return;
    await turns.take();
  });
  return turns;
}
