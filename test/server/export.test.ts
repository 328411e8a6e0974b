import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../server/contract/import';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { withoutRateLimits } from '../helpers/factories';

const ID = {
  fablab: '11111111-1111-4111-8111-111111111111',
  cowork: '22222222-2222-4222-8222-222222222222',
  network: '33333333-3333-4333-8333-333333333333',
  resource: '44444444-4444-4444-8444-444444444444',
  pending: '55555555-5555-4555-8555-555555555555',
};

/** A small atlas written straight into the tables: two places, a network with a territory, a resource. */
async function seedAtlas(t: TestApp) {
  const db = t.app.db;
  await db
    .insertInto('themes')
    .values({ slug: 'fabrication', label_fr: 'Fabrication', label_en: 'Making', color: '#aa3300' })
    .execute();
  await sql`INSERT INTO themes (slug, parent_id, label_fr, label_en)
    SELECT 'fablab', id, 'Fablab', 'Fablab' FROM themes WHERE slug = 'fabrication'`.execute(db);
  await db
    .insertInto('themes')
    .values({ slug: 'coworking', label_fr: 'Coworking', label_en: 'Coworking' })
    .execute();
  await sql`INSERT INTO entries (id, kind, name, summary, url, street, postcode, city, country, geom, area, tags, license, status, to_locate, contact)
    VALUES
    (${ID.fablab}, 'place', '=HYPERLINK("http://evil")', 'Un fablab, avec "guillemets"', 'https://fablab.example.org', '1 rue A', '69001', 'Lyon', 'FR', ST_SetSRID(ST_MakePoint(4.8357, 45.764), 4326), NULL, '{impression 3D,-découpe}', NULL, 'published', false, '{"email":"secret@example.org"}'),
    (${ID.cowork}, 'place', 'Coworking sans adresse', '', NULL, NULL, NULL, 'Brest', 'FR', NULL, NULL, '{}', NULL, 'published', true, NULL),
    (${ID.network}, 'network', 'Réseau des tiers-lieux du Rhône', 'Un réseau', NULL, NULL, NULL, NULL, NULL, ST_SetSRID(ST_MakePoint(4.85, 45.75), 4326),
      ST_Multi(ST_GeomFromText('POLYGON((4.2 45.4, 5.2 45.4, 5.2 46.1, 4.2 46.1, 4.2 45.4))', 4326)), '{}', NULL, 'published', false, NULL),
    (${ID.resource}, 'resource', 'HedgeDoc', 'Éditeur collaboratif', 'https://hedgedoc.org', NULL, NULL, NULL, NULL, NULL, NULL, '{markdown}', 'AGPL-3.0', 'published', false, NULL),
    (${ID.pending}, 'place', 'En attente', '', NULL, NULL, NULL, NULL, NULL, ST_SetSRID(ST_MakePoint(-1.5, 47.2), 4326), NULL, '{}', NULL, 'pending', false, NULL)`.execute(
    db,
  );
  await sql`INSERT INTO entry_themes (entry_id, theme_id)
    SELECT ${ID.fablab}::uuid, id FROM themes WHERE slug = 'fablab'
    UNION ALL SELECT ${ID.cowork}::uuid, id FROM themes WHERE slug = 'coworking'
    UNION ALL SELECT ${ID.network}::uuid, id FROM themes WHERE slug IN ('fablab', 'coworking')`.execute(db);
  await sql`INSERT INTO relations (id, type, from_id, to_id) VALUES
    (gen_random_uuid(), 'member_of', ${ID.fablab}, ${ID.network}),
    (gen_random_uuid(), 'member_of', ${ID.cowork}, ${ID.network}),
    (gen_random_uuid(), 'uses', ${ID.fablab}, ${ID.resource})`.execute(db);
}

async function get(t: TestApp, url: string) {
  return t.app.inject({ method: 'GET', url });
}

interface Feature {
  id: string;
  geometry: unknown;
  properties: Record<string, unknown> & {
    themes: string[];
    relations: Record<string, Array<{ id: string }>>;
  };
}

