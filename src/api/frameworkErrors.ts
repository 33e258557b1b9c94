import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errorBody.js';
import { httpError } from './httpError.js';

/**
 * fastify's `frameworkErrors`: the router's own refusals before any route or hook runs (a URL that
 * does not percent-decode, a parameter too long) get the coded body instead of fastify's `FST_ERR_*`.
 */
export function frameworkErrors(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  const { status, code, message } = httpError(error);
  reply.code(status).send(errorBody(code, message));
}
