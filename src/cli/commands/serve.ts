import type { Command } from 'commander';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { History } from '../../query/index.js';
import { displayLocation } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { dbOption } from '../options/index.js';
import {
  type ApiFlags,
  addApiOptions,
  listenForShutdown,
  resolveApiFlags,
  startApiServer,
} from '../runtime/index.js';

interface ServeFlags extends ApiFlags {
  db: string;
}

/**
 * `endpoints-history serve`: the read-only API over an existing database, which another process may
 * be recording into meanwhile (WAL: readers never block the writer). A missing database is a usage
 * error (exit 2): serving an empty history would answer every question with "nothing".
 */
export function registerServe(program: Command, io: CliIo): Command {
  const command = program
    .command('serve')
    .description('Serve the GraphQL and Grafana API over an existing database, read-only.')
    .addOption(dbOption());
  return addApiOptions(command).action(async (flags: ServeFlags) => {
    await runServe(io, flags);
  });
}

async function runServe(io: CliIo, flags: ServeFlags): Promise<void> {
  const settings = resolveApiFlags(flags);
  const history = await History.connect(flags.db);
  try {
    const shutdown = listenForShutdown();
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const api = await startApiServer({ ...settings, history, registry });
    io.stdout.write(
      `endpoints-history: serving ${displayLocation(flags.db)} read-only; GraphiQL at ${api.url}/graphiql\n`,
    );
    io.stdout.write(
      `  timeline page: ${api.url}/  GraphQL: ${api.url}/graphql  Grafana: ${api.url}/api/grafana/v1/  health: ${api.url}/healthz\n`,
    );
    io.stdout.write(
      `  kubectl as of a past moment: endpoints-history kubeconfig --at -5m --server ${api.url} --db ${flags.db} > at.yaml\n`,
    );
    await shutdown.requested;
    io.stdout.write('endpoints-history: stopping\n');
    await api.close();
  } finally {
    history.close();
  }
}