describe('exports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(withoutRateLimits);
    await seedAtlas(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports published entries as GeoJSON, with ids, themes and relations, to any origin', async () => {
    const res = await get(t, '/api/export.geojson');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.themes.map((th: { slug: string }) => th.slug).sort()).toEqual([
      'coworking',
      'fablab',
      'fabrication',
    ]);
    const byId = new Map<string, Feature>(body.features.map((f: Feature) => [f.id, f]));
    expect([...byId.keys()].sort()).toEqual([ID.fablab, ID.cowork, ID.network, ID.resource].sort());
    const fablab = byId.get(ID.fablab)!;
    expect(fablab.geometry).toEqual({ type: 'Point', coordinates: [4.8357, 45.764] });
    expect(fablab.properties.themes).toEqual(['fablab']);
    expect(fablab.properties.relations.memberOf).toEqual([
      { id: ID.network, name: 'Réseau des tiers-lieux du Rhône', kind: 'network' },
    ]);
    expect(fablab.properties.relations.uses?.map((r) => r.id)).toEqual([ID.resource]);
    expect(fablab.properties).not.toHaveProperty('contact');
    expect(byId.get(ID.cowork)?.geometry).toBeNull();
    expect(byId.get(ID.network)?.properties.area).toMatchObject({ type: 'MultiPolygon' });
  });

  it('filters like GET /api/entries: kind, theme (a parent includes its children), bbox', async () => {
    const ids = async (query: string) =>
      ((await get(t, `/api/export.geojson?${query}`)).json().features as Feature[]).map((f) => f.id).sort();
    expect(await ids('kind=place')).toEqual([ID.fablab, ID.cowork].sort());
    expect(await ids('theme=fabrication')).toEqual([ID.fablab, ID.network].sort());
    expect(await ids('kind=place&theme=coworking')).toEqual([ID.cowork]);
    expect(await ids('bbox=4.5,45.5,5,46')).toEqual([ID.fablab, ID.network].sort());
    expect(await ids('q=hedgedoc')).toEqual([ID.resource]);
    expect(await ids('q=hedge')).toEqual([ID.resource]);
    expect(await ids('near=4.8357,45.764,1000')).toEqual([ID.fablab]);
    const bad = await get(t, '/api/export.geojson?bbox=1,2,3');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get(t, '/api/export.geojson?status=pending')).statusCode).toBe(403);
    const moderated = await t.app.inject({
      method: 'GET',
      url: '/api/export.geojson?status=pending',
      headers: adminAuth,
    });
    expect(moderated.json().features.map((f: Feature) => f.id)).toEqual([ID.pending]);
  });

  it('exports CSV with a BOM, quoting, and formulas neutralized', async () => {
    const res = await get(t, '/api/export.csv?kind=place');
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toMatch(
      /^id,kind,name,summary,description,url,street,postcode,city,country,insee_code,latitude,longitude,themes,tags/,
    );
    const fablab = lines.find((l) => l.startsWith(ID.fablab))!;
    expect(fablab).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(fablab).toContain('"Un fablab, avec ""guillemets"""');
    expect(fablab).toContain(',45.764,4.8357,fablab,');
    expect(fablab).toContain(',impression 3D|-découpe,');
    expect(res.body).not.toContain('secret@example.org');
  });

  it('keeps negative numbers as numbers and neutralizes a text that starts with -', async () => {
    const res = await get(t, '/api/export.csv?status=published&kind=place');
    expect(res.statusCode).toBe(200);
    const { csvCell } = await import('../../server/features/exports/formats/csv');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell('-cmd|calc')).toBe("'-cmd|calc");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
  });

  it('exports schema.org JSON-LD', async () => {
    const res = await get(t, '/api/export.jsonld');
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const graph = res.json()['@graph'] as Array<Record<string, unknown>>;
    const types = Object.fromEntries(graph.map((n) => [n.identifier as string, n['@type']]));
    expect(types).toEqual({
      [ID.fablab]: ['Place', 'Organization'],
      [ID.cowork]: ['Place', 'Organization'],
      [ID.network]: 'Organization',
      [ID.resource]: 'CreativeWork',
    });
    const fablab = graph.find((n) => n.identifier === ID.fablab)!;
    expect(fablab.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 45.764, longitude: 4.8357 });
    expect(fablab.address).toMatchObject({
      '@type': 'PostalAddress',
      postalCode: '69001',
      addressLocality: 'Lyon',
    });
    expect(graph.find((n) => n.identifier === ID.resource)?.license).toBe(
      'https://spdx.org/licenses/AGPL-3.0',
    );
  });

  it('exports places in the lieux de médiation numérique schema', async () => {
    const res = await get(t, '/api/export.mednum.csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 11)).toEqual([
      'id',
      'pivot',
      'nom',
      'commune',
      'code_postal',
      'code_insee',
      'adresse',
      'complement_adresse',
      'latitude',
      'longitude',
      'typologie',
    ]);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(ID.fablab))).toContain(',45.764,4.8357,FABLAB,');
  });

  it('exports located entries in GoGoCarto’s format, which the GoGoCarto import reads back', async () => {
    const res = await get(t, '/api/export.gogocarto.json');
    const body = res.json();
    expect(body.ontology).toBe('gogofull');
    expect(body.data.map((e: { id: string }) => e.id).sort()).toEqual([ID.fablab, ID.network].sort());
    expect(body.data.find((e: { id: string }) => e.id === ID.fablab)).toMatchObject({
      name: '=HYPERLINK("http://evil")',
      geo: { latitude: 45.764, longitude: 4.8357 },
      categories: ['Fablab'],
    });
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { content: res.body, dryRun: true, sourceName: 'self-gogo' },
    });
    // The ids are the atlas's own, so the file updates the entries it came from.
    expect(dry.json()).toMatchObject({
      format: 'gogocarto',
      counts: { read: 2, rejected: 0, update: 2, duplicate: 0 },
    });
  });

  it('streams a selection larger than one page', async () => {
    await sql`INSERT INTO entries (id, kind, name, geom)
      SELECT gen_random_uuid(), 'place', 'Lieu ' || i, ST_SetSRID(ST_MakePoint(-4 + i * 0.001, 48), 4326)
      FROM generate_series(1, 2500) AS i`.execute(t.app.db);
    const res = await get(t, '/api/export.geojson?bbox=-5,47,0,49');
    expect(res.json().features).toHaveLength(2500);
    const csv = await get(t, '/api/export.csv?bbox=-5,47,0,49');
    expect(csv.body.trim().split('\r\n')).toHaveLength(2501);
  });
});

