import type { FastifyInstance } from 'fastify';
import type { DocumentNode, GraphQLError as GraphQLErrorType, GraphQLSchema } from 'graphql';
import { mercurius } from 'mercurius';
import { getOrCreate } from '../../util/getOrCreate.js';
import type { ApiContext } from '../context.js';
import { codedError } from './errorCode.js';
import { errorFormatter } from './errorFormatter.js';
import { graphql } from './graphqlRuntime.js';
import { httpQueryScreen } from './httpQueryScreen.js';
import { loadSchemaSource } from './loadSchema.js';
import { registerOperationGuard } from './operationGuard.js';
import { buildResolvers } from './resolvers/index.js';
import { costRule } from './rules/costRule.js';
import { depthRule } from './rules/depthRule.js';
import { httpOperationRule } from './rules/httpOperationRule.js';
import { readOnlyRule } from './rules/readOnlyRule.js';
import { type GuardedSocket, guardSocket } from './subscription/guardSocket.js';
import { MembershipPoller } from './subscription/MembershipPoller.js';

const { specifiedRules, validate } = graphql;

export interface GraphqlOptions {
  /** How often subscriptions look for new changes in the database (default 250 ms). */
  pollIntervalMs?: number;
}

/** Assumed length of a list the query does not bound with `first`, for the cost limit. */
export const DEFAULT_LIST_SIZE = 100;

/** Lists that are short by nature, so that asking for them does not count as 100 items each. */
export const SHORT_LISTS: Readonly<Record<string, number>> = {
  'Query.clusters': 10,
  'Query.fleet': 10,
  'Cluster.kinds': 4,
  'Cluster.coverage': 20,
  'EndpointSet.gaps': 3,
  'EndpointsDiff.gaps': 6,
  'EndpointSet.ports': 5,
  'EndpointAddress.ports': 5,
  'Service.ports': 5,
  'Service.selector': 5,
  'Pod.ips': 2,
};

/** A request refused before execution: mercurius' route error handler passes `errors` to the formatter. */
class Refused extends Error {
  readonly statusCode = 400;
  constructor(readonly errors: readonly GraphQLErrorType[]) {
    super(errors[0]?.message ?? 'refused');
  }
}

type WsHandler = (this: unknown, socket: GuardedSocket, request: unknown) => unknown;

/**
 * Mounts GraphQL on /graphql (GET, POST, WebSocket subscriptions) (GraphiQL is src/api/ui's).
 * Every query text is screened first (`httpQueryScreen`: size, tokens, nesting, syntax, aliases, and
 * the operation the request names), before mercurius parses it; static rules (read-only, depth, no subscription over HTTP) run with graphql
 * validation and are cached per query text; the cost rule needs the variables (`first: $n`), so it
 * runs per request before execution. WebSocket messages are screened the same way (`guardSocket`).
 */
export async function registerGraphql(
  app: FastifyInstance,
  api: ApiContext,
  options: GraphqlOptions = {},
): Promise<void> {
  const poller = new MembershipPoller(api.history, {
    intervalMs: options.pollIntervalMs ?? 250,
    log: app.log,
  });
  app.addHook('onClose', async () => poller.close());
  const staticRules = [readOnlyRule, depthRule(api.limits.maxDepth)];
  const cost = (variables: Record<string, unknown> | null) =>
    costRule({
      maxCost: api.limits.maxCost,
      defaultListSize: DEFAULT_LIST_SIZE,
      listSizes: SHORT_LISTS,
      variables,
    });

  // Every WebSocket route's handler (mercurius' subscription endpoint) gets the socket guarded
  // before mercurius attaches its message listener: wsHandler is @fastify/websocket's route option.
  app.addHook('onRoute', (route) => {
    const r = route as typeof route & { wsHandler?: WsHandler };
    const handler = r.wsHandler;
    if (typeof handler !== 'function') return;
    r.wsHandler = function (this: unknown, socket, request) {
      guardSocket(socket, { limits: api.limits, schema: () => app.graphql.schema }, app.log);
      return handler.call(this, socket, request);
    };
  });

  await app.register(mercurius, {
    schema: loadSchemaSource(),
    resolvers: buildResolvers(api, poller),
    // mercurius' GraphiQL loads React and graphiql from a public CDN: src/api/ui serves our own build
    graphiql: false,
    // compile a query with graphql-jit once it has run once: dashboards repeat the same few queries
    jit: 1,
    subscription: true,
    errorFormatter: errorFormatter as never,
    validationRules: [...staticRules, httpOperationRule],
    // a second guard behind screenQuery, should a path ever reach mercurius' parser unscreened
    graphql: { parseOptions: { maxTokens: api.limits.maxTokens } },
  });

  app.graphql.addHook('preParsing', httpQueryScreen(api.limits) as never);
  registerOperationGuard(app);
  // mercurius reuses one parsed DocumentNode per query text, so the cost verdict is cached per
  // (document, variables): a dashboard repeating one query pays for the traversal once.
  const verdicts = new WeakMap<DocumentNode, Map<string, readonly GraphQLErrorType[]>>();
  app.graphql.addHook('preExecution', (schema: GraphQLSchema, document: DocumentNode, _ctx, variables) => {
    const byVariables = getOrCreate(verdicts, document, () => new Map<string, readonly GraphQLErrorType[]>());
    const key = JSON.stringify(variables ?? null);
    let errors = byVariables.get(key);
    if (errors === undefined) {
      errors = validate(schema, document, [cost(variables ?? null)]);
      if (byVariables.size >= 64) byVariables.clear();
      byVariables.set(key, errors);
    }
    if (errors.length > 0) throw new Refused(errors);
  });
  // mercurius does not validate subscription documents at all: do it here, with every rule
  app.graphql.addHook('preSubscriptionExecution', (schema: GraphQLSchema, document: DocumentNode) => {
    const errors = validate(schema, document, [...specifiedRules, ...staticRules, cost(null)]);
    if (errors.length > 0) throw codedError(errors[0]);
  });
}
