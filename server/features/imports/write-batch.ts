import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { NewRevision } from '../revisions/revision.repository';
import { diffSnapshots, type EntrySnapshot, snapshotsOf } from './entry-snapshot';
import type { NormalizedRow } from './mapping-apply';
import { timeOrderedUuid } from './time-ordered-id';

/** Which entry fields the file provides: an update writes those and keeps the others as they are. */
export interface ProvidedFields {
  kind: boolean;
  summary: boolean;
  description: boolean;
  url: boolean;
  address: { street: boolean; postcode: boolean; city: boolean; country: boolean; inseeCode: boolean };
  contact: boolean;
  license: boolean;
  tags: boolean;
  themes: boolean;
  status: boolean;
}

export interface BatchContext {
  importId: string;
  source: string;
  actorId: string | null;
  actorName: string | null;
  provided: ProvidedFields;
}

export interface BatchResult {
  created: string[];
  /** Row number → id of each created entry, so the links a row names can be written from it. */
  createdIds: Map<number, string>;
  /** The created entries with the themes they were given, for their create revisions. */
  createdThemes: Array<{ id: string; themes: string[] }>;
  updated: string[];
  unchanged: number;
  /** Rows another writer got to first (same id or source id created meanwhile). */
  conflicts: number[];
  /** The revisions of updated entries; created ones get theirs from appendBatchRevisions. */
  revisions: NewRevision[];
}

const RECORD_COLUMNS = sql`r(id uuid, kind text, name text, summary text, description text, url text, links jsonb,
  street text, postcode text, city text, country text, insee_code text, lng float8, lat float8, area jsonb,
  tags text[], license text, contact jsonb, status text, source_ref text, to_locate boolean, themes text[],
  themes_changed boolean)`;

/**
 * Writes one batch in the caller's transaction: bulk INSERT … SELECT FROM jsonb_to_recordset for new
 * entries, one bulk UPDATE for changed ones (rows equal to the entry are left alone), their themes, and
 * returns the revisions to append last.
 */
export async function writeBatch(
  trx: Kysely<Database>,
  ctx: BatchContext,
  creates: NormalizedRow[],
  updates: Array<{ row: NormalizedRow; id: string }>,
): Promise<BatchResult> {
  const result: BatchResult = {
    created: [],
    createdIds: new Map(),
    createdThemes: [],
    updated: [],
    unchanged: 0,
    conflicts: [],
    revisions: [],
  };
  if (creates.length > 0) await createEntries(trx, ctx, creates, result);
  if (updates.length > 0) await updateEntries(trx, ctx, updates, result);
  return result;
}

