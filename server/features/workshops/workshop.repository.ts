import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, Role } from '../../../db/database';
import type { WorkshopInput } from '../../contract/workshop';
import { newJoinCode } from './join-code';

/** A workshop row with its area as GeoJSON. */
export interface WorkshopRow {
  id: string;
  code: string;
  title: string;
  description: string;
  starts_at: Date | null;
  ends_at: Date | null;
  policy: 'open' | 'review';
  area: unknown;
  default_themes: string[];
  status: 'open' | 'closed';
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export async function findWorkshopByCode(
  db: Kysely<Database>,
  code: string,
): Promise<WorkshopRow | undefined> {
  return selectWorkshops(db).where('w.code', '=', code).executeTakeFirst();
}

export async function findWorkshopById(db: Kysely<Database>, id: string): Promise<WorkshopRow | undefined> {
  return selectWorkshops(db).where('w.id', '=', id).executeTakeFirst();
}

/** The newest workshops; for a facilitator, only those they created or were given a token for. */
export async function listWorkshops(
  db: Kysely<Database>,
  scope: { createdBy: string; workshopId: string | null } | null,
  limit: number,
): Promise<WorkshopRow[]> {
  let query = selectWorkshops(db);
  if (scope) {
    const { createdBy, workshopId } = scope;
    query = query.where((eb) =>
      eb.or([eb('w.created_by', '=', createdBy), ...(workshopId ? [eb('w.id', '=', workshopId)] : [])]),
    );
  }
  return query.orderBy('w.created_at', 'desc').orderBy('w.id').limit(limit).execute();
}

function selectWorkshops(db: Kysely<Database>) {
  return db
    .selectFrom('workshops as w')
    .leftJoin('contributors as c', 'c.id', 'w.created_by')
    .select([
      'w.id',
      'w.code',
      'w.title',
      'w.description',
      'w.starts_at',
      'w.ends_at',
      'w.policy',
      sql<unknown>`ST_AsGeoJSON(w.area)::json`.as('area'),
      'w.default_themes',
      'w.status',
      'w.created_by',
      'c.display_name as created_by_name',
      'w.created_at',
    ]);
}

/** Theme slugs among `slugs` that do not exist. */
export async function unknownThemes(db: Kysely<Database>, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await db.selectFrom('themes').select('slug').where('slug', 'in', slugs).execute();
  const known = new Set(rows.map((r) => r.slug));
  return slugs.filter((s) => !known.has(s));
}

/** Whether a GeoJSON polygon is valid for PostGIS (no self-intersection, closed rings). */
export async function isValidArea(
  db: Kysely<Database>,
  area: object,
): Promise<{ valid: boolean; reason: string }> {
  const { rows } = await sql<{ valid: boolean; reason: string }>`
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
    FROM (SELECT ST_GeomFromGeoJSON(${JSON.stringify(area)}) AS g) s`.execute(db);
  return rows[0] ?? { valid: false, reason: 'unreadable geometry' };
}

/** Inserts a workshop with a fresh join code, drawing another code on the rare collision. */
export async function insertWorkshop(
  db: Kysely<Database>,
  input: WorkshopInput,
  createdBy: string,
): Promise<WorkshopRow> {
  const id = randomUUID();
  for (let attempt = 0; ; attempt += 1) {
    const code = newJoinCode();
    const inserted = await db
      .insertInto('workshops')
      .values({
        id,
        code,
        title: input.title.trim(),
        description: input.description ?? '',
        starts_at: input.startsAt ? new Date(input.startsAt) : null,
        ends_at: input.endsAt ? new Date(input.endsAt) : null,
        policy: input.policy ?? 'open',
        area: input.area
          ? sql<string>`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(input.area)}), 4326))`
          : null,
        default_themes: input.defaultThemes ?? [],
        created_by: createdBy,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) break;
    if (attempt >= 20) throw new Error('could not draw a free join code');
  }
  const row = await findWorkshopById(db, id);
  if (!row) throw new Error('the workshop just inserted is missing');
  return row;
}

/** Sets the status; returns false when it already was that. */
export async function setWorkshopStatus(
  db: Kysely<Database>,
  id: string,
  status: 'open' | 'closed',
): Promise<boolean> {
  const result = await db
    .updateTable('workshops')
    .set({ status, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '<>', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface WorkshopCountsRow {
  published: number;
  pending: number;
  rejected: number;
  contributions: number;
  participants: number;
}

export async function workshopCounts(db: Kysely<Database>, id: string): Promise<WorkshopCountsRow> {
  const { rows } = await sql<Record<keyof WorkshopCountsRow, string>>`
    SELECT
      count(*) FILTER (WHERE status = 'published') AS published,
      count(*) FILTER (WHERE status = 'pending') AS pending,
      count(*) FILTER (WHERE status = 'rejected') AS rejected,
      count(*) AS contributions,
      (SELECT count(*) FROM contributors WHERE workshop_id = ${id} AND role = 'contributor') AS participants
    FROM entries WHERE workshop_id = ${id} AND deleted_at IS NULL`.execute(db);
  const r = rows[0];
  return {
    published: Number(r?.published ?? 0),
    pending: Number(r?.pending ?? 0),
    rejected: Number(r?.rejected ?? 0),
    contributions: Number(r?.contributions ?? 0),
    participants: Number(r?.participants ?? 0),
  };
}

export async function workshopParticipants(db: Kysely<Database>, id: string, limit = 1_000) {
  return db
    .selectFrom('contributors')
    .select(['id', 'display_name', 'created_at'])
    .where('workshop_id', '=', id)
    .where('role', '=', 'contributor')
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** A contributor (or facilitator) bound to the workshop; only the hash of its token is stored. */
export async function insertWorkshopMember(
  db: Kysely<Database>,
  member: { workshopId: string; displayName: string; role: Role; tokenHash: string },
): Promise<{ id: string }> {
  const id = randomUUID();
  await db
    .insertInto('contributors')
    .values({
      id,
      display_name: member.displayName,
      role: member.role,
      token_hash: member.tokenHash,
      workshop_id: member.workshopId,
    })
    .execute();
  return { id };
}
