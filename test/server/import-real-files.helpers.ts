import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { ImportRecord } from '../../server/contract/import';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { withoutRateLimits } from '../helpers/factories';

/** Real files from the field's other maps, kept small with their origin (see the README there). */
export const REAL = resolve(process.cwd(), 'test/fixtures/imports/real');

/** The themes both atlases of these tests have, so files from one can be compared in the other. */
export const THEMES = [
  { slug: 'fablab', label_fr: 'Fablab', label_en: 'Fablab' },
  { slug: 'coworking', label_fr: 'Coworking', label_en: 'Coworking' },
  { slug: 'tiers-lieux', label_fr: 'Tiers-lieux', label_en: 'Third places' },
  { slug: 'mediatheque', label_fr: 'Médiathèque', label_en: 'Media library' },
  { slug: 'epn', label_fr: 'Espace public numérique', label_en: 'Public digital space' },
  { slug: 'france-services', label_fr: 'France Services', label_en: 'France Services' },
  { slug: 'mediation-numerique', label_fr: 'Médiation numérique', label_en: 'Digital inclusion' },
];

/** An app on a fresh database, without rate limits: an empty atlas. */
export function emptyAtlas(): Promise<TestApp> {
  return buildTestApp(withoutRateLimits);
}

/** An app on a fresh database, with the themes above. */
export async function atlasWithThemes(): Promise<TestApp> {
  const t = await emptyAtlas();
  await t.app.db.insertInto('themes').values(THEMES).execute();
  return t;
}

export function realFile(name: string): Buffer {
  return readFileSync(resolve(REAL, name));
}

/** A dry run of raw bytes, as a browser upload sends them. */
export async function dryRun(
  t: TestApp,
  bytes: Buffer | string,
  query: Record<string, string> = {},
): Promise<ImportRecord> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { ...adminAuth, 'content-type': 'application/octet-stream' },
    query: { dryRun: 'true', ...query },
    payload: bytes,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportRecord;
}

/** A real run of raw bytes, waited for to its end. */
export async function importBytes(
  t: TestApp,
  bytes: Buffer | string,
  query: Record<string, string> = {},
): Promise<ImportRecord> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { ...adminAuth, 'content-type': 'application/octet-stream' },
    query,
    payload: bytes,
  });
  expect(res.statusCode, res.body).toBe(202);
  for (let i = 0; i < 600; i++) {
    const poll = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${res.json().id}`,
      headers: adminAuth,
    });
    const record = poll.json() as ImportRecord;
    if (record.status !== 'running' && record.status !== 'pending') return record;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the import did not finish');
}

/** The first preview row of a dry run, as it would become an entry. */
export function firstSample(record: ImportRecord): Record<string, unknown> {
  return (record.report.sample?.[0] ?? {}) as Record<string, unknown>;
}
