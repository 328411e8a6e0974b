import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database';

// One snapshot shape for the whole app: the entries API defines it, imports reuse it.
import { type EntrySnapshot, TRACKED_FIELDS } from '../revisions/revision.snapshot';

export { type EntrySnapshot, TRACKED_FIELDS };

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const THEMES_OF_ENTRY = sql`coalesce((SELECT jsonb_agg(t.slug ORDER BY t.slug) FROM entry_themes et
    JOIN themes t ON t.id = et.theme_id WHERE et.entry_id = e.id), '[]'::jsonb)`;

/**
 * An entry's snapshot over `entries e`, built in SQL so a batch of snapshots is one query. `themes` may
 * replace the entry_themes lookup when the caller knows them (a bulk create).
 */
export function snapshotSql(themes: RawBuilder<unknown> = THEMES_OF_ENTRY) {
  return sql<EntrySnapshot>`jsonb_build_object(
  'id', e.id, 'kind', e.kind, 'name', e.name, 'summary', e.summary, 'description', e.description,
  'url', e.url, 'links', e.links, 'street', e.street, 'postcode', e.postcode, 'city', e.city,
  'country', e.country, 'insee_code', e.insee_code,
  'geom', ST_AsGeoJSON(e.geom, 7)::jsonb, 'area', ST_AsGeoJSON(e.area, 7)::jsonb,
  'tags', to_jsonb(e.tags), 'license', e.license, 'contact', e.contact, 'status', e.status,
  'source', e.source, 'source_ref', e.source_ref, 'to_locate', e.to_locate, 'created_by', e.created_by,
  'created_by_name', (SELECT c.display_name FROM contributors c WHERE c.id = e.created_by),
  'workshop_id', e.workshop_id, 'import_id', e.import_id, 'version', e.version,
  'created_at', to_char(e.created_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}),
  'updated_at', to_char(e.updated_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}),
  'deleted_at', to_char(e.deleted_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}),
  'themes', ${themes})`;
}

/** The current snapshot and version of each entry, by id (deleted entries included). */
export async function snapshotsOf(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, { version: number; snapshot: EntrySnapshot }>> {
  const result = new Map<string, { version: number; snapshot: EntrySnapshot }>();
  if (ids.length === 0) return result;
  const { rows } = await sql<{ id: string; version: number; snapshot: EntrySnapshot }>`
    SELECT e.id, e.version, ${snapshotSql()} AS snapshot FROM entries e WHERE e.id = ANY(${ids}::uuid[])`.execute(
    db,
  );
  for (const row of rows) result.set(row.id, { version: row.version, snapshot: row.snapshot });
  return result;
}

/** `{field: [before, after]}` for each tracked field that differs; `before` null means a creation. */
export function diffSnapshots(
  before: EntrySnapshot | null,
  after: EntrySnapshot,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of TRACKED_FIELDS) {
    const a = before ? (before[field] ?? null) : null;
    const b = after[field] ?? null;
    if (before === null && isEmpty(b)) continue;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field] = [a, b];
  }
  return changes;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}
