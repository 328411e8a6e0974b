import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { atlasWithThemes, dryRun, firstSample, importBytes } from './import-real-files.helpers';

// What real files taught, as small hand-made excerpts in the shape of files that could not be copied
// here (their licence is unknown, or they name people): see test/fixtures/imports/real/README.md.

function point(record: Awaited<ReturnType<typeof dryRun>>, index = 0): [number, number] | null {
  const sample = record.report.sample?.[index] as { geometry: { coordinates: [number, number] } | null };
  return sample?.geometry?.coordinates ?? null;
}

describe('lessons from real files, as hand-made excerpts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await atlasWithThemes();
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the name column under the names the médiation numérique hubs and forms give it', async () => {
    for (const column of ['Nom de votre structure', 'Nomdelastructure', 'Lieu', 'Nom du tiers-lieu']) {
      const csv = `Commune;Nom de la commune;${column};Latitude;Longitude\nDie;Die;Fablab de la Vallée;44.75;5.37\n`;
      const r = await dryRun(t, csv);
      expect(r.report.mapping?.fields?.name, column).toBe(column);
      expect(r.counts, column).toMatchObject({ read: 1, create: 1, rejected: 0 });
      expect(firstSample(r).properties).toMatchObject({ name: 'Fablab de la Vallée' });
    }
  });

  it('reads GoGoCarto’s compact rows of 2018–2020: [id, name, lat, lng, [categories], status]', async () => {
    const file = {
      ontology: 'gogocompact',
      data: [
        ['a1', 'Repair café du Centre', 45.76, 4.83, [12, 15]],
        ['a2', 'Lieu refusé', 45.77, 4.84, [12], -2],
        ['a3', 'Lieu en attente', 45.78, 4.85, [], 0, 1],
      ],
    };
    const r = await dryRun(t, JSON.stringify(file));
    expect(r.counts).toMatchObject({ read: 3, create: 2, rejected: 1 });
    expect(firstSample(r).properties).toMatchObject({ name: 'Repair café du Centre', sourceRef: 'a1' });
    expect(point(r)).toEqual([4.83, 45.76]);
  });

  it('reads GoGoCarto’s compact rows whose `mapping` names the fields with their types', async () => {
    const file = {
      ontology: 'gogocompact',
      mapping: ['id', { name: 'text', city: 'text' }, 'latitude', 'longitude', 'status', 'moderationState'],
      data: [['b1', ['Fablab de la Vallée', 'Die'], 44.75, 5.37, [3]]],
    };
    const r = await dryRun(t, JSON.stringify(file));
    expect(firstSample(r).properties).toMatchObject({ name: 'Fablab de la Vallée' });
    expect(r.report.mapping?.fields?.city).toBe('city');
  });

  it('reads one GoGoCarto element (`/api/elements/:id` answers `data` as an object)', async () => {
    const file = {
      licence: 'https://opendatacommons.org/licenses/odbl/summary/',
      ontology: 'gogofull',
      data: {
        id: 'c1',
        name: 'Tiers-lieu des Halles',
        geo: { latitude: '47.2184', longitude: '-1.5536' },
        address: {
          streetNumber: '4',
          streetAddress: 'rue des Halles',
          postalCode: '44000',
          addressLocality: 'Nantes',
        },
        categories: ['Tiers-lieux'],
        openHours: { Mo: '09:00-18:00', Tu: '09:00-18:00' },
        urls: [{ type: 'facebook', value: 'https://facebook.com/halles' }],
        email: 'private',
        status: 1,
      },
    };
    const r = await importBytes(t, JSON.stringify(file), { format: 'gogocarto', sourceName: 'one-gogo' });
    expect(r.counts).toMatchObject({ read: 1, created: 1 });
    expect(firstSample(r).properties).toMatchObject({
      themes: ['tiers-lieux'],
      address: { street: '4 rue des Halles', postcode: '44000' },
    });
    expect(point(r)).toEqual([-1.5536, 47.2184]);
    const entry = await t.app.db
      .selectFrom('entries')
      .select(['description', 'links', 'contact'])
      .where('source', '=', 'one-gogo')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      description: 'Horaires : Mo 09:00-18:00; Tu 09:00-18:00',
      links: [{ url: 'https://facebook.com/halles', label: 'facebook' }],
      contact: null,
    });
  });

  it('reads an ArcGIS FeatureSet (Esri JSON) in Web Mercator, as Survey123 and ArcGIS Online export', async () => {
    const file = {
      objectIdFieldName: 'ObjectID',
      geometryType: 'esriGeometryPoint',
      spatialReference: { wkid: 102100, latestWkid: 3857 },
      features: [
        {
          attributes: { ObjectID: 13, nom: 'Médiathèque Simone-Veil', commune: 'Épernay' },
          geometry: { x: 440_050.2, y: 6_282_220.2 },
        },
      ],
    };
    const r = await dryRun(t, JSON.stringify(file));
    expect(r.counts).toMatchObject({ read: 1, create: 1, rejected: 0 });
    expect(firstSample(r).properties).toMatchObject({ name: 'Médiathèque Simone-Veil', sourceRef: '13' });
    const [lng, lat] = point(r) ?? [0, 0];
    expect(lng).toBeCloseTo(3.953, 2);
    expect(lat).toBeCloseTo(49.043, 2);
  });

  it('converts a GeoJSON saved in Lambert-93 (QGIS writes its `crs`)', async () => {
    const file = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } },
      features: [
        {
          type: 'Feature',
          properties: { nom: 'Cathédrale Notre-Dame' },
          geometry: { type: 'Point', coordinates: [652_469, 6_861_851] },
        },
      ],
    };
    const r = await dryRun(t, JSON.stringify(file));
    const [lng, lat] = point(r) ?? [0, 0];
    expect(lng).toBeCloseTo(2.35, 2);
    expect(lat).toBeCloseTo(48.853, 2);
  });

  it('reads an Excel CSV: `sep=;` line, Windows-1252, OpenDataSoft’s `geo_point_2d` "lat, lon"', async () => {
    const csv =
      'sep=;\r\nNom;Ville;geo_point_2d\r\nCaf\xe9 num\xe9rique;Lyon;45.7640, 4.8357\r\nLieu sans point;Lyon;\r\n';
    const r = await dryRun(t, Buffer.from(csv, 'latin1'));
    expect(r.report).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(r.report.columns).toEqual(['Nom', 'Ville', 'geo_point_2d']);
    expect(r.counts).toMatchObject({ read: 2, create: 2, toLocate: 1, rejected: 0 });
    expect(point(r)).toEqual([4.8357, 45.764]);
    expect(r.report.warnings).toContain('1 row: coordinates read from the "geo_point_2d" column');
  });

  it('does not take any French list with `nom` and `commune` for the médiation numérique schema', async () => {
    const places = [
      { nom: 'Fablab de Die', commune: 'Die', code_postal: '26150', latitude: 44.75, longitude: 5.37 },
    ];
    const r = await dryRun(t, JSON.stringify(places));
    expect(r.format).toBe('json');
    expect(firstSample(r).properties).toMatchObject({ themes: [] });
  });

  it('skips a spreadsheet’s title rows above the header, keeping the spreadsheet’s row numbers', async () => {
    const csv = [
      'Liste des tiers-lieux du Rhône (mise à jour 2023);;;',
      '',
      'nom;ville;latitude;longitude',
      'Fablab des Pentes;Lyon;45,7701;4,8330',
      'Lieu texte;Lyon;abc;4',
    ].join('\r\n');
    const r = await dryRun(t, csv);
    expect(r.report.columns).toEqual(['nom', 'ville', 'latitude', 'longitude']);
    expect(r.report.rejected).toEqual([
      { row: 5, reason: 'invalid-coordinates', detail: expect.any(String) },
    ]);
    expect(point(r)).toEqual([4.833, 45.7701]);
  });

  it('reads coordinates written in degrees, minutes and seconds, and takes "NC" for no position', async () => {
    const csv = [
      'nom,latitude,longitude',
      `"Fablab A","45°45'50.4""N","4°50'8.5""E"`,
      'Fablab B,NC,NC',
      'Fablab C,"N 47,2184","O 1,5536"',
      // Degrees that lost their decimal point are not taken for metres of some projection.
      'Fablab D,4576400,483570',
      'Fablab E,"6 692 424,5","475 198,1"',
    ].join('\n');
    const r = await dryRun(t, csv);
    expect(r.counts).toMatchObject({ read: 5, create: 4, toLocate: 1, rejected: 1 });
    expect(r.report.rejected).toEqual([
      { row: 5, reason: 'invalid-coordinates', detail: expect.any(String) },
    ]);
    expect(r.report.warnings).toContain('1 row: coordinates converted from Lambert-93 (EPSG:2154)');
    const [lng, lat] = point(r) ?? [0, 0];
    expect(lat).toBeCloseTo(45.764, 3);
    expect(lng).toBeCloseTo(4.8357, 3);
    expect(point(r, 2)).toEqual([-1.5536, 47.2184]);
  });

  it('reads the position from a "lat, lon" column when the latitude column is broken (Corsica hub)', async () => {
    const rows = [{ nom: 'Mairie', lat: '41.93414,8', long: 8.7555, pointgeo: '41.93414,8.75550' }];
    const r = await dryRun(t, JSON.stringify(rows));
    expect(r.counts).toMatchObject({ read: 1, create: 1, rejected: 0 });
    expect(point(r)).toEqual([8.7555, 41.93414]);
    expect(r.report.warnings?.join('\n')).toMatch(/coordinates read from the "pointgeo" column/);
  });

  it('splits a website cell that lists several addresses (spaces, commas, new lines, " - ")', async () => {
    const rows = [
      { nom: 'A', site: 'https://falep.corsica, www.facebook.com/falep2b' },
      { nom: 'B', site: 'https://www.konexio.eu/index.html https://twitter.com/konexio_eu/' },
      { nom: 'C', site: 'Facebook : Maison France Services \nSite internet : https://alata.corsica/' },
    ];
    const r = await importBytes(t, JSON.stringify(rows), { sourceName: 'sites' });
    expect(r.counts).toMatchObject({ created: 3 });
    const entries = await t.app.db
      .selectFrom('entries')
      .select(['name', 'url', 'links'])
      .where('source', '=', 'sites')
      .orderBy('name')
      .execute();
    expect(entries).toEqual([
      { name: 'A', url: 'https://falep.corsica', links: [{ url: 'https://www.facebook.com/falep2b' }] },
      {
        name: 'B',
        url: 'https://www.konexio.eu/index.html',
        links: [{ url: 'https://twitter.com/konexio_eu/' }],
      },
      { name: 'C', url: 'https://alata.corsica/', links: [] },
    ]);
  });

  it('reads UTF-16 without a byte order mark', async () => {
    const csv = 'nom\tlatitude\tlongitude\r\nMédiathèque\t45.1\t4.2\r\n';
    const r = await dryRun(t, Buffer.from(csv, 'utf16le'));
    expect(r.report.encoding).toBe('utf-16le');
    expect(firstSample(r).properties).toMatchObject({ name: 'Médiathèque' });
  });

  it('repairs UTF-8 that was encoded twice ("MÃ©diathÃ¨que")', async () => {
    const twice = Buffer.from(
      Buffer.from('nom;ville\nMédiathèque;Orléans\nÉcole;Évry\n', 'utf8').toString('latin1'),
      'utf8',
    );
    const r = await dryRun(t, twice);
    expect(r.report.encoding).toBe('utf-8, repaired');
    expect(firstSample(r).properties).toMatchObject({ name: 'Médiathèque', address: { city: 'Orléans' } });
  });

  it('reads GeoJSONSeq (one Feature per line, record separators) as written by ogr2ogr', async () => {
    const feature = (name: string, x: number) =>
      `\u001e${JSON.stringify({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [x, 45] } })}`;
    const r = await dryRun(t, [feature('Un', 4.1), feature('Deux', 4.2)].join('\n'));
    expect(r).toMatchObject({ format: 'geojson', counts: { read: 2, create: 2 } });
  });

  it('reads OpenDataSoft’s records export: `fields` and `geometry` of each record', async () => {
    const file = [
      {
        datasetid: 'lieux-numeriques',
        recordid: '410345a1e7',
        fields: {
          lieu: 'Comptoir du numérique',
          nom: 'Comptoir du numérique',
          commune: 'Nantes',
          code_postal: '44000',
        },
        geometry: { type: 'Point', coordinates: [-1.5562, 47.2138] },
      },
    ];
    const r = await dryRun(t, JSON.stringify(file));
    expect(firstSample(r).properties).toMatchObject({
      name: 'Comptoir du numérique',
      sourceRef: '410345a1e7',
      address: { city: 'Nantes', postcode: '44000' },
    });
    expect(point(r)).toEqual([-1.5562, 47.2138]);
  });

  it('reads a PostGIS or CARTO export’s `the_geom` in hex EWKB, and GeoJSON text in a geometry column', async () => {
    const csv = [
      'name,the_geom',
      'Hex,0101000020E6100000E5D022DBF93E1340B29DEFA7C6DB4640',
      'Json,"{""type"":""Point"",""coordinates"":[2.35,48.85]}"',
    ].join('\n');
    const r = await dryRun(t, csv);
    expect(r.counts).toMatchObject({ read: 2, create: 2, rejected: 0 });
    expect(point(r)).toEqual([4.8115, 45.717]);
    expect(point(r, 1)).toEqual([2.35, 48.85]);
  });

  it('turns uMap’s wiki links and images into Markdown, and drops old uMap styling', async () => {
    const file = {
      type: 'FeatureCollection',
      _umap_options: { name: 'Lieux', displayOnLoad: true },
      features: [
        {
          type: 'Feature',
          properties: {
            name: 'Atelier partagé',
            description:
              'Voir [[https://atelier.example.org|le site]] et [[https://wiki.example.org]]\n{{https://atelier.example.org/logo.png}}',
            _storage_options: { color: 'Red' },
          },
          geometry: { type: 'Point', coordinates: [4.8, 45.7] },
        },
      ],
    };
    const r = await importBytes(t, JSON.stringify(file), { sourceName: 'umap-wiki' });
    expect(r).toMatchObject({ format: 'umap', counts: { created: 1 } });
    expect(r.report.columns).not.toContain('_storage_options');
    const entry = await t.app.db
      .selectFrom('entries')
      .select('description')
      .where('source', '=', 'umap-wiki')
      .executeTakeFirstOrThrow();
    expect(entry.description).toBe(
      'Voir [le site](https://atelier.example.org) et <https://wiki.example.org>\n![](https://atelier.example.org/logo.png)',
    );
  });

  it('maps an Overpass turbo export’s OpenStreetMap tags: addr:*, contact:*, and the @id as source id', async () => {
    const file = {
      type: 'FeatureCollection',
      generator: 'overpass-turbo',
      features: [
        {
          type: 'Feature',
          id: 'node/123',
          properties: {
            '@id': 'node/123',
            amenity: 'community_centre',
            name: 'La Casa',
            'addr:street': 'Rue Mercière',
            'addr:postcode': '69002',
            'addr:city': 'Lyon',
            'contact:website': 'https://casa.example.org',
            'contact:phone': '+33 4 00 00 00 00',
          },
          geometry: { type: 'Point', coordinates: [4.83, 45.76] },
        },
      ],
    };
    const r = await dryRun(t, JSON.stringify(file));
    expect(r.report.mapping?.fields).toMatchObject({
      id: '@id',
      street: 'addr:street',
      postcode: 'addr:postcode',
      city: 'addr:city',
      url: 'contact:website',
      phone: 'contact:phone',
    });
    expect(firstSample(r).properties).toMatchObject({
      name: 'La Casa',
      sourceRef: 'node/123',
      address: { street: 'Rue Mercière', postcode: '69002', city: 'Lyon' },
    });
  });

  it('takes GoGoCarto’s `taxonomy` for the themes', async () => {
    const file = [{ id: 'x1', title: 'Fablab de Chenay', lat: 46.3, lng: -0.03, taxonomy: ['Fablab'] }];
    const r = await dryRun(t, JSON.stringify(file));
    expect(r.report.mapping?.themes?.columns).toEqual(['taxonomy']);
    expect(firstSample(r).properties).toMatchObject({ name: 'Fablab de Chenay', themes: ['fablab'] });
  });
});
