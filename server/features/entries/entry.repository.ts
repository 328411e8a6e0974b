import { type Kysely, sql } from 'kysely';
import type { Database, EntryLink } from '../../../db/database';
import { asGeoJson, fromGeoJson, multiPolygonFromGeoJson } from '../../../db/postgis';
import type { EntryKind, EntryStatus } from '../../contract/entry';
import type { MultiPolygon, Point } from '../../contract/geojson';
import type { EntryDraft } from './entry.draft';

/** An entry as read from the database: the table's columns, geometries as GeoJSON, theme slugs. */
export interface EntryRow {
  id: string;
  kind: EntryKind;
  name: string;
  summary: string;
  description: string;
  url: string | null;
  links: EntryLink[];
  street: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  insee_code: string | null;
  geom: Point | null;
  area: MultiPolygon | null;
  tags: string[];
  license: string | null;
  contact: Record<string, string> | null;
  status: EntryStatus;
  source: string | null;
  source_ref: string | null;
  to_locate: boolean;
  created_by: string | null;
  created_by_name: string | null;
  workshop_id: string | null;
  import_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  themes: string[];
  /** A network's territory computed from its members when none is drawn. */
  computed_area?: MultiPolygon | null;
}

/**
 * The select of an entry row; `withTerritory` adds the computed territory of networks without one. Lists
 * pass `withThemes: false` and read the themes of the whole page at once (themesOf): a subquery per row
 * costs more than the rest of the row.
 */
export function selectEntries(db: Kysely<Database>, withTerritory = false, withThemes = true) {
  return db
    .selectFrom('entries as e')
    .leftJoin('contributors as c', 'c.id', 'e.created_by')
    .select([
      'e.id',
      'e.kind',
      'e.name',
      'e.summary',
      'e.description',
      'e.url',
      'e.links',
      'e.street',
      'e.postcode',
      'e.city',
      'e.country',
      'e.insee_code',
      asGeoJson<Point>('e.geom').as('geom'),
      asGeoJson<MultiPolygon>('e.area').as('area'),
      'e.tags',
      'e.license',
      'e.contact',
      'e.status',
      'e.source',
      'e.source_ref',
      'e.to_locate',
      'e.created_by',
      'c.display_name as created_by_name',
      'e.workshop_id',
      'e.import_id',
      'e.version',
      'e.created_at',
      'e.updated_at',
      'e.deleted_at',
      (withThemes
        ? sql<string[]>`coalesce((SELECT array_agg(t.slug ORDER BY t.slug) FROM entry_themes et
            JOIN themes t ON t.id = et.theme_id WHERE et.entry_id = e.id), '{}')`
        : sql<string[]>`'{}'::text[]`
      ).as('themes'),
      (withTerritory ? computedTerritory() : sql<null>`NULL`).as('computed_area'),
    ]);
}

// The stored territory of a network without a drawn one (kept current by triggers, migration 0006).
function computedTerritory() {
  return sql<MultiPolygon | null>`CASE WHEN e.kind = 'network' AND e.area IS NULL THEN (
    SELECT ${asGeoJson('nt.area')} FROM network_territories nt WHERE nt.network_id = e.id) END`;
}

export async function readEntry(
  db: Kysely<Database>,
  id: string,
  withTerritory = true,
): Promise<EntryRow | undefined> {
  return (await selectEntries(db, withTerritory).where('e.id', '=', id).executeTakeFirst()) as
    | EntryRow
    | undefined;
}

/** The facts a write checks before changing an entry, with its row locked until the transaction ends. */
export async function lockEntry(trx: Kysely<Database>, id: string) {
  return trx
    .selectFrom('entries')
    .select(['id', 'version', 'deleted_at', 'created_by', 'status', 'kind', 'create_hash'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A draft as the entries table's columns, for an INSERT or UPDATE. */
export function entryColumns(draft: EntryDraft) {
  return {
    kind: draft.kind,
    name: draft.name,
    summary: draft.summary,
    description: draft.description,
    url: draft.url,
    links: JSON.stringify(draft.links),
    street: draft.address.street,
    postcode: draft.address.postcode,
    city: draft.address.city,
    country: draft.address.country,
    insee_code: draft.address.inseeCode,
    geom: draft.geom ? fromGeoJson(draft.geom) : null,
    area: draft.area ? multiPolygonFromGeoJson(draft.area) : null,
    tags: draft.tags,
    license: draft.license,
    contact: draft.contact ? JSON.stringify(draft.contact) : sql<string>`NULL`,
    status: draft.status,
    to_locate: draft.toLocate,
  };
}

/** Writes a draft over version `version`; false when the entry is at another version (the database decides). */
export async function updateEntry(
  trx: Kysely<Database>,
  id: string,
  version: number,
  change: { draft?: EntryDraft; deleted?: boolean },
): Promise<boolean> {
  const result = await trx
    .updateTable('entries')
    .set({
      ...(change.draft ? entryColumns(change.draft) : {}),
      ...(change.deleted === undefined ? {} : { deleted_at: change.deleted ? sql<Date>`now()` : null }),
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Replaces an entry's themes. */
export async function setEntryThemes(trx: Kysely<Database>, entryId: string, themeIds: readonly number[]) {
  await trx.deleteFrom('entry_themes').where('entry_id', '=', entryId).execute();
  if (themeIds.length === 0) return;
  await trx
    .insertInto('entry_themes')
    .values(themeIds.map((theme_id) => ({ entry_id: entryId, theme_id })))
    .execute();
}

/** The theme slugs of each of `ids`, sorted, in one query. */
export async function themesOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string[]>> {
  const themes = new Map<string, string[]>();
  if (ids.length === 0) return themes;
  const rows = await db
    .selectFrom('entry_themes as et')
    .innerJoin('themes as t', 't.id', 'et.theme_id')
    .select(['et.entry_id', 't.slug'])
    .where('et.entry_id', 'in', [...ids])
    .orderBy('t.slug')
    .execute();
  for (const row of rows) themes.set(row.entry_id, [...(themes.get(row.entry_id) ?? []), row.slug]);
  return themes;
}

/** Theme ids by slug, for the slugs that exist. */
export async function themeIdsBySlug(
  db: Kysely<Database>,
  slugs: readonly string[],
): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .selectFrom('themes')
    .select(['id', 'slug'])
    .where('slug', 'in', [...slugs])
    .execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** How many relations an entry has, either way. */
export async function countRelations(db: Kysely<Database>, entryId: string): Promise<number> {
  const row = await db
    .selectFrom('relations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => eb.or([eb('from_id', '=', entryId), eb('to_id', '=', entryId)]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
