import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../server/contract/import';
import { adminAuth, type TestApp } from '../helpers/app';
import { atlasWithThemes, dryRun, importBytes, realFile } from './import-real-files.helpers';

// KML (Google My Maps, uMap, Google Earth) and GPX (uMap, GPS apps): what their real shapes become.

describe('KML and GPX imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await atlasWithThemes();
  });
  afterAll(async () => {
    await t.close();
  });

  const sample = (r: ImportRecord) =>
    (r.report.sample ?? []) as Array<{
      row: number;
      geometry: { coordinates: [number, number] } | null;
      properties: { name: string; themes: string[]; toLocate: boolean; url: string | null };
    }>;

  it('reads a Google My Maps export: ExtendedData columns, folders as themes, a polygon placed inside it', async () => {
    const r = await dryRun(t, realFile('cget-tiers-lieux_my-maps-shape.kml'));
    expect(r.format).toBe('kml');
    expect(r.counts).toMatchObject({ read: 4, create: 4, rejected: 0, toLocate: 1 });
    expect(r.report.columns).toEqual(
      expect.arrayContaining([
        'folder',
        'name',
        'description',
        'Adresse',
        'Code postal',
        'Ville',
        'Site web',
      ]),
    );
    // Styles are how My Maps draws the marker, not what the place is.
    expect(r.report.columns?.some((c) => /style|icon/i.test(c))).toBe(false);
    expect(r.report.mapping?.fields).toMatchObject({
      name: 'name',
      street: 'Adresse',
      postcode: 'Code postal',
      city: 'Ville',
      url: 'Site web',
      wkt: null,
    });
    expect(r.report.mapping?.themes?.columns).toEqual(['folder']);
    expect(r.report.themeValues).toMatchObject({
      Coworking: { count: 2, slug: 'coworking' },
      Fablab: { count: 2, slug: 'fablab' },
    });
    const [ade, , ici, oudeis] = sample(r);
    expect(ade?.properties).toMatchObject({ name: 'ADE Coworking', themes: ['coworking'] });
    expect(ade?.geometry?.coordinates).toEqual([-1.505602, 47.245935]);
    // The polygon drawn on the building becomes a point inside it, and the report says so.
    const [lng, lat] = ici?.geometry?.coordinates ?? [0, 0];
    expect(lng).toBeGreaterThan(2.4255);
    expect(lng).toBeLessThan(2.4262);
    expect(lat).toBeGreaterThan(48.8588);
    expect(lat).toBeLessThan(48.8592);
    expect(r.report.warnings?.join('\n')).toMatch(/1 row: Polygon geometry replaced by a point inside it/);
    // A placemark My Maps could not geocode has an address and no geometry: an entry to locate.
    expect(oudeis?.properties).toMatchObject({ name: 'OUDEIS', toLocate: true });
    expect(oudeis?.geometry).toBeNull();
  });

  it('writes the My Maps entries with their themes, address and description as text', async () => {
    const r = await importBytes(t, realFile('cget-tiers-lieux_my-maps-shape.kml'), { sourceName: 'my-maps' });
    expect(r).toMatchObject({ status: 'done', format: 'kml', counts: { created: 4, rejected: 0 } });
    const rows = await t.app.db
      .selectFrom('entries as e')
      .leftJoin('entry_themes as et', 'et.entry_id', 'e.id')
      .leftJoin('themes as th', 'th.id', 'et.theme_id')
      .select(['e.name', 'e.city', 'e.postcode', 'e.url', 'e.description', 'e.to_locate', 'th.slug'])
      .where('e.source', '=', 'my-maps')
      .orderBy('e.name')
      .execute();
    expect(rows.map((e) => [e.name, e.slug, e.city, e.to_locate])).toEqual([
      ['ADE Coworking', 'coworking', 'Nantes', false],
      ['Anticafé', 'coworking', 'Paris', false],
      ['ICI Montreuil', 'fablab', 'Montreuil', false],
      ['OUDEIS', 'fablab', 'Le Vigan', true],
    ]);
    const ade = rows.find((e) => e.name === 'ADE Coworking');
    expect(ade).toMatchObject({ postcode: '44300', url: 'https://www.ade-coworking.net' });
    // My Maps writes the balloon as HTML in CDATA: no tag reaches the entry.
    expect(ade?.description).toContain('9 Rue du Petit Châtelier');
    expect(ade?.description).not.toMatch(/<br/i);
  });

  it('reads uMap’s KML export: a point, a path and a polygon, each becoming an entry', async () => {
    const r = await dryRun(t, realFile('umap_test_upload_data.kml'));
    expect(r.format).toBe('kml');
    expect(r.counts).toMatchObject({ read: 3, create: 3, rejected: 0, toLocate: 0 });
    expect(sample(r).map((s) => s.properties.name)).toEqual([
      'Simple point',
      'Simple path',
      'Simple polygon',
    ]);
    const warnings = r.report.warnings?.join('\n') ?? '';
    expect(warnings).toMatch(/LineString geometry replaced by a point inside it/);
    expect(warnings).toMatch(/Polygon geometry replaced by a point inside it/);
  });

  it('reads uMap’s GPX export in file order: the waypoint, then the track placed on its line', async () => {
    const r = await dryRun(t, realFile('umap_test_upload_data.gpx'));
    expect(r.format).toBe('gpx');
    expect(r.counts).toMatchObject({ read: 2, create: 2, rejected: 0 });
    const [point, track] = sample(r);
    expect(point).toMatchObject({ row: 1, properties: { name: 'Simple Point' } });
    expect(point?.geometry?.coordinates).toEqual([-121.72904, 45.44283]);
    expect(track).toMatchObject({ row: 2, properties: { name: 'Simple path' } });
    expect(r.report.mapping?.fields?.description).toBe('desc');
  });

  it('reports a GPX waypoint without coordinates as a rejected row, and reads links as the address', async () => {
    const gpx = `<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <metadata><name>Repair cafés</name></metadata>
  <wpt lat="45.19" lon="5.72"><name>Repair Café Grenoble</name><link href="https://repaircafe.example/grenoble"><text>site</text></link></wpt>
  <wpt lat="" lon="5.7"><name>Sans position</name></wpt>
</gpx>`;
    const r = await dryRun(t, gpx);
    expect(r.counts).toMatchObject({ read: 2, create: 1, rejected: 1 });
    expect(r.report.rejected).toEqual([
      { row: 2, reason: 'invalid-coordinates', detail: 'a waypoint without valid lat/lon coordinates' },
    ]);
    expect(sample(r)[0]?.properties.url).toBe('https://repaircafe.example/grenoble');
  });

  it('takes KML sent with its own media type, and as a multipart upload named .kml', async () => {
    const kml = realFile('umap_test_upload_data.kml');
    const typed = await t.app.inject({
      method: 'POST',
      url: '/api/imports?dryRun=true',
      headers: { ...adminAuth, 'content-type': 'application/vnd.google-earth.kml+xml' },
      payload: kml,
    });
    expect(typed.statusCode, typed.body).toBe(200);
    expect(typed.json().format).toBe('kml');
    const boundary = 'atlas-kml-boundary';
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="carte.kml"\r\n` +
          'Content-Type: application/vnd.google-earth.kml+xml\r\n\r\n',
      ),
      kml,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/imports?dryRun=true',
      headers: { ...adminAuth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({ format: 'kml', filename: 'carte.kml', counts: { read: 3 } });
  });

  it('reads KML entities of the XML standard (&amp;, numeric references) as text', async () => {
    const kml = `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Bricolage &amp; R&#233;paration</name><Point><coordinates>4.83,45.76</coordinates></Point></Placemark>
</Document></kml>`;
    const r = await dryRun(t, kml);
    expect(sample(r)[0]?.properties.name).toBe('Bricolage & Réparation');
  });
});
