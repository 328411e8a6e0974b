import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../../lib/http-problem';
import { type Actor, requireActor } from '../auth/actor';

/** The workshop fields that decide who may manage it. */
export interface WorkshopOwnership {
  id: string;
  created_by: string | null;
}

/** Admins manage every workshop; a facilitator manages the ones they created or were given a token for. */
export function canManage(actor: Actor | null, workshop: WorkshopOwnership): boolean {
  if (!actor) return false;
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'facilitator' && (workshop.created_by === actor.id || actor.workshopId === workshop.id)
  );
}

export function requireManager(request: FastifyRequest, workshop: WorkshopOwnership): Actor {
  const actor = requireActor(request);
  if (!canManage(actor, workshop)) {
    throw new HttpProblem(403, "Only this workshop's facilitators and the admins may do this.", {
      type: '/problems/not-facilitator',
    });
  }
  return actor;
}

export function workshopNotFound(code: string): HttpProblem {
  return new HttpProblem(404, `No workshop has the code "${code}".`, {
    type: '/problems/workshop-not-found',
  });
}

export function workshopClosed(code: string): HttpProblem {
  return new HttpProblem(
    403,
    `The workshop ${code} is closed: it takes no more participants nor contributions.`,
    {
      type: '/problems/workshop-closed',
      title: 'Workshop closed',
    },
  );
}
