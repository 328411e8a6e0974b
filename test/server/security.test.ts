import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { readConfig } from '../../server/config';
import { LiveSlots } from '../../server/plugins/rate-limit';
import { ADMIN_TOKEN, adminAuth } from '../helpers/app';
import { freshDatabase, type TestDatabase } from '../helpers/database';
import { makeContributor, makeEntry } from './security.fixtures';

type App = Awaited<ReturnType<typeof buildApp>>;

// Two apps on one database: the defaults (with a built client to serve), and a strict configuration with
// tiny limits, embed origins, a remote basemap and a one-second request timeout.
let database: TestDatabase;
let app: App;
let strict: App;
let clientRoot: string;

beforeAll(async () => {
  clientRoot = mkdtempSync(join(tmpdir(), 'atlas-client-'));
  mkdirSync(join(clientRoot, 'assets'));
  writeFileSync(join(clientRoot, 'index.html'), '<!doctype html><title>Atlas</title>');
  writeFileSync(join(clientRoot, 'embed.html'), '<!doctype html><title>Atlas embed</title>');
  writeFileSync(join(clientRoot, 'assets', 'app.js'), 'console.log(1)');
  database = await freshDatabase();
  const base = readConfig({ ATLAS_ADMIN_TOKEN: ADMIN_TOKEN, ATLAS_DEMO: '0' });
  app = await buildApp({ config: base, database, clientRoot });
  strict = await buildApp({
    database,
    clientRoot,
    config: {
      ...base,
      embedOrigins: ['https://reseau.example', 'https://tiers-lieux.example'],
      basemapStyle: 'https://tiles.example.org/styles/liberty.json',
      cspConnectOrigins: ['https://glyphs.example.net'],
      requestTimeoutMs: 1000,
      rateLimits: {
        readsPerAddress: 5,
        writesPerAddress: 100,
        writesPerToken: 3,
        importsPerToken: 1,
        importPreviewsPerToken: 2,
        loginsPerAddress: 2,
        reportsPerAddress: 2,
        liveConnectionsPerAddress: 2,
      },
    },
  });
  await Promise.all([app.ready(), strict.ready()]);
});

afterAll(async () => {
  await app?.close();
  await strict?.close();
  await database?.close();
  rmSync(clientRoot, { recursive: true, force: true });
});

function csp(headers: Record<string, unknown>): Map<string, string> {
  const value = String(headers['content-security-policy'] ?? '');
  return new Map(
    value
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.slice(d.indexOf(' ') + 1)] as [string, string]),
  );
}

describe('security headers', () => {
  it('sends a strict CSP and the usual headers on the API and the app', async () => {
    for (const url of ['/api/health', '/']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const policy = csp(res.headers);
      expect(policy.get('default-src')).toBe("'self'");
      expect(policy.get('script-src')).toBe("'self'");
      expect(policy.get('style-src')).toBe("'self'");
      expect(policy.get('style-src-attr')).toBe("'unsafe-inline'");
      expect(policy.get('img-src')).toBe("'self' data: blob:");
      expect(policy.get('connect-src')).toBe("'self'");
      expect(policy.get('worker-src')).toBe("'self' blob:");
      expect(policy.get('object-src')).toBe("'none'");
      expect(policy.get('base-uri')).toBe("'self'");
      expect(policy.get('frame-ancestors')).toBe("'none'");
      expect(String(res.headers['content-security-policy'])).not.toMatch(
        /unsafe-eval|script-src[^;]*unsafe-inline/,
      );
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['permissions-policy']).toMatch(/camera=\(\)/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps API answers for this origin only, and lets other sites load public static files', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/api/health' })).headers['cross-origin-resource-policy'],
    ).toBe('same-origin');
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('lets any site frame the embed page by default, and no other page', async () => {
    const res = await app.inject({ method: 'GET', url: '/embed' });
    expect(res.statusCode).toBe(200);
    expect(csp(res.headers).get('frame-ancestors')).toBe('*');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(csp(res.headers).get('script-src')).toBe("'self'");
  });

  it('limits framing of the embed page to ATLAS_EMBED_ORIGINS when set', async () => {
    const res = await strict.inject({ method: 'GET', url: '/embed?theme=fablabs' });
    expect(csp(res.headers).get('frame-ancestors')).toBe(
      "'self' https://reseau.example https://tiers-lieux.example",
    );
    const page = await strict.inject({ method: 'GET', url: '/' });
    expect(csp(page.headers).get('frame-ancestors')).toBe("'none'");
  });

  it('allows the basemap style origin (and extra ones) in connect-src and img-src', async () => {
    const policy = csp((await strict.inject({ method: 'GET', url: '/' })).headers);
    expect(policy.get('connect-src')).toBe("'self' https://tiles.example.org https://glyphs.example.net");
    expect(policy.get('img-src')).toContain('https://tiles.example.org');
  });

  it('still serves the API docs (swagger-ui with its own static CSP)', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    const policy = csp(page.headers);
    expect(policy.get('script-src')).toMatch(/^'self'/);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    for (const script of page.body.matchAll(/<script src="\.\/([^"]+)"/g)) {
      const res = await app.inject({ method: 'GET', url: `/api/docs/${script[1]}` });
      expect(res.statusCode, script[1]).toBe(200);
    }
    const json = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.json().paths['/api/moderation/queue']).toBeDefined();
  });
});

