import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database';
import { asGeoJson } from '../../../db/postgis';
import { type PreparedTarget, queryPrepared } from '../../../db/prepared';
import type { MultiPolygon, Point } from '../../contract/geojson';
import type { Actor } from '../auth/actor';
import { createChangesSql, snapshotSql } from '../revisions/revision.snapshot-sql';
import type { EntryDraft } from './entry.draft';
import { type EntryRow, entryColumns } from './entry.repository';

export interface NewEntry {
  id: string;
  draft: EntryDraft;
  /** The draft's themes, resolved (validateDraft). */
  themeIds: readonly number[];
  workshopId: string | null;
  createHash: string;
}

/**
 * Inserts a new entry, its themes and its `create` revision in one statement: one round trip, atomic
 * without a transaction. A workshop's writes are mostly creations, and each round trip costs a wake-up of
 * the database backend and of this process. The snapshot and changes are built in SQL from the inserted
 * row (revision.snapshot-sql.ts, equal to what toSnapshot and diffSnapshots give); the revision id's
 * default takes the writers' lock and a trigger queues the NOTIFY (migration 0008). Undefined when an entry
 * with this id exists already (ON CONFLICT waits for a concurrent inserter of the same id to commit).
 */
export async function insertNewEntry(
  database: PreparedTarget,
  actor: Actor,
  entry: NewEntry,
): Promise<{ row: EntryRow; revisionId: string } | undefined> {
  // Prepared: the statement is long, and planning it each time cost more than running it.
  const rows = await queryPrepared(database, newEntrySql(actor, entry, database.db).compile(database.db));
  const inserted = rows[0];
  if (!inserted) return undefined;
  const { revision_id: revisionId, ...row } = inserted;
  return { row, revisionId };
}

let revisionColumns: { changes: RawBuilder<unknown>; snapshot: RawBuilder<unknown> } | null = null;

/**
 * The revision's changes and snapshot over `e` and the themes in `t.themes`, compiled to text once: they
 * are the bulk of the statement, the same for every entry, and building them cost more CPU per write than
 * the rest of the request.
 */
function compiledRevisionColumns(db: Kysely<Database>) {
  if (!revisionColumns) {
    const compile = (fragment: RawBuilder<unknown>) => {
      const compiled = fragment.compile(db);
      // Only text can be reused as it is: a parameter would be numbered for the first statement only.
      if (compiled.parameters.length > 0) throw new Error('a constant SQL fragment has parameters');
      return sql.raw(compiled.sql);
    };
    const themes = sql`t.themes`;
    revisionColumns = { changes: compile(createChangesSql(themes)), snapshot: compile(snapshotSql(themes)) };
  }
  return revisionColumns;
}

/** The statement of insertNewEntry. */
export function newEntrySql(actor: Actor, entry: NewEntry, db: Kysely<Database>) {
  const slugs = [...new Set(entry.draft.themes)].sort();
  const themeIds = [...new Set(entry.themeIds)];
  const revision = compiledRevisionColumns(db);
  const columns = entryColumns(entry.draft);
  return sql<EntryRow & { revision_id: string }>`
    WITH e AS (
      INSERT INTO entries (id, ${sql.join(Object.keys(columns).map((c) => sql.ref(c)))},
        created_by, workshop_id, create_hash)
      VALUES (${entry.id}::uuid, ${sql.join(Object.values(columns))},
        ${actor.id}::uuid, ${entry.workshopId}::uuid, ${entry.createHash})
      ON CONFLICT (id) DO NOTHING
      RETURNING *
    ), entry_theme_rows AS (
      INSERT INTO entry_themes (entry_id, theme_id)
      SELECT e.id, theme_id FROM e, unnest(${themeIds}::int[]) AS theme_id
    ), t AS (
      SELECT ${JSON.stringify(slugs)}::jsonb AS themes
    ), revision AS (
      INSERT INTO revisions (entry_id, version, op, changes, snapshot, actor_id, actor_name, workshop_id)
      SELECT e.id, e.version, 'create', ${revision.changes}, ${revision.snapshot},
        ${actor.id}::uuid, ${actor.displayName}, ${entry.workshopId}::uuid
      FROM e, t
      RETURNING id
    )
    SELECT e.id, e.kind, e.name, e.summary, e.description, e.url, e.links, e.street, e.postcode, e.city,
      e.country, e.insee_code, ${asGeoJson<Point>('e.geom')} AS geom, ${asGeoJson<MultiPolygon>('e.area')} AS area,
      e.tags, e.license, e.contact, e.status, e.source, e.source_ref, e.to_locate, e.created_by,
      (SELECT c.display_name FROM contributors c WHERE c.id = e.created_by) AS created_by_name,
      e.workshop_id, e.import_id, e.version, e.created_at, e.updated_at, e.deleted_at,
      ${slugs}::text[] AS themes, NULL AS computed_area,
      (SELECT id FROM revision)::text AS revision_id
    FROM e`;
}
