import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { atlasWithThemes, dryRun, firstSample, importBytes, realFile } from './import-real-files.helpers';

// Files from uMap, GoGoCarto and the "lieux de médiation numérique" producers that the other import
// tests do not read: each is imported for real, and what it taught is checked on the entries it made.

describe('imports of real files from the field’s other maps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await atlasWithThemes();
  });
  afterAll(async () => {
    await t.close();
  });

  async function entriesOf(source: string) {
    return t.app.db
      .selectFrom('entries')
      .select(['id', 'name', 'summary', 'description', 'url', 'links', 'contact', 'source_ref', 'to_locate'])
      .select((eb) => [
        eb.fn<number | null>('ST_X', ['geom']).as('lng'),
        eb.fn<number | null>('ST_Y', ['geom']).as('lat'),
      ])
      .where('source', '=', source)
      .orderBy('name')
      .execute();
  }

  it('names uMap features by their layer’s labelKey, with layer options under `properties` (uMap ≥ 2)', async () => {
    const r = await importBytes(t, realFile('umap_test_upload_data_with_iconurl.umap'), {
      sourceName: 'nievre',
    });
    expect(r).toMatchObject({ status: 'done', format: 'umap', counts: { read: 2, created: 2, rejected: 0 } });
    expect((await entriesOf('nievre')).map((e) => e.name)).toEqual(['ALLUY', 'ARQUIAN']);
  });

  it('says that a uMap layer’s data lives at a remote URL instead of reading nothing silently', async () => {
    const r = await dryRun(t, realFile('umap_remote_data.umap'));
    expect(r.counts.read).toBe(0);
    expect(r.report.warnings?.join('\n')).toMatch(/Itinéraire D.*https:\/\/remote\.org\/data\.json/);
  });

  it('imports uMap features with empty coordinates as entries to locate, not as rejected rows', async () => {
    const r = await dryRun(t, realFile('umap_test_upload_empty_coordinates.json'));
    expect(r.counts).toMatchObject({ read: 3, create: 3, toLocate: 3, rejected: 0 });
  });

  it('places a polygon whose ring is not closed (uMap accepts it) at the middle of its extent', async () => {
    const r = await dryRun(t, realFile('umap_test_upload_non_linear_ring.json'));
    expect(r.counts).toMatchObject({ read: 1, create: 1, rejected: 0 });
    const [lng, lat] = (firstSample(r).geometry as { coordinates: number[] }).coordinates as [number, number];
    expect(lng).toBeCloseTo(8.31, 1);
    expect(lat).toBeCloseTo(50.02, 1);
  });

  it('reads uMap’s CSV with `Latitude` and `geo_Longitude` columns', async () => {
    const r = await dryRun(t, realFile('umap_test_upload_data.csv'));
    expect(r.report.mapping?.fields).toMatchObject({ latitude: 'Latitude', longitude: 'geo_Longitude' });
    expect(firstSample(r).geometry).toEqual({ type: 'Point', coordinates: [14.5, 48.5] });
  });

  it('reads an Overpass (OpenStreetMap) answer: tags as fields, the way’s centre or bounds as position', async () => {
    const r = await dryRun(t, realFile('umap_test_import_osm_relation.json'));
    expect(r.counts).toMatchObject({ read: 1, create: 1, rejected: 0 });
    expect(firstSample(r).properties).toMatchObject({
      name: "Saint-Maurice d'Ibie - Petit Montagu",
      sourceRef: 'relation/15612202',
    });
  });

  it('reads the schema’s own example: several sites in `site_web`, opening hours, typologie codes', async () => {
    const r = await importBytes(t, realFile('lamednum_exemple-valide.csv'), { sourceName: 'lamednum' });
    expect(r).toMatchObject({ format: 'mednum-csv', counts: { read: 1, created: 1, rejected: 0 } });
    expect(r.report.themeValues?.TIERS_LIEUX).toEqual({ count: 1, slug: 'tiers-lieux' });
    const [entry] = await entriesOf('lamednum');
    expect(entry?.url).toBe('https://www.laquincaillerie.tl/');
    expect(entry?.links).toEqual([{ url: 'https://m.facebook.com/laquincaillerienumerique/' }]);
    expect(entry?.description).toMatch(/\n\nHoraires : Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00$/);
  });

  it('reads the earlier inclusion numérique schema’s example (`adresse_*`, `contact_*`, `type_lieu`)', async () => {
    const r = await dryRun(t, realFile('etalab-schema-inclusion-numerique_exemple-valide.csv'));
    expect(r.counts).toMatchObject({ read: 2, create: 2, toLocate: 2, rejected: 0 });
    expect(r.report.themeValues?.['Bibliothèque / Médiathèque']).toEqual({ count: 1, slug: 'mediatheque' });
    expect(firstSample(r).properties).toMatchObject({ url: 'http://www.mediatheque-saintgenislaval.fr/' });
  });

  it('reads a GoGoCarto dataset: HTML descriptions, `descriptionMore`, hidden e-mails, opening hours', async () => {
    const r = await importBytes(t, realFile('gogocartojs_elements.json'), { sourceName: 'gogojs' });
    expect(r).toMatchObject({ format: 'gogocarto', counts: { read: 12, created: 12, rejected: 0 } });
    const ruche = (await entriesOf('gogojs')).find((e) => e.name === 'La Ruche de Chenay');
    expect(ruche).toMatchObject({
      source_ref: '10kw',
      summary: 'Tous produits alimentaires locaux',
      description: 'Horaires : Distribution chaque jeudi de 18h à 19h',
      contact: { phone: '967556221' },
    });
    const traiteur = (await entriesOf('gogojs')).find((e) => e.name === 'Cuisines du monde');
    expect(traiteur).toMatchObject({
      summary: 'Un traiteur.',
      description: 'Préparation de cocktails, repas, plateaux et buffets.',
    });
  });

  it('converts Lambert-93 coordinates written with French decimal commas (Maine-et-Loire hub)', async () => {
    const r = await dryRun(t, realFile('mednum-cli_maine-et-loire_excerpt.json'));
    expect(r.counts).toMatchObject({ read: 25, rejected: 0, toLocate: 0 });
    expect(r.report.warnings).toContain('25 rows: coordinates converted from Lambert-93 (EPSG:2154)');
    const [lng, lat] = (firstSample(r).geometry as { coordinates: number[] }).coordinates as [number, number];
    // Allonnes (49650), near Saumur.
    expect(lng).toBeCloseTo(0.0247, 3);
    expect(lat).toBeCloseTo(47.294, 3);
  });

  it('reads a regional hub’s dump with a nested position and hours in one column per day', async () => {
    const r = await importBytes(t, realFile('mednum-cli_nouvelle-caledonie_excerpt.json'), {
      sourceName: 'nc',
    });
    expect(r).toMatchObject({ format: 'mednum-json', counts: { read: 25, rejected: 0, toLocate: 0 } });
    const cyber = (await entriesOf('nc')).find((e) => e.description.includes('lundi 09:00 - 11:00'));
    expect(cyber?.description).toMatch(/Horaires : lundi 09:00 - 11:00, 15:30 - 17:30; mardi 15:30 - 17:30/);
    expect(cyber?.lat).toBeLessThan(-20);
  });

  it('reads a city’s médiation numérique JSON with numeric postcodes and INSEE codes', async () => {
    const r = await dryRun(t, realFile('mednum-cli_aix-en-provence.json'));
    expect(r).toMatchObject({ format: 'mednum-json', counts: { read: 38, rejected: 0 } });
    expect(firstSample(r).properties).toMatchObject({
      address: { postcode: '13100', inseeCode: '13001', city: 'Aix-en-Provence' },
    });
  });
});
