import { type Insertable, type InsertObject, type Kysely, sql } from 'kysely';
import type { Database, EntryKind, RelationType, RevisionsTable } from '../database';
import { CATALOG, CATALOG_RELATIONS, type CatalogEntry, PLACE_RELATIONS } from './catalog';
import {
  CGET_SOURCE,
  type CgetPlace,
  loadCgetPlaces,
  placeSummary,
  placeTags,
  placeThemes,
} from './cget-places';
import { stableId } from './stable-id';
import { DEFAULT_THEMES, type ThemeSeed } from './themes';

export { DEMO_SOURCES, type DemoSource } from './sources';

/** What a seed inserted; all zero when the database already had data. */
export interface SeedCounts {
  themes: number;
  entries: number;
  relations: number;
}

export const CATALOG_SOURCE = 'atlas-demo';
const ACTOR_NAME = 'démo';
// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters with ~17 columns.
const CHUNK = 500;
// Serializes concurrent first starts (several server processes on one empty database).
const SEED_LOCK = 7_264_010;
// The lock server/features/revisions takes so that revision ids commit in id order (the live feed's cursor).

interface SeedEntry {
  id: string;
  kind: EntryKind;
  name: string;
  summary: string;
  url: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  inseeCode: string | null;
  point: [number, number] | null;
  themes: string[];
  tags: string[];
  license: string | null;
  source: string;
  sourceRef: string;
}

/** True when any theme or entry exists (deleted ones included): the demo is loaded only into an empty atlas. */
export async function hasData(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ has: boolean }>`
    SELECT EXISTS (SELECT 1 FROM themes) OR EXISTS (SELECT 1 FROM entries) AS has`.execute(db);
  return rows[0]?.has === true;
}

/**
 * Loads the demo atlas in one transaction: the theme tree, the CGET places, the catalog's networks and
 * resources, their themes and relations, and a 'create' revision for every entry.
 */
export async function seedDemo(db: Kysely<Database>): Promise<SeedCounts> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    if (await hasData(trx)) return { themes: 0, entries: 0, relations: 0 };

    const themeIds = await insertThemes(trx, DEFAULT_THEMES);
    const entries = [...loadCgetPlaces().map(placeEntry), ...CATALOG.map(catalogEntry)];
    const entryThemes = entries.flatMap((e) =>
      e.themes.map((slug) => ({ entry_id: e.id, theme_id: required(themeIds.get(slug), `theme ${slug}`) })),
    );
    const relations = demoRelations();

    // One timestamp for rows and snapshots, so each snapshot is exactly the row it records.
    const at = new Date().toISOString();
    for (const chunk of chunks(entries)) {
      await trx
        .insertInto('entries')
        .values(chunk.map((e) => entryRow(e, at)))
        .execute();
    }
    for (const chunk of chunks(entryThemes)) await trx.insertInto('entry_themes').values(chunk).execute();
    for (const chunk of chunks(relations)) await trx.insertInto('relations').values(chunk).execute();

    for (const chunk of chunks(entries)) {
      await trx
        .insertInto('revisions')
        .values(chunk.map((e) => revisionRow(e, at)))
        .execute();
    }

    return { themes: themeIds.size, entries: entries.length, relations: relations.length };
  });
}

