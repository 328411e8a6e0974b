import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../db/database';
import { HttpProblem } from '../../lib/http-problem';

/** Who sends a request; null when anonymous. */
export interface Actor {
  id: string;
  displayName: string;
  role: Role;
  /** The workshop a participant joined, if any. */
  workshopId: string | null;
  /** That workshop's rules, when they were read with the token (saves writes a query; see writeScope). */
  workshop?: { id: string; code: string; policy: string; status: string };
}

/** The fixed contributor row that stands for ATLAS_ADMIN_TOKEN in created_by and revision actors. */
export const ENV_ADMIN_ID = '00000000-0000-4000-8000-000000000001';

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new HttpProblem(401, 'This action needs a token: send Authorization: Bearer <token>.', {
      headers: { 'www-authenticate': 'Bearer realm="atlas"' },
    });
  }
  return request.actor;
}

export function requireRole(request: FastifyRequest, roles: readonly Role[]): Actor {
  const actor = requireActor(request);
  if (!roles.includes(actor.role)) {
    throw new HttpProblem(403, `This action is reserved to: ${roles.join(', ')}.`);
  }
  return actor;
}

export function isModerator(actor: Actor | null): boolean {
  return actor?.role === 'admin' || actor?.role === 'facilitator';
}
