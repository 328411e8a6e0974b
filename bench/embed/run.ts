import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../../test/e2e/helpers/browser';
import { runServer } from '../../test/helpers/server-runner';

// The embed page's weight and speed (issue 6): transfer size of its JS and CSS (gzipped) and the time from
// navigation to the first drawn places, in headless Chromium with a cold cache, on an atlas of 2,000
// entries; then the cost of the interactive map, which loads at the first gesture. Targets: at most
// 350 KB, under 1.5 s on localhost. Run `npm run build` first.

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

interface Sizes {
  jsCssRaw: number;
  jsCssGzip: number;
  otherRaw: number;
  files: Map<string, { raw: number; gzip: number }>;
}

interface Run {
  /** Navigation to the first drawn places (the canvas preview, first page of entries). */
  ms: number;
  /** Navigation to all the entries drawn. */
  allMs: number;
  count: number;
  initial: Sizes;
  /** The "explore" click to the interactive MapLibre map drawn with the entries. */
  upgradeMs: number;
  total: Sizes;
  timeline: { name: string; start: number; end: number }[];
}

async function measure(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string): Promise<Run> {
  // A new context is a new, empty cache.
  const context = await browser.newContext({ viewport: { width: 800, height: 500 } });
  const page = await context.newPage();
  const bodies: { path: string; body: Buffer }[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    pending.push(
      response
        .body()
        .then((body) => {
          bodies.push({ path: new URL(response.url()).pathname, body });
        })
        .catch(() => {}),
    );
  });
  const sizes = async (): Promise<Sizes> => {
    await Promise.all(pending);
    const result: Sizes = { jsCssRaw: 0, jsCssGzip: 0, otherRaw: 0, files: new Map() };
    for (const { path, body } of bodies) {
      if (/\.(m?js|css)$/.test(path)) {
        const size = { raw: body.length, gzip: gzipSync(body).length };
        result.files.set(path, size);
        result.jsCssRaw += size.raw;
        result.jsCssGzip += size.gzip;
      } else result.otherRaw += body.length;
    }
    return result;
  };
  await page.goto(`${url}/embed`);
  await page.waitForSelector('html[data-state="drawn"]', { state: 'attached', timeout: 120_000 });
  const ms = Number(await page.getAttribute('html', 'data-first-drawn-at'));
  const allMs = Number(await page.getAttribute('html', 'data-drawn-at'));
  const count = Number(await page.getAttribute('html', 'data-count'));
  const initial = await sizes();
  // Where the time went: each request of the page, from navigation (printed for the last run).
  const timeline = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => ({
      name: new URL(entry.name).pathname + new URL(entry.name).search.slice(0, 40),
      start: Math.round(entry.startTime),
      end: Math.round((entry as PerformanceResourceTiming).responseEnd),
    })),
  );
  const clickedAt = performance.now();
  await page.click('#explore');
  await page.waitForSelector('html[data-map="maplibre"]', { state: 'attached', timeout: 120_000 });
  const upgradeMs = Math.round(performance.now() - clickedAt);
  const total = await sizes();
  await context.close();
  return { ms, allMs, count, initial, upgradeMs, total, timeline };
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
      `run ${i + 1}: first places drawn at ${String(run.ms).padStart(5)} ms, all ${run.count} at ` +
        `${String(run.allMs).padStart(5)} ms, ` +
        `JS+CSS ${kb(run.initial.jsCssGzip)} KB gz; interactive map ${String(run.upgradeMs).padStart(5)} ms ` +
        `after the click, JS+CSS then ${kb(run.total.jsCssGzip)} KB gz`,
    );
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const last = runs.at(-1)!;
  console.log('\nJS and CSS (gzip level 6, computed here: the server sends them uncompressed):');
  for (const [path, size] of [...last.total.files].sort((a, b) => b[1].gzip - a[1].gzip)) {
    const when = last.initial.files.has(path) ? 'first load' : 'on demand';
    console.log(
      `  ${path.padEnd(48)} ${kb(size.gzip).padStart(7)} KB gz  ${kb(size.raw).padStart(8)} KB raw  ${when}`,
    );
  }
  console.log('\nrequests of the last run before the first drawn places (ms from navigation):');
  for (const entry of last.timeline.filter((item) => item.start <= last.allMs)) {
    console.log(`  ${String(entry.start).padStart(5)} → ${String(entry.end).padStart(5)}  ${entry.name}`);
  }
  const firstMs = median(runs.map((run) => run.ms));
  console.log(
    `\ntransfer to first drawn places (JS+CSS gzipped): ${kb(last.initial.jsCssGzip)} KB ` +
      `(target ≤ ${TARGET.kb} KB) ${last.initial.jsCssGzip / 1024 <= TARGET.kb ? 'ok' : 'OVER'}`,
  );
  console.log(
    `time to first drawn places: median ${firstMs} ms, min ${Math.min(...runs.map((r) => r.ms))} ms, ` +
      `max ${Math.max(...runs.map((r) => r.ms))} ms (target < ${TARGET.ms} ms) ${firstMs < TARGET.ms ? 'ok' : 'OVER'}`,
  );
  console.log(`all ${last.count} entries drawn: median ${median(runs.map((run) => run.allMs))} ms`);
  console.log(
    `interactive map (MapLibre, loaded at the first gesture): +${kb(last.total.jsCssGzip - last.initial.jsCssGzip)} KB ` +
      `JS+CSS gz, ${kb(last.total.jsCssGzip)} KB in all; drawn ${median(runs.map((r) => r.upgradeMs))} ms after the click (median)`,
  );
  console.log(
    `other bytes to first drawn places (basemap GeoJSON, API JSON, HTML; uncompressed): ${kb(last.initial.otherRaw)} KB`,
  );
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
