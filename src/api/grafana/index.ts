import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';

/** Mounts the Infinity-friendly JSON routes under /api/grafana/v1. (Being built: see src/api/grafana.) */
export async function registerGrafana(_app: FastifyInstance, _ctx: ApiContext): Promise<void> {}
