import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit.repo.js';

/** The audit actor of a request: the signed-in user, the token, or the public, with their scope. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (!principal) return { type: 'public', id: null, ip: request.ip, requestId: String(request.id) };
  return { type: principal.kind, id: principal.id, ip: request.ip, requestId: String(request.id), role: principal.role, scope: principal.scope };
}