describe('abuse limits', () => {
  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('limits reads per address with 429 problem+json and Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await strict.inject({ method: 'GET', url: '/api/health', headers: from('198.51.100.1') }))
          .statusCode,
      ).toBe(200);
    }
    const res = await strict.inject({ method: 'GET', url: '/api/health', headers: from('198.51.100.1') });
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.json()).toMatchObject({ status: 429, type: '/problems/rate-limited' });
    const other = await strict.inject({ method: 'GET', url: '/api/health', headers: from('198.51.100.2') });
    expect(other.statusCode).toBe(200);
  });

  it('limits writes per token, whatever the address', async () => {
    const facilitator = await makeContributor(database.db, { role: 'facilitator' });
    const entry = await makeEntry(database.db);
    const bulk = (address: string) =>
      strict.inject({
        method: 'POST',
        url: '/api/moderation/bulk',
        headers: { ...facilitator.headers, ...from(address) },
        payload: { ids: [entry], action: 'approve' },
      });
    for (let i = 0; i < 3; i++) expect((await bulk(`198.51.100.${10 + i}`)).statusCode).toBe(200);
    const res = await bulk('198.51.100.20');
    expect(res.statusCode).toBe(429);
    expect(res.json().detail).toMatch(/with this token/);
  });

  it('counts import previews apart from imports, and holds a preview to a dry run', async () => {
    const facilitator = await makeContributor(database.db, { role: 'facilitator' });
    const csv = 'nom;latitude;longitude\nFablab du quai;45.76;4.83\n';
    const send = (url: string, dryRun: boolean) =>
      strict.inject({
        method: 'POST',
        url,
        headers: { ...facilitator.headers, ...from('198.51.100.25') },
        payload: { content: csv, dryRun, sourceName: 'aperçu' },
      });
    // The body asks for a real run, the URL for a preview: it stays a dry run.
    const preview = await send('/api/imports?dryRun=true', false);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true });
    expect((await send('/api/imports?dryRun=1', true)).statusCode).toBe(200);
    const third = await send('/api/imports?dryRun=true', true);
    expect(third.statusCode).toBe(429);
    expect(third.json().detail).toMatch(/import previews with this token/);
    // The previews did not spend the import budget.
    expect((await send('/api/imports', false)).statusCode).toBe(202);
    expect((await send('/api/imports', true)).statusCode).toBe(429);
  });

  it('limits password attempts per address', async () => {
    const attempt = () =>
      strict.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: from('198.51.100.30'),
        payload: { login: 'someone', password: 'guess-guess-guess' },
      });
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(429);
  });

  it('limits reports per address', async () => {
    const entry = await makeEntry(database.db);
    const statuses: number[] = [];
    for (const reason of ['closed', 'wrong', 'duplicate']) {
      const res = await strict.inject({
        method: 'POST',
        url: `/api/entries/${entry}/reports`,
        headers: from('198.51.100.40'),
        payload: { reason },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('caps live connections per address', () => {
    const slots = new LiveSlots(2);
    const a = slots.acquire('192.0.2.1');
    const b = slots.acquire('192.0.2.1');
    expect(a && b).toBeTruthy();
    expect(slots.acquire('192.0.2.1')).toBeNull();
    expect(slots.acquire('192.0.2.2')).not.toBeNull();
    a?.();
    a?.();
    expect(slots.count('192.0.2.1')).toBe(1);
    expect(slots.acquire('192.0.2.1')).not.toBeNull();
    expect(strict.liveSlots.maxPerAddress).toBe(2);
  });

  it('ignores X-Forwarded-For from a proxy it does not trust', async () => {
    const config = { ...readConfig({ ATLAS_DEMO: '0' }), trustProxy: false as const };
    const untrusting = await buildApp({ config, database, clientRoot });
    try {
      untrusting.get('/api/test/ip', (request) => ({ ip: request.ip }));
      const res = await untrusting.inject({
        method: 'GET',
        url: '/api/test/ip',
        headers: from('203.0.113.9'),
      });
      expect(res.json().ip).toBe('127.0.0.1');
    } finally {
      await untrusting.close();
    }
  });
});

describe('hostile requests', () => {
  it('answers an oversized body with 413 problem+json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/moderation/bulk',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      payload: JSON.stringify({ ids: [], action: 'approve', note: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses the NUL character with a 400, never a database error', async () => {
    const entry = await makeEntry(database.db);
    const res = await app.inject({
      method: 'POST',
      url: `/api/entries/${entry}/reports`,
      payload: { reason: 'wrong', comment: 'abc\u0000def' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: '/comment', message: expect.stringMatching(/NUL/) }]);
    const query = await app.inject({ method: 'GET', url: '/api/tokens?workshop=%00', headers: adminAuth });
    expect(query.statusCode).toBe(400);
  });

  it('closes a request that arrives too slowly', async () => {
    await strict.listen({ port: 0, host: '127.0.0.1' });
    const { port } = strict.server.address() as { port: number };
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        // Headers, then a body that never comes: a slowloris.
        socket.write(
          'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
        );
      });
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        reject(new Error('the server kept a slow request open for 15 s'));
      }, 15_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('never serves a file outside the client folder', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const attempts = [
      '/../../../../etc/passwd',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/%252e%252e/%252e%252e/etc/passwd',
      '/assets/../../../../etc/passwd',
      '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/assets/%2e%2e%5c%2e%2e%5c%2e%2e%5cetc%5cpasswd',
      '/..\\..\\..\\..\\etc\\passwd',
      '/embed/../../../../etc/passwd',
      '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
      '/....//....//....//etc/passwd',
      '/etc/passwd%00.html',
      `/${'../'.repeat(3)}package.json`,
      '/..%2fpackage.json',
      '//etc/passwd',
    ];
    for (const path of attempts) {
      const response = await rawGet(port, path);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
      expect([400, 403, 404], `${path} → ${status}`).toContain(status);
      expect(response, path).not.toMatch(/root:.*:0:0:/);
      expect(response, path).not.toContain('"atlas-des-communs"');
    }
  });
});

/** A GET with the path sent byte for byte (inject() and fetch() would normalize the dots). */
function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}
