import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../context.js';
import { checkRows } from '../../limits.js';
import { parseCluster, type Query } from '../params.js';
import { recordedServices } from '../selectServices.js';

/** One template-variable option: Infinity takes `__text` as the label and `__value` as the value. */
export interface VariableOption {
  __text: string;
  __value: string;
}

/**
 * `GET namespaces?cluster=`: every namespace that ever had a recorded service, sorted, as variable
 * options. `from`/`to` are accepted and ignored: a namespace stays selectable for any time range.
 */
export function namespacesRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/namespaces', async (request): Promise<VariableOption[]> => {
    const services = recordedServices(ctx.history, parseCluster(request.query as Query));
    const names = [...new Set(services.map((s) => s.namespace))].sort();
    return checkRows(ctx.limits, names, 'namespaces').map((n) => ({ __text: n, __value: n }));
  });
}
