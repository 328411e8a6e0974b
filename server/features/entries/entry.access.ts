import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import { HttpProblem, invalidField } from '../../lib/http-problem';
import { type Actor, isModerator } from '../auth/actor';
import { findWorkshopId } from './entry.lookup';

/** Who may read an entry: published and not deleted for everyone; moderators and its author see the rest. */
export function canSee(
  actor: Actor | null,
  row: { status: string; deleted_at: Date | null; created_by: string | null },
): boolean {
  if (isModerator(actor)) return true;
  if (actor && row.created_by === actor.id) return true;
  return row.status === 'published' && row.deleted_at === null;
}

/** Who may change an entry: moderators, and its author. */
export function canEdit(actor: Actor, row: { created_by: string | null }): boolean {
  return isModerator(actor) || row.created_by === actor.id;
}

export function entryNotFound(id: string): HttpProblem {
  return new HttpProblem(404, `No entry has the id ${id}.`, { type: '/problems/entry-not-found' });
}

export function notYours(): HttpProblem {
  return new HttpProblem(403, 'Only its author and the moderators may change this entry.', {
    type: '/problems/not-author',
  });
}

/** Where a write lands: the actor's workshop (if they joined one), and whether it awaits review. */
export interface WriteScope {
  workshopId: string | null;
  /** A participant of a workshop with policy `review`: new entries start `pending`. */
  review: boolean;
}

/**
 * The workshop rules of a write, read before its transaction. A participant writes in the workshop they
 * joined; others may name one (`properties.workshop`, a code or id). A contributor may no longer write in a
 * closed workshop, and in a `review` workshop a contributor's new entries wait for a facilitator.
 */
export async function writeScope(
  db: Kysely<Database>,
  actor: Actor,
  requested?: string | null,
): Promise<WriteScope> {
  let workshopId = actor.workshopId;
  if (requested) {
    const id = await findWorkshopId(db, requested);
    if (!id) throw invalidField('/properties/workshop', `no workshop has the code "${requested}"`);
    if (workshopId && id !== workshopId) {
      throw invalidField('/properties/workshop', 'a participant writes in the workshop they joined');
    }
    workshopId = id;
  }
  if (!workshopId) return { workshopId: null, review: false };
  const workshop =
    actor.workshop?.id === workshopId
      ? actor.workshop
      : await db
          .selectFrom('workshops')
          .select(['id', 'code', 'policy', 'status'])
          .where('id', '=', workshopId)
          .executeTakeFirst();
  if (!workshop) return { workshopId: null, review: false };
  const contributor = actor.role === 'contributor';
  if (workshop.status === 'closed' && contributor) {
    throw new HttpProblem(403, `The workshop ${workshop.code} is closed: it takes no more contributions.`, {
      type: '/problems/workshop-closed',
      title: 'Workshop closed',
    });
  }
  return { workshopId: workshop.id, review: workshop.policy === 'review' && contributor };
}

/** The version an `If-Match` header asks for: a number, `*` for any, or a 428/400 problem. */
export function requireIfMatch(request: FastifyRequest): number[] | '*' {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') {
    throw new HttpProblem(
      428,
      'This write needs an If-Match header with the ETag of the entry, e.g. If-Match: "3".',
      {
        type: '/problems/precondition-required',
      },
    );
  }
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return '*';
  const versions: number[] = [];
  for (const part of value.split(',')) {
    const match = /^\s*"?(\d{1,9})"?\s*$/.exec(part);
    if (!match?.[1]) {
      throw new HttpProblem(400, 'If-Match must hold entity tags such as "3".', {
        type: '/problems/validation',
        title: 'Invalid request',
        errors: [{ path: '/headers/if-match', message: 'must be an entity tag such as "3"' }],
      });
    }
    versions.push(Number(match[1]));
  }
  return versions;
}

/** True when the entry's version satisfies the If-Match versions. */
export function matches(wanted: number[] | '*', version: number): boolean {
  return wanted === '*' || wanted.includes(version);
}
