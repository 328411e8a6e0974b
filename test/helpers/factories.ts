import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/database';
import { hashToken, newToken } from '../../server/features/auth/tokens';

/** A contributor row with a fresh token; `auth` is the header to send. */
export interface TestContributor {
  id: string;
  token: string;
  auth: { authorization: string };
}

export async function createContributor(
  db: Kysely<Database>,
  options: { role?: Role; workshopId?: string | null; displayName?: string } = {},
): Promise<TestContributor> {
  const id = randomUUID();
  const token = newToken();
  await db
    .insertInto('contributors')
    .values({
      id,
      display_name: options.displayName ?? `contributor ${id.slice(0, 6)}`,
      role: options.role ?? 'contributor',
      token_hash: hashToken(token),
      workshop_id: options.workshopId ?? null,
    })
    .execute();
  return { id, token, auth: { authorization: `Bearer ${token}` } };
}

/** A workshop row (open policy and status unless told). */
export async function createWorkshop(
  db: Kysely<Database>,
  options: { policy?: 'open' | 'review'; status?: 'open' | 'closed'; code?: string } = {},
): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const code = options.code ?? `W${id.slice(0, 6).toUpperCase()}`;
  await db
    .insertInto('workshops')
    .values({
      id,
      code,
      title: `Atelier ${code}`,
      policy: options.policy ?? 'open',
      status: options.status ?? 'open',
    })
    .execute();
  return { id, code };
}

/** A theme row; `parent` is the slug of an existing top-level theme. */
export async function createTheme(db: Kysely<Database>, slug: string, parent?: string): Promise<number> {
  const parentId = parent
    ? (await db.selectFrom('themes').select('id').where('slug', '=', parent).executeTakeFirstOrThrow()).id
    : null;
  const row = await db
    .insertInto('themes')
    .values({ slug, parent_id: parentId, label_fr: slug, label_en: slug })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type Properties = Record<string, unknown>;

/** A POST /api/entries body for a place at `[lng, lat]`. */
export function placeFeature(properties: Properties = {}, coordinates: [number, number] = [2.3522, 48.8566]) {
  return {
    type: 'Feature',
    id: randomUUID(),
    geometry: { type: 'Point', coordinates },
    properties: { kind: 'place', name: 'Tiers-lieu de test', ...properties },
  };
}

/** A POST /api/entries body for a network (no seat unless given). */
export function networkFeature(properties: Properties = {}, coordinates: [number, number] | null = null) {
  return {
    type: 'Feature',
    id: randomUUID(),
    geometry: coordinates ? { type: 'Point', coordinates } : null,
    properties: { kind: 'network', name: 'Réseau de test', ...properties },
  };
}

/** A POST /api/entries body for a resource (no geometry). */
export function resourceFeature(properties: Properties = {}) {
  return {
    type: 'Feature',
    id: randomUUID(),
    geometry: null,
    properties: { kind: 'resource', name: 'Ressource de test', ...properties },
  };
}

/** Config overrides for suites that write a lot: abuse limits off (they have their own tests). */
export const withoutRateLimits = {
  rateLimits: {
    readsPerAddress: 0,
    writesPerAddress: 0,
    writesPerToken: 0,
    importsPerToken: 0,
    importPreviewsPerToken: 0,
    loginsPerAddress: 0,
    reportsPerAddress: 0,
    liveConnectionsPerAddress: 0,
  },
};
