import type { Kysely } from 'kysely';
import type { Database, RevisionOp } from '../../../db/database';
import type { EntryPatch } from '../../contract/entry';
import { HttpProblem, invalidField } from '../../lib/http-problem';
import { type Actor, isModerator } from '../auth/actor';
import { toSnapshot } from '../revisions/revision.snapshot';
import { canEdit, canSee, entryNotFound, matches, notYours, type WriteScope } from './entry.access';
import { recordChange, type WriteResult } from './entry.commit';
import { applyPatch, draftFromRow, type EntryDraft, sameDraft } from './entry.draft';
import { findWorkshopId } from './entry.lookup';
import { toFeature } from './entry.mapper';
import {
  countRelations,
  type EntryRow,
  lockEntry,
  readEntry,
  setEntryThemes,
  updateEntry,
} from './entry.repository';
import { validateDraft } from './entry.validate';

/** What every conditional write needs: who, where, and the versions its If-Match accepts. */
export interface ConditionalWrite {
  actor: Actor;
  scope: WriteScope;
  ifMatch: number[] | '*';
}

/**
 * Locks the entry, checks it may be seen and changed by the actor, and that If-Match names its version:
 * 404, 403 or 412 (with the current entry in the problem) otherwise.
 */
export async function lockForWrite(
  trx: Kysely<Database>,
  id: string,
  write: ConditionalWrite,
): Promise<EntryRow> {
  const locked = await lockEntry(trx, id);
  if (!locked || !canSee(write.actor, locked)) throw entryNotFound(id);
  if (!canEdit(write.actor, locked)) throw notYours();
  const row = (await readEntry(trx, id)) as EntryRow;
  if (!matches(write.ifMatch, row.version)) throw stale(row, write.actor);
  return row;
}

export function stale(row: EntryRow, actor: Actor): HttpProblem {
  return new HttpProblem(412, `The entry changed since: it is at version ${row.version}. Merge and retry.`, {
    type: '/problems/stale-version',
    headers: { etag: `"${row.version}"` },
    extra: { currentVersion: row.version, entry: toFeature(row, { withPrivate: isModerator(actor) }) },
  });
}

/** PATCH: applies the patch to the current draft; a change of status alone is recorded as op `status`. */
export async function patchEntry(
  db: Kysely<Database>,
  id: string,
  patch: EntryPatch,
  write: ConditionalWrite,
): Promise<WriteResult> {
  return db.transaction().execute(async (trx) => {
    const row = await lockForWrite(trx, id, write);
    if (row.deleted_at) throw deletedEntry(id);
    await checkSameWorkshop(trx, row, patch.properties?.workshop);
    const current = draftFromRow(row);
    const next = applyPatch(current, patch);
    if (next.status !== current.status && !isModerator(write.actor)) {
      throw new HttpProblem(403, 'Only moderators may change the status of an entry.', {
        type: '/problems/status-reserved',
      });
    }
    if (next.kind !== current.kind && (await countRelations(trx, id)) > 0) {
      throw new HttpProblem(409, 'This entry has relations: remove them before changing its kind.', {
        type: '/problems/kind-has-relations',
      });
    }
    return writeDraft(trx, row, current, next, write, { op: 'update' });
  });
}

/**
 * Validates and stores `next` over `row` (the version check is in the UPDATE's WHERE, so two writers with
 * the same If-Match cannot both win), then records the revision. Nothing is written when nothing changes.
 */
export async function writeDraft(
  trx: Kysely<Database>,
  row: EntryRow,
  current: EntryDraft,
  next: EntryDraft,
  write: ConditionalWrite,
  options: { op: RevisionOp; revertedFrom?: string },
): Promise<WriteResult> {
  const { draft, themeIds } = await validateDraft(trx, next);
  if (sameDraft(current, draft)) return { row, revisionId: null };
  if (!(await updateEntry(trx, row.id, row.version, { draft }))) throw stale(row, write.actor);
  if (JSON.stringify(current.themes) !== JSON.stringify([...draft.themes].sort())) {
    await setEntryThemes(trx, row.id, themeIds);
  }
  const onlyStatus = sameDraft({ ...current, status: draft.status }, draft);
  const op: RevisionOp = options.op === 'update' && onlyStatus ? 'status' : options.op;
  return recordChange(trx, {
    id: row.id,
    before: toSnapshot(row),
    op,
    actor: write.actor,
    workshopId: write.scope.workshopId,
    ...(options.revertedFrom ? { revertedFrom: options.revertedFrom } : {}),
  });
}

/** DELETE (soft) and restore. Deleting a deleted entry, or restoring a live one, changes nothing. */
export async function setDeleted(
  db: Kysely<Database>,
  id: string,
  deleted: boolean,
  write: ConditionalWrite,
): Promise<WriteResult> {
  return db.transaction().execute(async (trx) => {
    const row = await lockForWrite(trx, id, write);
    if ((row.deleted_at !== null) === deleted) return { row, revisionId: null };
    if (!(await updateEntry(trx, id, row.version, { deleted }))) throw stale(row, write.actor);
    return recordChange(trx, {
      id,
      before: toSnapshot(row),
      op: deleted ? 'delete' : 'restore',
      actor: write.actor,
      workshopId: write.scope.workshopId,
    });
  });
}

/** An entry stays in the workshop it was made in: naming another one in a PATCH is a 400. */
async function checkSameWorkshop(trx: Kysely<Database>, row: EntryRow, workshop: string | null | undefined) {
  if (workshop === undefined) return;
  const id = workshop === null ? null : await findWorkshopId(trx, workshop);
  if (id !== row.workshop_id) {
    throw invalidField('/properties/workshop', 'an entry stays in the workshop it was made in');
  }
}

export function deletedEntry(id: string): HttpProblem {
  return new HttpProblem(
    409,
    `The entry ${id} is deleted: restore it first (POST /api/entries/${id}/restore).`,
    {
      type: '/problems/entry-deleted',
    },
  );
}
