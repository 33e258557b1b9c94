import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';

/** Mounts /graphql and /graphiql. (Being built: see src/api/graphql.) */
export async function registerGraphql(_app: FastifyInstance, _ctx: ApiContext): Promise<void> {}