async function insertThemes(trx: Kysely<Database>, tree: ThemeSeed[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const row = (t: ThemeSeed, position: number, parentId: number | null) => ({
    slug: t.slug,
    parent_id: parentId,
    label_fr: t.labels.fr,
    label_en: t.labels.en,
    color: t.color,
    icon: t.icon,
    position,
  });
  const parents = await trx
    .insertInto('themes')
    .values(tree.map((t, i) => row(t, i, null)))
    .returning(['id', 'slug'])
    .execute();
  for (const p of parents) ids.set(p.slug, p.id);
  const children = tree.flatMap((t) =>
    (t.children ?? []).map((c, i) => row(c, i, required(ids.get(t.slug), `theme ${t.slug}`))),
  );
  if (children.length > 0) {
    const inserted = await trx.insertInto('themes').values(children).returning(['id', 'slug']).execute();
    for (const c of inserted) ids.set(c.slug, c.id);
  }
  return ids;
}

function placeEntry(place: CgetPlace): SeedEntry {
  return {
    id: stableId(`${CGET_SOURCE}:${place.ref}`),
    kind: 'place',
    name: place.name,
    summary: placeSummary(place),
    url: place.web ?? null,
    street: place.street ?? null,
    postcode: place.postcode ?? null,
    city: place.city ?? null,
    country: 'France',
    inseeCode: place.insee ?? null,
    point: [place.lng, place.lat],
    themes: placeThemes(place),
    tags: placeTags(place),
    license: null,
    source: CGET_SOURCE,
    sourceRef: place.ref,
  };
}

function catalogEntry(entry: CatalogEntry): SeedEntry {
  return {
    id: catalogId(entry.slug),
    kind: entry.kind,
    name: entry.name,
    summary: entry.summary,
    url: entry.url,
    street: null,
    postcode: null,
    city: null,
    country: null,
    inseeCode: null,
    point: null,
    themes: entry.themes,
    tags: entry.tags,
    license: entry.license,
    source: CATALOG_SOURCE,
    sourceRef: entry.slug,
  };
}

function catalogId(slug: string): string {
  if (!CATALOG.some((e) => e.slug === slug)) throw new Error(`demo catalog: unknown entry ${slug}`);
  return stableId(`${CATALOG_SOURCE}:${slug}`);
}

function demoRelations(): Insertable<Database['relations']>[] {
  const links: [RelationType, string, string][] = [
    ...CATALOG_RELATIONS.map((r): [RelationType, string, string] => [
      r.type,
      catalogId(r.from),
      catalogId(r.to),
    ]),
    ...PLACE_RELATIONS.map((r): [RelationType, string, string] => [
      r.type,
      stableId(`${CGET_SOURCE}:${r.placeRef}`),
      catalogId(r.to),
    ]),
  ];
  return links.map(([type, from, to]) => ({
    id: stableId(`relation:${type}:${from}:${to}`),
    type,
    from_id: from,
    to_id: to,
  }));
}

function entryRow(e: SeedEntry, at: string): InsertObject<Database, 'entries'> {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    summary: e.summary,
    url: e.url,
    street: e.street,
    postcode: e.postcode,
    city: e.city,
    country: e.country,
    insee_code: e.inseeCode,
    geom: e.point ? sql<string>`ST_SetSRID(ST_MakePoint(${e.point[0]}, ${e.point[1]}), 4326)` : null,
    tags: e.tags,
    license: e.license,
    status: 'published',
    source: e.source,
    source_ref: e.sourceRef,
    created_at: at,
    updated_at: at,
  };
}

/** The entry row as the entries feature records it: columns by name, geometry as GeoJSON, theme slugs. */
function snapshot(e: SeedEntry, at: string): Record<string, unknown> {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    summary: e.summary,
    description: '',
    url: e.url,
    links: [],
    street: e.street,
    postcode: e.postcode,
    city: e.city,
    country: e.country,
    insee_code: e.inseeCode,
    geom: e.point ? { type: 'Point', coordinates: e.point } : null,
    area: null,
    tags: e.tags,
    license: e.license,
    contact: null,
    status: 'published',
    source: e.source,
    source_ref: e.sourceRef,
    to_locate: false,
    created_by: null,
    created_by_name: null,
    workshop_id: null,
    import_id: null,
    version: 1,
    created_at: at,
    updated_at: at,
    deleted_at: null,
    themes: [...e.themes].sort(),
  };
}

function revisionRow(e: SeedEntry, at: string): Insertable<RevisionsTable> {
  return {
    entry_id: e.id,
    version: 1,
    op: 'create',
    changes: '{}',
    snapshot: JSON.stringify(snapshot(e, at)),
    actor_id: null,
    actor_name: ACTOR_NAME,
  };
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: missing ${what}`);
  return value;
}