describe('round trip: export GeoJSON, import into an empty atlas, export again', () => {
  let source: TestApp;
  let target: TestApp;
  beforeAll(async () => {
    source = await buildTestApp(withoutRateLimits);
    target = await buildTestApp(withoutRateLimits);
    await seedAtlas(source);
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('gives the same entries back: ids, geometry, themes, relations', async () => {
    const first = await get(source, '/api/export.geojson');
    const res = await target.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { content: first.body, sourceName: 'atlas-source' },
    });
    expect(res.statusCode, res.body).toBe(202);
    let record = res.json() as ImportRecord;
    for (let i = 0; i < 300 && record.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      record = (
        await target.app.inject({ method: 'GET', url: `/api/imports/${record.id}`, headers: adminAuth })
      ).json();
    }
    expect(record.status).toBe('done');
    expect(record.counts).toMatchObject({ created: 4, rejected: 0, duplicate: 0, relations: 3 });

    const second = await get(target, '/api/export.geojson');
    const shape = (body: { features: Feature[] }) =>
      body.features
        .map((f) => ({
          id: f.id,
          geometry: f.geometry,
          kind: f.properties.kind,
          name: f.properties.name,
          summary: f.properties.summary,
          url: f.properties.url,
          address: f.properties.address,
          themes: f.properties.themes,
          tags: f.properties.tags,
          license: f.properties.license,
          area: f.properties.area,
          status: f.properties.status,
          toLocate: f.properties.toLocate,
          relations: f.properties.relations,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(shape(second.json())).toEqual(shape(first.json()));
    expect(second.json().themes).toEqual(first.json().themes);

    // Importing the same file again changes nothing.
    const again = await target.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { content: first.body, sourceName: 'atlas-source', dryRun: true },
    });
    expect(again.json().counts).toMatchObject({ create: 0, update: 4, duplicate: 0 });
  });
});
