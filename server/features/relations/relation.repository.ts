import { type Kysely, sql } from 'kysely';
import type { Database, RelationType } from '../../../db/database';

/** A relation with both ends' names and kinds, as the API shows it. */
export interface RelationRow {
  id: string;
  type: RelationType;
  from_id: string;
  from_name: string;
  from_kind: string;
  to_id: string;
  to_name: string;
  to_kind: string;
  created_by: string | null;
  created_by_name: string | null;
  workshop_id: string | null;
  created_at: Date;
}

function selectRelations(db: Kysely<Database>) {
  return db
    .selectFrom('relations as r')
    .innerJoin('entries as f', 'f.id', 'r.from_id')
    .innerJoin('entries as t', 't.id', 'r.to_id')
    .leftJoin('contributors as c', 'c.id', 'r.created_by')
    .select([
      'r.id',
      'r.type',
      'r.from_id',
      'f.name as from_name',
      'f.kind as from_kind',
      'r.to_id',
      't.name as to_name',
      't.kind as to_kind',
      'r.created_by',
      'c.display_name as created_by_name',
      'r.workshop_id',
      'r.created_at',
    ]);
}

export async function readRelation(db: Kysely<Database>, id: string): Promise<RelationRow | undefined> {
  return selectRelations(db).where('r.id', '=', id).executeTakeFirst();
}

/** The relation of this type between these entries; for `partner_of`, either way round. */
export async function findRelation(db: Kysely<Database>, type: RelationType, fromId: string, toId: string) {
  let query = db.selectFrom('relations').select(['id', 'from_id', 'to_id']).where('type', '=', type);
  query =
    type === 'partner_of'
      ? query.where(
          sql<boolean>`((from_id = ${fromId}::uuid AND to_id = ${toId}::uuid) OR (from_id = ${toId}::uuid AND to_id = ${fromId}::uuid))`,
        )
      : query.where('from_id', '=', fromId).where('to_id', '=', toId);
  return query.executeTakeFirst();
}

/** Inserts unless the same link exists; true when this call inserted it. */
export async function insertRelation(
  trx: Kysely<Database>,
  row: {
    id: string;
    type: RelationType;
    fromId: string;
    toId: string;
    createdBy: string;
    workshopId: string | null;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('relations')
    .values({
      id: row.id,
      type: row.type,
      from_id: row.fromId,
      to_id: row.toId,
      created_by: row.createdBy,
      workshop_id: row.workshopId,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteRelation(trx: Kysely<Database>, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('relations').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** A page of relations in id order; both ends must be visible (published and not deleted) unless `all`. */
export async function listRelations(
  db: Kysely<Database>,
  filter: {
    entry?: string;
    from?: string;
    to?: string;
    type?: RelationType;
    after?: string;
    limit: number;
    all: boolean;
  },
): Promise<RelationRow[]> {
  let query = selectRelations(db).where('f.deleted_at', 'is', null).where('t.deleted_at', 'is', null);
  if (!filter.all) query = query.where('f.status', '=', 'published').where('t.status', '=', 'published');
  if (filter.entry) {
    const entry = filter.entry;
    query = query.where((eb) => eb.or([eb('r.from_id', '=', entry), eb('r.to_id', '=', entry)]));
  }
  if (filter.from) query = query.where('r.from_id', '=', filter.from);
  if (filter.to) query = query.where('r.to_id', '=', filter.to);
  if (filter.type) query = query.where('r.type', '=', filter.type);
  if (filter.after) query = query.where('r.id', '>', filter.after);
  return query
    .orderBy('r.id')
    .limit(filter.limit + 1)
    .execute();
}
