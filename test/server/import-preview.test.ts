import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../server/contract/import';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { withoutRateLimits } from '../helpers/factories';

// What a dry run tells a mapping editor beyond the report: the file's first rows as read, and the values
// of the kind column with the kind each becomes.

const CSV = [
  'nom;type;typologie;lat;lon',
  'Fablab du Port;lieu;Fablab;43.29;5.37',
  'Réseau des Calanques;réseau;;43.21;5.45',
  'La Ruche;coworking space;Coworking;43.30;5.38',
  'Sans nom connu;lieu;Fablab;;',
].join('\n');

describe('POST /api/imports dry run: the preview', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(withoutRateLimits);
  });
  afterAll(async () => {
    await t.close();
  });

  async function dryRun(body: Record<string, unknown>): Promise<ImportRecord> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { content: CSV, dryRun: true, ...body },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ImportRecord;
  }

  it('gives the first rows as read, one cell per column', async () => {
    const r = await dryRun({});
    expect(r.report.columns).toEqual(['nom', 'type', 'typologie', 'lat', 'lon']);
    expect(r.report.sourceRows?.[0]).toEqual({
      row: 2,
      cells: ['Fablab du Port', 'lieu', 'Fablab', '43.29', '5.37'],
    });
    expect(r.report.sourceRows?.[1]?.cells[2]).toBeNull();
    expect(r.report.sourceRows).toHaveLength(4);
  });

  it('counts the kind column’s values, with the kind each becomes', async () => {
    const r = await dryRun({ mapping: { kind: { column: 'type' } } });
    expect(r.report.kindValues).toEqual({
      lieu: { count: 2, kind: 'place' },
      réseau: { count: 1, kind: 'network' },
      'coworking space': { count: 1, kind: 'place' },
    });
  });

  it('shows a value left out of an explicit value mapping as rejected, as the import does', async () => {
    const r = await dryRun({
      mapping: { kind: { column: 'type', values: { 'coworking space': 'place', lieu: 'place' } } },
    });
    expect(r.report.kindValues?.réseau).toEqual({ count: 1, kind: 'network' });
    const unknown = await dryRun({
      mapping: { kind: { column: 'typologie', values: { Fablab: 'place' } } },
    });
    expect(unknown.report.kindValues?.Coworking).toEqual({ count: 1, kind: null });
    expect(unknown.report.rejected).toContainEqual(
      expect.objectContaining({ row: 4, reason: 'invalid-kind' }),
    );
  });

  it('keeps the preview out of a real run and of the stored record', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { content: CSV, dryRun: true },
    });
    const stored = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${res.json().id}`,
      headers: adminAuth,
    });
    expect(stored.json().report.sourceRows).toBeUndefined();
    const real = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { content: CSV, sourceName: 'preview-test' },
    });
    expect(real.statusCode, real.body).toBe(202);
    expect(real.json().report.sourceRows).toBeUndefined();
  });
});
