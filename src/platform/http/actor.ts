import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit.repo.js';

/** The audit actor of a request: the signed-in user, the token, or the public. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  return {
    type: principal ? principal.kind : 'public',
    id: principal ? principal.id : null,
    ip: request.ip,
    requestId: String(request.id),
  };
}
