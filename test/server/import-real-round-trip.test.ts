import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { atlasWithThemes, emptyAtlas, importBytes, realFile, THEMES } from './import-real-files.helpers';
import { stable } from './import-real-round-trip.helpers';

// An atlas made of real files, exported in every format, each export imported into a fresh atlas and
// exported again: the entries come back with what the format can carry (ids, geometry, themes,
// relations), and a second export equals the first.

interface Feature {
  id: string;
  geometry: { coordinates: [number, number] } | null;
  properties: Record<string, unknown> & {
    kind: string;
    relations: Record<string, Array<{ id: string }>> & { memberOf: Array<{ id: string }> };
    links: Array<{ url: string; label?: string }>;
  };
}

const NETWORK = '6f1c7a52-0d5e-4c55-9d0e-1a2b3c4d5e6f';
const RESOURCE = '7a2d8b63-1e6f-4d66-8e1f-2b3c4d5e6f70';

async function get(t: TestApp, url: string) {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

async function features(t: TestApp): Promise<Feature[]> {
  return (await get(t, '/api/export.geojson')).json().features as Feature[];
}

/** An atlas of real files, plus a network with a territory, a resource and relations between them. */
async function realAtlas(): Promise<TestApp> {
  const t = await atlasWithThemes();
  for (const file of [
    'gogocartojs_elements.json',
    'lamednum_exemple-valide.csv',
    'mednum-cli_aix-en-provence.json',
    'umap_test_upload_data_with_iconurl.umap',
    'mednum-cli_maine-et-loire_excerpt.json',
    'umap_test_upload_empty_coordinates.json',
  ]) {
    const record = await importBytes(t, realFile(file), { sourceName: file });
    expect(record.status, file).toBe('done');
  }
  const db = t.app.db;
  await sql`INSERT INTO entries (id, kind, name, summary, url, geom, area, tags, status)
    VALUES (${NETWORK}, 'network', 'Réseau des lieux d’Anjou', 'Un réseau régional', 'https://reseau.example.org',
      ST_SetSRID(ST_MakePoint(-0.55, 47.47), 4326),
      ST_Multi(ST_GeomFromText('POLYGON((-1.3 47, 0.2 47, 0.2 47.8, -1.3 47.8, -1.3 47))', 4326)), '{}', 'published'),
    (${RESOURCE}, 'resource', 'HedgeDoc', 'Éditeur collaboratif', 'https://hedgedoc.org', NULL, NULL,
      '{markdown,-découpe}', 'published')`.execute(db);
  await sql`UPDATE entries SET license = 'AGPL-3.0' WHERE id = ${RESOURCE}`.execute(db);
  await sql`INSERT INTO entry_themes (entry_id, theme_id)
    SELECT ${NETWORK}::uuid, id FROM themes WHERE slug IN ('tiers-lieux', 'mediation-numerique')`.execute(db);
  // Places of Maine-et-Loire belong to the network; two of them use the resource and are partners.
  await sql`INSERT INTO relations (id, type, from_id, to_id)
    SELECT gen_random_uuid(), 'member_of', id, ${NETWORK}::uuid FROM entries
      WHERE source = 'mednum-cli_maine-et-loire_excerpt.json' AND kind = 'place'`.execute(db);
  await sql`WITH two AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM entries
      WHERE source = 'gogocartojs_elements.json' ORDER BY name LIMIT 2)
    INSERT INTO relations (id, type, from_id, to_id)
    SELECT gen_random_uuid(), 'uses', id, ${RESOURCE}::uuid FROM two
    UNION ALL SELECT gen_random_uuid(), 'partner_of', a.id, b.id FROM two a, two b WHERE a.n = 1 AND b.n = 2`.execute(
    db,
  );
  // A link with a label, and a text that a spreadsheet would take for a formula.
  await sql`UPDATE entries SET links = '[{"url": "https://mastodon.example/@ruche", "label": "mastodon"}]'::jsonb,
    name = '=Ruche' WHERE source = 'gogocartojs_elements.json' AND name = 'La Ruche de Chenay'`.execute(db);
  return t;
}

type Field = 'geometry' | 'address' | 'themes' | 'tags' | 'relations' | 'text' | 'links' | 'area' | 'kind';

/** What a format carries of each entry, comparable between two atlases. */
function shape(list: Feature[], fields: Field[], keep: (f: Feature) => boolean = () => true) {
  const ids = new Set(list.filter(keep).map((f) => f.id));
  return list
    .filter((f) => ids.has(f.id))
    .map((f) => {
      const p = f.properties;
      const out: Record<string, unknown> = { id: f.id, name: p.name };
      if (fields.includes('kind')) out.kind = p.kind;
      if (fields.includes('geometry')) out.geometry = f.geometry;
      if (fields.includes('text'))
        Object.assign(out, { summary: p.summary, description: p.description, url: p.url });
      if (fields.includes('links')) out.links = p.links.map((l) => l.url);
      if (fields.includes('address')) out.address = p.address;
      if (fields.includes('themes')) out.themes = p.themes;
      if (fields.includes('tags')) out.tags = p.tags;
      if (fields.includes('area')) out.area = p.area;
      if (fields.includes('relations')) {
        out.relations = Object.fromEntries(
          Object.entries(p.relations).map(([type, targets]) => [
            type,
            targets.map((x) => x.id).filter((id) => ids.has(id)),
          ]),
        );
      }
      return out;
    })
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

const ALL: Field[] = ['kind', 'geometry', 'text', 'links', 'address', 'themes', 'tags', 'relations'];

describe('round trip of an atlas of real files through every export', () => {
  let source: TestApp;
  let before: Feature[];
  beforeAll(async () => {
    source = await realAtlas();
    before = await features(source);
  }, 120_000);
  afterAll(async () => {
    await source.close();
  });

  async function roundTrip(url: string) {
    const first = await get(source, url);
    const target = await atlasWithThemes();
    try {
      const record = await importBytes(target, first.rawPayload, { sourceName: 'round-trip' });
      expect(record.status).toBe('done');
      expect(record.report.rejected).toEqual([]);
      const after = await features(target);
      const second = await get(target, url);
      return { record, after, first: first.body, second: second.body };
    } finally {
      await target.close();
    }
  }

  it('has an atlas to export: real places, some to locate, a network, a resource, relations', () => {
    expect(before.length).toBeGreaterThan(70);
    expect(before.filter((f) => f.geometry === null).length).toBeGreaterThanOrEqual(4);
    expect(before.filter((f) => f.properties.relations.memberOf.length > 0)).toHaveLength(25);
  });

  it('GeoJSON: every entry and everything about it', async () => {
    const { record, after, first, second } = await roundTrip('/api/export.geojson');
    expect(record.counts).toMatchObject({ read: before.length, created: before.length, duplicate: 0 });
    expect(shape(after, [...ALL, 'area'])).toEqual(shape(before, [...ALL, 'area']));
    expect(after.find((f) => f.properties.name === '=Ruche')?.properties.links).toEqual([
      { url: 'https://mastodon.example/@ruche', label: 'mastodon' },
    ]);
    expect(stable(second, 'geojson')).toEqual(stable(first, 'geojson'));
  });

  it('CSV: every entry, with its relations, and the neutralized cells read back as written', async () => {
    const { record, after, first, second } = await roundTrip('/api/export.csv');
    expect(record.counts).toMatchObject({ read: before.length, created: before.length, duplicate: 0 });
    expect(shape(after, ALL)).toEqual(shape(before, ALL));
    expect(after.find((f) => f.id === RESOURCE)?.properties.tags).toEqual(['markdown', '-découpe']);
    expect(stable(second, 'csv')).toEqual(stable(first, 'csv'));
  });

  it('GoGoCarto JSON: the located entries, with their themes and relations', async () => {
    const located = (f: Feature) => f.geometry !== null;
    const { record, after, first, second } = await roundTrip('/api/export.gogocarto.json');
    expect(record.counts).toMatchObject({ read: before.filter(located).length, duplicate: 0 });
    expect(shape(after, ALL)).toEqual(shape(before, ALL, located));
    expect(stable(second, 'gogocarto')).toEqual(stable(first, 'gogocarto'));
  });

  it('GoGoCarto JSON carries the theme definitions, so an atlas without them gets them', async () => {
    const file = await get(source, '/api/export.gogocarto.json');
    const empty = await emptyAtlas();
    try {
      const record = await importBytes(empty, file.rawPayload, { sourceName: 'gogo-themes' });
      expect(record.status).toBe('done');
      const slugs = await empty.app.db.selectFrom('themes').select('slug').orderBy('slug').execute();
      expect(slugs.map((s) => s.slug)).toEqual(THEMES.map((th) => th.slug).sort());
      const themed = (list: Feature[]) =>
        list.filter((f) => (f.properties.themes as string[]).length > 0).length;
      expect(themed(await features(empty))).toBe(themed(before.filter((f) => f.geometry !== null)));
    } finally {
      await empty.close();
    }
  });

  it('médiation numérique CSV: the places, their ids, position, texts and links', async () => {
    const place = (f: Feature) => f.properties.kind === 'place';
    const { record, after, first, second } = await roundTrip('/api/export.mednum.csv');
    expect(record.counts).toMatchObject({ read: before.filter(place).length, duplicate: 0 });
    const fields: Field[] = ['geometry', 'text', 'links'];
    expect(shape(after, fields)).toEqual(shape(before, fields, place));
    expect(stable(second, 'mednum')).toEqual(stable(first, 'mednum'));
  });

  it('JSON-LD: every entry, its kind, themes and memberships', async () => {
    const { record, after, first, second } = await roundTrip('/api/export.jsonld');
    expect(record.counts).toMatchObject({ read: before.length, created: before.length, duplicate: 0 });
    const fields: Field[] = ['kind', 'geometry', 'text', 'links', 'themes', 'tags'];
    expect(shape(after, fields)).toEqual(shape(before, fields));
    const memberships = (list: Feature[]) =>
      list.flatMap((f) => f.properties.relations.memberOf.map((m) => `${f.id}>${m.id}`)).sort();
    expect(memberships(after)).toEqual(memberships(before));
    expect(stable(second, 'jsonld')).toEqual(stable(first, 'jsonld'));
  });
});
