import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database, EntryStatus } from '../../../db/database';

/** An entry row as stored in a revision's `snapshot`: the table's columns, geometries as GeoJSON, theme slugs. */
export type EntrySnapshot = Record<string, unknown> & { id: string; status: string; version: number };

/**
 * Reads entries in the shape a revision snapshot stores. Call it inside the writing transaction, after the
 * change, so the snapshot is exactly what the revision recorded.
 */
export async function readEntrySnapshots(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<EntrySnapshot[]> {
  if (ids.length === 0) return [];
  return selectSnapshots(db, sql`e.id = ANY(${sql.val(ids)}::uuid[])`, sql`e.id`);
}

/** The live (not deleted) entries a workshop produced, oldest first. */
export async function readWorkshopEntries(
  db: Kysely<Database>,
  workshopId: string,
  statuses: readonly EntryStatus[],
): Promise<EntrySnapshot[]> {
  return selectSnapshots(
    db,
    sql`e.workshop_id = ${workshopId} AND e.deleted_at IS NULL AND e.status = ANY(${sql.val(statuses)}::text[])`,
    sql`e.created_at, e.id`,
  );
}

async function selectSnapshots(
  db: Kysely<Database>,
  where: RawBuilder<unknown>,
  orderBy: RawBuilder<unknown>,
): Promise<EntrySnapshot[]> {
  const { rows } = await sql<EntrySnapshot>`
    SELECT e.id, e.kind, e.name, e.summary, e.description, e.url, e.links, e.street, e.postcode, e.city,
      e.country, e.insee_code, ST_AsGeoJSON(e.geom)::json AS geom, ST_AsGeoJSON(e.area)::json AS area, e.tags,
      e.license, e.contact, e.status, e.source, e.source_ref, e.to_locate, e.created_by,
      c.display_name AS created_by_name, e.workshop_id, e.import_id, e.version, e.created_at, e.updated_at,
      e.deleted_at,
      coalesce((SELECT array_agg(t.slug ORDER BY t.slug) FROM entry_themes et JOIN themes t ON t.id = et.theme_id
        WHERE et.entry_id = e.id), '{}') AS themes
    FROM entries e LEFT JOIN contributors c ON c.id = e.created_by
    WHERE ${where}
    ORDER BY ${orderBy}`.execute(db);
  // Dates travel as ISO strings in JSON snapshots, as they would after a round trip through jsonb.
  return rows.map((row) => JSON.parse(JSON.stringify(row)) as EntrySnapshot);
}