async function createEntries(
  trx: Kysely<Database>,
  ctx: BatchContext,
  rows: NormalizedRow[],
  result: BatchResult,
) {
  const records = rows.map((r) => ({
    ...columnsOf(r),
    id: r.entryId ?? timeOrderedUuid(),
    status: r.status,
    to_locate: r.kind === 'place' && (r.lng === null || r.lat === null),
    themes: r.themes,
    themes_changed: false,
  }));
  // One statement: the batch's JSON is parsed once (a CTE read twice is materialized; as json, which reads
  // a quarter faster than jsonb), the search document is computed in the SELECT rather than by the per-row
  // trigger (migration 0007), and the themes of the rows actually inserted are written from the same rows.
  const inserted = await sql<{ id: string }>`
    WITH r AS (SELECT * FROM json_to_recordset(${JSON.stringify(records)}::json) AS ${RECORD_COLUMNS}),
    created AS (
      INSERT INTO entries (id, kind, name, summary, description, url, links, street, postcode, city, country,
        insee_code, geom, area, tags, license, contact, status, source, source_ref, to_locate, created_by,
        import_id, search)
      SELECT r.id, r.kind, r.name, r.summary, r.description, r.url, coalesce(r.links, '[]'::jsonb), r.street,
        r.postcode, r.city, r.country, r.insee_code,
        CASE WHEN r.lng IS NULL OR r.lat IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) END,
        CASE WHEN r.area IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.area::text), 4326)) END,
        coalesce(r.tags, '{}'), r.license, r.contact, r.status, ${ctx.source}, r.source_ref, r.to_locate,
        ${ctx.actorId}::uuid, ${ctx.importId}::uuid,
        entries_search_document(r.name, coalesce(r.tags, '{}'), r.summary, r.city, r.description)
      FROM r
      ON CONFLICT DO NOTHING
      RETURNING id),
    themed AS (
      INSERT INTO entry_themes (entry_id, theme_id)
      SELECT c.id, t.id FROM created c
      JOIN r ON r.id = c.id
      CROSS JOIN LATERAL unnest(r.themes) AS s(slug)
      JOIN themes t ON t.slug = s.slug
      ON CONFLICT DO NOTHING)
    SELECT id FROM created`.execute(trx);
  const ids = inserted.rows.map((r) => r.id);
  const insertedSet = new Set(ids);
  records.forEach((r, i) => {
    if (insertedSet.has(r.id)) result.createdIds.set(rows[i]!.rowNumber, r.id);
    else result.conflicts.push(rows[i]!.rowNumber);
  });
  if (ids.length === 0) return;
  // Their revisions are built in SQL by appendBatchRevisions.
  result.created.push(...ids);
  for (const r of records)
    if (insertedSet.has(r.id)) result.createdThemes.push({ id: r.id, themes: r.themes });
}

async function updateEntries(
  trx: Kysely<Database>,
  ctx: BatchContext,
  updates: Array<{ row: NormalizedRow; id: string }>,
  result: BatchResult,
) {
  const ids = updates.map((u) => u.id);
  await sql`SELECT id FROM entries WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`.execute(trx);
  const before = await snapshotsOf(trx, ids);
  const records = updates.flatMap(({ row, id }) => {
    const current = before.get(id);
    return current ? [mergeForUpdate(row, id, current.snapshot, ctx.provided)] : [];
  });
  const json = JSON.stringify(records);
  const changed = await sql<{ id: string }>`
    UPDATE entries e SET kind = r.kind, name = r.name, summary = r.summary, description = r.description,
      url = r.url, links = r.links, street = r.street, postcode = r.postcode, city = r.city, country = r.country,
      insee_code = r.insee_code,
      geom = CASE WHEN r.lng IS NULL OR r.lat IS NULL THEN e.geom ELSE ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) END,
      to_locate = CASE WHEN r.lng IS NULL OR r.lat IS NULL THEN e.to_locate ELSE false END,
      area = CASE WHEN r.area IS NULL THEN e.area ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.area::text), 4326)) END,
      tags = r.tags, license = r.license, contact = r.contact,
      status = CASE WHEN r.status IS NOT NULL THEN r.status
        WHEN e.status = 'archived' AND e.source = ${ctx.source} THEN 'published' ELSE e.status END,
      version = e.version + 1, updated_at = now()
    FROM jsonb_to_recordset(${json}::jsonb) AS ${RECORD_COLUMNS}
    WHERE e.id = r.id AND (r.themes_changed
      OR (e.kind, e.name, e.summary, e.description, e.url, e.links, e.street, e.postcode, e.city, e.country,
          e.insee_code, e.tags, e.license, e.contact)
        IS DISTINCT FROM (r.kind, r.name, r.summary, r.description, r.url, r.links, r.street, r.postcode, r.city,
          r.country, r.insee_code, r.tags, r.license, r.contact)
      OR (r.lng IS NOT NULL AND r.lat IS NOT NULL
        AND e.geom IS DISTINCT FROM ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326))
      OR (r.area IS NOT NULL AND e.area IS NULL)
      OR (r.status IS NOT NULL AND r.status <> e.status)
      OR (r.status IS NULL AND e.status = 'archived' AND e.source = ${ctx.source}))
    RETURNING e.id`.execute(trx);
  const changedIds = changed.rows.map((r) => r.id);
  result.unchanged += records.length - changedIds.length;
  if (changedIds.length === 0) return;
  const themed = records.filter((r) => r.themes_changed).map((r) => r.id);
  if (themed.length > 0) {
    await sql`DELETE FROM entry_themes WHERE entry_id = ANY(${themed}::uuid[])`.execute(trx);
    await insertThemes(
      trx,
      records.filter((r) => r.themes_changed),
    );
  }
  const after = await snapshotsOf(trx, changedIds);
  for (const id of changedIds) {
    const a = after.get(id);
    const b = before.get(id);
    if (!a || !b) continue;
    result.updated.push(id);
    result.revisions.push(
      revision(ctx, id, a.version, 'update', diffSnapshots(b.snapshot, a.snapshot), a.snapshot),
    );
  }
}

