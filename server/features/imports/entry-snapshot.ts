import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';

/** An entry's state as revisions record it: the API's properties, with the geometry and the source id. */
export type EntrySnapshot = Record<string, unknown>;

// Built in SQL so a batch of snapshots is one query; keys follow the API's entry properties.
const SNAPSHOT = sql<EntrySnapshot>`jsonb_build_object(
  'kind', e.kind, 'name', e.name, 'summary', e.summary, 'description', e.description, 'url', e.url,
  'links', e.links,
  'address', jsonb_build_object('street', e.street, 'postcode', e.postcode, 'city', e.city,
    'country', e.country, 'inseeCode', e.insee_code),
  'geometry', ST_AsGeoJSON(e.geom, 7)::jsonb,
  'area', ST_AsGeoJSON(e.area, 7)::jsonb,
  'themes', coalesce((SELECT jsonb_agg(t.slug ORDER BY t.slug) FROM entry_themes et
    JOIN themes t ON t.id = et.theme_id WHERE et.entry_id = e.id), '[]'::jsonb),
  'tags', to_jsonb(e.tags), 'license', e.license, 'contact', e.contact, 'status', e.status,
  'source', e.source, 'sourceRef', e.source_ref, 'toLocate', e.to_locate, 'workshopId', e.workshop_id,
  'deleted', e.deleted_at IS NOT NULL)`;

/** The current snapshot and version of each entry, by id (deleted entries included). */
export async function snapshotsOf(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, { version: number; snapshot: EntrySnapshot }>> {
  const result = new Map<string, { version: number; snapshot: EntrySnapshot }>();
  if (ids.length === 0) return result;
  const { rows } = await sql<{ id: string; version: number; snapshot: EntrySnapshot }>`
    SELECT e.id, e.version, ${SNAPSHOT} AS snapshot FROM entries e WHERE e.id = ANY(${ids}::uuid[])`.execute(
    db,
  );
  for (const row of rows) result.set(row.id, { version: row.version, snapshot: row.snapshot });
  return result;
}

/** `{field: [before, after]}` for every top-level field that differs. */
export function diffSnapshots(
  before: EntrySnapshot,
  after: EntrySnapshot,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      changes[key] = [before[key] ?? null, after[key] ?? null];
    }
  }
  return changes;
}
