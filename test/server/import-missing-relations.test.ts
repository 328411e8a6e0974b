import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../server/contract/import';
import type { TestApp } from '../helpers/app';
import { dryRun, emptyAtlas, importBytes } from './import-real-files.helpers';

// A row may name entries it is linked to (the atlas's own exports do). A link whose target is neither in
// the file nor in the atlas is reported, by row, target and type; the row is imported, the link is not.

const NETWORK_IN_FILE = '0190a000-0000-7000-8000-00000000000a';
const IN_ATLAS = '0190a000-0000-7000-8000-00000000000b';
const DELETED_IN_ATLAS = '0190a000-0000-7000-8000-00000000000c';
const NOWHERE = '0190a000-0000-7000-8000-00000000000d';
const PLACE_A = '0190a000-0000-7000-8000-000000000001';
const PLACE_B = '0190a000-0000-7000-8000-000000000002';

function feature(id: string | null, kind: string | null, name: string, relations: Record<string, unknown>) {
  return {
    type: 'Feature',
    ...(id ? { id } : {}),
    geometry: { type: 'Point', coordinates: [4.83, 45.76] },
    properties: { name, ...(kind ? { kind } : {}), relations },
  };
}

/** An atlas GeoJSON export: two places linked to a network of the file, to the atlas, and to nowhere. */
function exportWithLinks(): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      feature(PLACE_A, 'place', 'Fablab des Pentes', {
        memberOf: [{ id: NETWORK_IN_FILE, name: 'Réseau des fablabs lyonnais', kind: 'network' }],
        uses: [{ id: NOWHERE, name: 'HedgeDoc', kind: 'resource' }],
        partnerOf: [{ id: IN_ATLAS, name: 'Repair café de la Croix-Rousse', kind: 'place' }],
      }),
      feature(PLACE_B, 'place', 'Atelier partagé', {
        memberOf: [
          { id: DELETED_IN_ATLAS, name: 'Ancien réseau', kind: 'network' },
          'reseau-sans-identifiant',
        ],
      }),
      feature(NETWORK_IN_FILE, 'network', 'Réseau des fablabs lyonnais', {}),
    ],
  });
}

describe('links to entries that exist nowhere, on import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await emptyAtlas();
    const atlas = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature(IN_ATLAS, 'place', 'Repair café de la Croix-Rousse', {}),
        feature(DELETED_IN_ATLAS, 'network', 'Ancien réseau', {}),
      ],
    });
    expect((await importBytes(t, atlas, { sourceName: 'atlas' })).counts.created).toBe(2);
    await t.app.db
      .updateTable('entries')
      .set({ deleted_at: new Date() })
      .where('id', '=', DELETED_IN_ATLAS)
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  const expectedMissing = [
    { row: 1, type: 'uses', target: NOWHERE, targetName: 'HedgeDoc' },
    { row: 2, type: 'member_of', target: DELETED_IN_ATLAS, targetName: 'Ancien réseau' },
    { row: 2, type: 'member_of', target: 'reseau-sans-identifiant', targetName: null },
  ];

  function expectSummary(record: ImportRecord) {
    expect(record.report.warnings).toContain(
      'missing links: 3 links name an entry that is neither in the file nor in the atlas: not written, the rows themselves are imported',
    );
  }

  it('a dry run lists each missing target with its row and link type, and still plans every row', async () => {
    const r = await dryRun(t, exportWithLinks());
    expect(r.counts).toMatchObject({ read: 3, create: 3, rejected: 0 });
    expect(r.report.missingRelations).toEqual(expectedMissing);
    expectSummary(r);
  });

  it('a real run imports the rows, writes the links that have a target, and reports the others', async () => {
    const r = await importBytes(t, exportWithLinks(), { sourceName: 'export' });
    expect(r).toMatchObject({ status: 'done', counts: { created: 3, rejected: 0, relations: 2 } });
    expect(r.report.missingRelations).toEqual(expectedMissing);
    expectSummary(r);
    const links = await t.app.db
      .selectFrom('relations')
      .select(['type', 'from_id', 'to_id'])
      .where('from_id', 'in', [PLACE_A, PLACE_B])
      .orderBy('type')
      .execute();
    expect(links).toEqual([
      { type: 'member_of', from_id: PLACE_A, to_id: NETWORK_IN_FILE },
      { type: 'partner_of', from_id: PLACE_A, to_id: IN_ATLAS },
    ]);
  });

  it('reports the missing ids of the CSV export’s relation columns by spreadsheet row', async () => {
    const csv = `name,lat,lon,member_of\nCoworking du centre,45.1,4.2,${IN_ATLAS}|${NOWHERE}\nTiers-lieu rural,45.2,4.3,\n`;
    const r = await dryRun(t, csv);
    expect(r.report.missingRelations).toEqual([
      { row: 2, type: 'member_of', target: NOWHERE, targetName: null },
    ]);
  });

  it('writes the links of a created row the file gives no entry id, and reports its missing ones', async () => {
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature('osm-node-42', null, 'Cantine numérique', { partnerOf: [{ id: IN_ATLAS }, { id: NOWHERE }] }),
      ],
    });
    const r = await importBytes(t, file, { sourceName: 'osm' });
    expect(r).toMatchObject({ status: 'done', counts: { created: 1, relations: 1 } });
    expect(r.report.missingRelations).toEqual([
      { row: 1, type: 'partner_of', target: NOWHERE, targetName: null },
    ]);
    const created = await t.app.db
      .selectFrom('entries')
      .select('id')
      .where('source', '=', 'osm')
      .executeTakeFirstOrThrow();
    const links = await t.app.db
      .selectFrom('relations')
      .select(['to_id'])
      .where('from_id', '=', created.id)
      .execute();
    expect(links).toEqual([{ to_id: IN_ATLAS }]);
  });

  it('says nothing when every link has its target', async () => {
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature(null, null, 'Médiathèque', { partnerOf: [{ id: IN_ATLAS }] })],
    });
    const r = await dryRun(t, file);
    expect(r.report.missingRelations).toEqual([]);
    expect(r.report.warnings?.some((w) => w.startsWith('missing links'))).toBe(false);
  });
});