async function insertThemes(trx: Kysely<Database>, records: Array<{ id: string; themes: string[] }>) {
  const themed = records.filter((r) => r.themes.length > 0).map((r) => ({ id: r.id, themes: r.themes }));
  if (themed.length === 0) return;
  await sql`
    INSERT INTO entry_themes (entry_id, theme_id)
    SELECT r.id, t.id
    FROM jsonb_to_recordset(${JSON.stringify(themed)}::jsonb) AS r(id uuid, themes text[])
    CROSS JOIN LATERAL unnest(r.themes) AS s(slug)
    JOIN themes t ON t.slug = s.slug
    ON CONFLICT DO NOTHING`.execute(trx);
}

function columnsOf(r: NormalizedRow) {
  return {
    kind: r.kind,
    name: r.name,
    summary: r.summary,
    description: r.description,
    url: r.url,
    links: r.links,
    street: r.street,
    postcode: r.postcode,
    city: r.city,
    country: r.country,
    insee_code: r.inseeCode,
    lng: r.lng,
    lat: r.lat,
    area: r.area,
    tags: r.tags,
    license: r.license,
    contact: r.contact,
    source_ref: r.sourceRef,
  };
}

/** The row's provided fields over the entry's current values: what the entry becomes. */
function mergeForUpdate(row: NormalizedRow, id: string, current: EntrySnapshot, provided: ProvidedFields) {
  const keep = <T>(use: boolean, value: T, old: unknown): T => (use ? value : (old as T));
  const themes = row.themes.slice().sort();
  const currentThemes = ((current.themes as string[] | undefined) ?? []).slice().sort();
  return {
    id,
    kind: keep(provided.kind, row.kind, current.kind),
    name: row.name,
    summary: keep(provided.summary, row.summary, current.summary),
    description: keep(provided.description, row.description, current.description),
    url: keep(provided.url, row.url, current.url),
    links: row.links.length > 0 ? row.links : current.links,
    street: keep(provided.address.street, row.street, current.street),
    postcode: keep(provided.address.postcode, row.postcode, current.postcode),
    city: keep(provided.address.city, row.city, current.city),
    country: keep(provided.address.country, row.country, current.country),
    insee_code: keep(provided.address.inseeCode, row.inseeCode, current.insee_code),
    lng: row.lng,
    lat: row.lat,
    area: row.area,
    tags: keep(provided.tags, row.tags, current.tags),
    license: keep(provided.license, row.license, current.license),
    contact: keep(provided.contact, row.contact, current.contact),
    status: provided.status ? row.status : null,
    source_ref: current.source_ref,
    to_locate: false,
    themes,
    themes_changed: provided.themes && JSON.stringify(themes) !== JSON.stringify(currentThemes),
  };
}

export function revision(
  ctx: BatchContext,
  entryId: string,
  version: number,
  op: NewRevision['op'],
  changes: Record<string, unknown>,
  snapshot: EntrySnapshot,
): NewRevision {
  return {
    entryId,
    version,
    op,
    changes,
    snapshot,
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    importId: ctx.importId,
  };
}
