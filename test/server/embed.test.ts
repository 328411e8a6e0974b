import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { readConfig } from '../../server/config';
import { freshDatabase, type TestDatabase } from '../helpers/database';

// The embedding surface: oEmbed, its discovery link in the pages, CORS on public reads, framing headers.

let app: Awaited<ReturnType<typeof buildApp>>;
let database: TestDatabase;
let clientRoot: string;

beforeAll(async () => {
  database = await freshDatabase();
  clientRoot = mkdtempSync(join(tmpdir(), 'atlas-embed-client-'));
  mkdirSync(join(clientRoot, 'assets'));
  writeFileSync(
    join(clientRoot, 'index.html'),
    '<!doctype html><html><head><title>Atlas</title></head></html>',
  );
  writeFileSync(
    join(clientRoot, 'embed.html'),
    '<!doctype html><html><head><title>Embed</title></head></html>',
  );
  const config = { ...readConfig({ ATLAS_DEMO: '0' }), publicUrl: 'https://atlas.example' };
  app = await buildApp({ config, database, clientRoot });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(clientRoot, { recursive: true, force: true });
});

describe('oEmbed', () => {
  it('answers a rich iframe for an embed URL of this atlas', async () => {
    const url = 'https://atlas.example/embed?theme=fablab';
    const res = await app.inject({ url: `/api/oembed?url=${encodeURIComponent(url)}&maxwidth=400` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ type: 'rich', version: '1.0', width: 400 });
    expect(body.html).toContain('https://atlas.example/embed?theme=fablab');
  });

  it('answers 404 for another site and 501 for xml', async () => {
    const other = await app.inject({
      url: `/api/oembed?url=${encodeURIComponent('https://evil.example/embed')}`,
    });
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const xml = await app.inject({
      url: `/api/oembed?url=${encodeURIComponent('https://atlas.example/embed')}&format=xml`,
    });
    expect(xml.statusCode).toBe(501);
  });

  it('puts the discovery link in the pages that have an embed', async () => {
    for (const path of ['/', '/embed?theme=fablab']) {
      const res = await app.inject({ url: path });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('type="application/json+oembed"');
      expect(res.body).toContain(encodeURIComponent(`https://atlas.example${path}`));
      expect(res.headers.link).toContain('application/json+oembed');
    }
  });
});

describe('CORS and framing', () => {
  it('lets any site read the public API, never write', async () => {
    const read = await app.inject({ url: '/api/health', headers: { origin: 'https://reseau.example' } });
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
    const write = await app.inject({ method: 'POST', url: '/api/entries', payload: {} });
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets other sites frame /embed but not the app', async () => {
    const embed = await app.inject({ url: '/embed' });
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const page = await app.inject({ url: '/' });
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});
