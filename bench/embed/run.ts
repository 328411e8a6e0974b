import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../../test/e2e/helpers/browser';
import { runServer } from '../../test/helpers/server-runner';

// The embed page's weight and speed (issue 6): transfer size of its JS and CSS (gzipped) and the time from
// navigation to the first drawn places, in headless Chromium with a cold cache, on an atlas of 2,000
// entries. Targets: at most 350 KB, under 1.5 s on localhost. Run `npm run build` first.

const ENTRIES = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ADMIN = 'bench-embed-admin-token-0123456789';
const TARGET = { kb: 350, ms: 1500 };

async function topUp(url: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = (await (
      await fetch(`${url}/api/entries?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    ).json()) as { features: unknown[]; next: string | null };
    count += page.features.length;
    cursor = page.next;
  } while (cursor);
  const missing = Math.max(0, ENTRIES - count);
  // Places spread over metropolitan France, created through the API like any contribution.
  for (let start = 0; start < missing; start += 50) {
    const batch = Array.from({ length: Math.min(50, missing - start) }, (_, i) => {
      const n = start + i;
      return fetch(`${url}/api/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({
          type: 'Feature',
          geometry: {
            type: 'Point',
            coordinates: [-1.5 + ((n * 37) % 900) / 100, 43.5 + ((n * 53) % 650) / 100],
          },
          properties: { kind: 'place', name: `Lieu de mesure ${n}`, themes: ['fablab'] },
        }),
      }).then((response) => {
        if (!response.ok) throw new Error(`POST /api/entries: ${response.status}`);
      });
    });
    await Promise.all(batch);
  }
  return count + missing;
}

interface Run {
  ms: number;
  count: number;
  jsCssRaw: number;
  jsCssGzip: number;
  otherRaw: number;
  files: Map<string, { raw: number; gzip: number }>;
}

async function measure(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string): Promise<Run> {
  // A new context is a new, empty cache.
  const context = await browser.newContext({ viewport: { width: 800, height: 500 } });
  const page = await context.newPage();
  const files = new Map<string, { raw: number; gzip: number }>();
  let otherRaw = 0;
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    pending.push(
      response
        .body()
        .then((body) => {
          const path = new URL(response.url()).pathname;
          if (/\.(m?js|css)$/.test(path)) files.set(path, { raw: body.length, gzip: gzipSync(body).length });
          else otherRaw += body.length;
        })
        .catch(() => {}),
    );
  });
  await page.goto(`${url}/embed`);
  await page.waitForSelector('html[data-state="drawn"]', { timeout: 60_000 });
  const ms = Number(await page.getAttribute('html', 'data-drawn-at'));
  const count = Number(await page.getAttribute('html', 'data-count'));
  await Promise.all(pending);
  await context.close();
  let jsCssRaw = 0;
  let jsCssGzip = 0;
  for (const file of files.values()) {
    jsCssRaw += file.raw;
    jsCssGzip += file.gzip;
  }
  return { ms, count, jsCssRaw, jsCssGzip, otherRaw, files };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-embed-'));
const server = await runServer(
  {
    ATLAS_DATA_DIR: dataDir,
    ATLAS_ADMIN_TOKEN: ADMIN,
    ATLAS_RATE_LIMIT_WRITES: '0',
    ATLAS_RATE_LIMIT_WRITES_PER_ADDRESS: '0',
    ATLAS_RATE_LIMIT_READS: '0',
  },
  300_000,
);
const browser = await launchBrowser();
try {
  const total = await topUp(server.url);
  console.log(
    `embed page on ${total} entries, ${RUNS} cold-cache runs (headless Chromium, software WebGL)\n`,
  );
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await measure(browser, server.url);
    runs.push(run);
    console.log(
      `run ${i + 1}: first places drawn at ${String(run.ms).padStart(5)} ms, ${run.count} entries, ` +
        `JS+CSS ${kb(run.jsCssGzip)} KB gzipped (${kb(run.jsCssRaw)} KB raw), other ${kb(run.otherRaw)} KB raw`,
    );
  }
  const times = runs.map((run) => run.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const last = runs.at(-1)!;
  console.log(
    '\nJS and CSS of the embed page (gzip level 6, computed here: the server sends them uncompressed):',
  );
  for (const [path, size] of [...last.files].sort((a, b) => b[1].gzip - a[1].gzip)) {
    console.log(
      `  ${path.padEnd(48)} ${kb(size.gzip).padStart(7)} KB gz  ${kb(size.raw).padStart(8)} KB raw`,
    );
  }
  console.log(
    `\ntransfer (JS+CSS gzipped): ${kb(last.jsCssGzip)} KB (target ≤ ${TARGET.kb} KB) ` +
      `${last.jsCssGzip / 1024 <= TARGET.kb ? 'ok' : 'OVER'}`,
  );
  console.log(
    `time to first drawn places: median ${median} ms, min ${times[0]} ms, max ${times.at(-1)} ms ` +
      `(target < ${TARGET.ms} ms) ${median < TARGET.ms ? 'ok' : 'OVER'}`,
  );
  console.log(
    `other bytes per load (basemap GeoJSON, API JSON, HTML; uncompressed): ${kb(last.otherRaw)} KB`,
  );
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
