import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, RevisionOp } from '../../../db/database';
import type { RelationInput } from '../../contract/relation';
import { HttpProblem, invalidField } from '../../lib/http-problem';
import { type Actor, isModerator } from '../auth/actor';
import { canSee, type WriteScope } from '../entries/entry.access';
import { type EntryRow, readEntry } from '../entries/entry.repository';
import { insertRevisions } from '../revisions/revision.repository';
import { toSnapshot } from '../revisions/revision.snapshot';
import {
  deleteRelation,
  findRelation,
  insertRelation,
  type RelationRow,
  readRelation,
} from './relation.repository';
import { checkRelation } from './relation.rules';

export interface RelationWrite {
  relation: RelationRow;
  created: boolean;
  revisionId: string | null;
}

/**
 * Links two entries in one transaction, recorded as a `relate` revision of the source entry. A contributor
 * links from or to an entry of their own; the same link twice is a 409, unless it is a retry of the same
 * client-chosen id (200).
 */
export async function createRelation(
  db: Kysely<Database>,
  actor: Actor,
  scope: WriteScope,
  input: RelationInput,
): Promise<RelationWrite> {
  const id = input.id ?? randomUUID();
  return db.transaction().execute(async (trx) => {
    const from = await visibleEntry(trx, actor, input.from, '/from');
    const to = await visibleEntry(trx, actor, input.to, '/to');
    const check = checkRelation(input.type, from, to);
    if (!check.valid) throw invalidField(check.path, check.message);
    if (!isModerator(actor) && from.created_by !== actor.id && to.created_by !== actor.id) {
      throw new HttpProblem(403, 'A contributor links from or to one of their own entries.', {
        type: '/problems/not-author',
      });
    }
    const existing = await findRelation(trx, input.type, from.id, to.id);
    if (existing) {
      if (existing.id === id)
        return { relation: (await readRelation(trx, id))!, created: false, revisionId: null };
      throw new HttpProblem(409, `These entries are already linked by ${input.type}.`, {
        type: '/problems/duplicate-relation',
        extra: { relation: existing.id },
      });
    }
    const row = {
      id,
      type: input.type,
      fromId: from.id,
      toId: to.id,
      createdBy: actor.id,
      workshopId: scope.workshopId,
    };
    if (!(await insertRelation(trx, row))) {
      throw new HttpProblem(409, `A relation with the id ${id} exists already.`, {
        type: '/problems/id-conflict',
      });
    }
    const revisionId = await recordRelationChange(trx, 'relate', from, actor, scope, {
      relation: [null, { id, type: input.type, to: to.id }],
    });
    return { relation: (await readRelation(trx, id))!, created: true, revisionId };
  });
}

/** Unlinks, as an `unrelate` revision of the source entry: moderators, the link's author, or the source's. */
export async function removeRelation(
  db: Kysely<Database>,
  actor: Actor,
  scope: WriteScope,
  id: string,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const relation = await readRelation(trx, id);
    if (!relation)
      throw new HttpProblem(404, `No relation has the id ${id}.`, { type: '/problems/relation-not-found' });
    const from = (await readEntry(trx, relation.from_id, false)) as EntryRow;
    if (!isModerator(actor) && relation.created_by !== actor.id && from.created_by !== actor.id) {
      throw new HttpProblem(
        403,
        'Only moderators and the authors of this link or of its source may remove it.',
        {
          type: '/problems/not-author',
        },
      );
    }
    await deleteRelation(trx, id);
    return recordRelationChange(trx, 'unrelate', from, actor, scope, {
      relation: [{ id, type: relation.type, to: relation.to_id }, null],
    });
  });
}

async function visibleEntry(
  trx: Kysely<Database>,
  actor: Actor,
  id: string,
  path: string,
): Promise<EntryRow> {
  const row = await readEntry(trx, id, false);
  if (!row || row.deleted_at || !canSee(actor, row)) throw invalidField(path, `no entry has the id ${id}`);
  return row;
}

async function recordRelationChange(
  trx: Kysely<Database>,
  op: RevisionOp,
  from: EntryRow,
  actor: Actor,
  scope: WriteScope,
  changes: Record<string, unknown>,
): Promise<string | null> {
  const [revisionId] = await insertRevisions(trx, [
    {
      entryId: from.id,
      version: from.version,
      op,
      changes,
      snapshot: toSnapshot(from),
      actorId: actor.id,
      actorName: actor.displayName,
      workshopId: scope.workshopId,
    },
  ]);
  return revisionId ?? null;
}
