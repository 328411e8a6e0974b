import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../test/e2e/helpers/browser';
import { type RunningServer, runServer } from '../../test/helpers/server-runner';
import { existingCount, seedBenchDatabase, withDatabase } from '../api/seed';

// The app page's weight and speed (issue 5), in headless Chromium (software WebGL) with a cold cache:
// transfer size of its JS and CSS (gzipped), time from navigation to the first drawn places and to the whole
// first load, the time a filter change takes to redraw the map and the list, and the frame rate while the
// map pans over thousands of entries. On the demo atlas (embedded database), then on 100,000 entries in
// PostgreSQL when one is reachable at BENCH_DATABASE_URL. Run `npm run build` first (npm run bench:client does).

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BIG = Number(process.env.BENCH_ENTRIES ?? 100_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BIG_DB = 'atlas_bench_client';
const TARGET_REDRAW_MS = 100;
const NO_LIMITS = {
  ATLAS_RATE_LIMIT_WRITES: '0',
  ATLAS_RATE_LIMIT_WRITES_PER_ADDRESS: '0',
  ATLAS_RATE_LIMIT_READS: '0',
};

interface Load {
  firstPlacesMs: number;
  loadedMs: number;
  jsCssRaw: number;
  jsCssGzip: number;
  otherRaw: number;
  files: Map<string, { raw: number; gzip: number }>;
  status: string;
  count: string;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function waitForMark(page: Page, name: string, timeout = 180_000): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout });
  return page.evaluate((n) => Math.round(performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN), name);
}

/** One cold load: a new context is a new, empty cache. */
async function coldLoad(
  browser: Browser,
  url: string,
): Promise<{ load: Load; page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const bodies: { path: string; body: Buffer }[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    // The live feed (Server-Sent Events) never ends: its body is not part of the page's weight.
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    pending.push(
      response
        .body()
        .then((body) => {
          bodies.push({ path: new URL(response.url()).pathname, body });
        })
        .catch(() => {}),
    );
  });
  await page.goto(url);
  const firstPlacesMs = await waitForMark(page, 'atlas:first-places');
  const loadedMs = await waitForMark(page, 'atlas:loaded');
  await page.waitForTimeout(500);
  await Promise.all(pending);
  const files = new Map<string, { raw: number; gzip: number }>();
  let jsCssRaw = 0;
  let jsCssGzip = 0;
  let otherRaw = 0;
  for (const { path, body } of bodies) {
    if (/\.(m?js|css)$/.test(path)) {
      const size = { raw: body.length, gzip: gzipSync(body).length };
      files.set(path, size);
      jsCssRaw += size.raw;
      jsCssGzip += size.gzip;
    } else otherRaw += body.length;
  }
  const load: Load = {
    firstPlacesMs,
    loadedMs,
    jsCssRaw,
    jsCssGzip,
    otherRaw,
    files,
    status: (await page.textContent('#status'))?.trim() ?? '',
    count: (await page.textContent('#list-count'))?.trim() ?? '',
  };
  return { load, page, close: () => context.close() };
}

/** Ticks and unticks filters; each change's `atlas:redraw` measure runs from the click to the map's next frame. */
async function filterRedraws(page: Page): Promise<number[]> {
  await page.click('#filters > summary');
  // The kind "place", and the first top-level theme of the tree (the demo's and the synthetic atlas's differ).
  const theme = await page.$eval('.theme-tree .theme-top input', (input) => `#${input.id}`);
  const present = ['#filter-kind-place', theme];
  const durations: number[] = [];
  for (let round = 0; round < 2; round += 1) {
    for (const selector of present) {
      const before = await page.evaluate(() => performance.getEntriesByName('atlas:redraw').length);
      await page.click(selector);
      await page.waitForFunction((n) => performance.getEntriesByName('atlas:redraw').length > n, before, {
        timeout: 30_000,
      });
      durations.push(
        await page.evaluate(() =>
          Math.round(performance.getEntriesByName('atlas:redraw').at(-1)?.duration ?? 0),
        ),
      );
    }
  }
  return durations;
}

/** Frames drawn per second while the map is dragged for two seconds. */
async function panFps(page: Page): Promise<number> {
  const box = await page.locator('#map canvas').boundingBox();
  if (!box) return Number.NaN;
  // A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.benchFrames = 0;
    window.benchCounting = true;
    const tick = () => { window.benchFrames += 1; if (window.benchCounting) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const started = Date.now();
  const x = box.x + box.width * 0.6;
  const y = box.y + box.height * 0.5;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 40; step += 1) {
    await page.mouse.move(x - step * 6, y - step * 2);
    await page.waitForTimeout(40);
  }
  await page.mouse.up();
  const seconds = (Date.now() - started) / 1000;
  const frames = Number(await page.evaluate('window.benchCounting = false, window.benchFrames'));
  return Math.round((frames / seconds) * 10) / 10;
}

async function measure(label: string, browser: Browser, server: RunningServer, query: string): Promise<void> {
  const url = `${server.url}/${query}`;
  console.log(`\n${label}: ${url.replace(server.url, '')}, ${RUNS} cold-cache runs`);
  const loads: Load[] = [];
  let redraws: number[] = [];
  let fps = Number.NaN;
  for (let run = 0; run < RUNS; run += 1) {
    const { load, page, close } = await coldLoad(browser, url);
    loads.push(load);
    console.log(
      `  run ${run + 1}: first places drawn at ${String(load.firstPlacesMs).padStart(6)} ms, first load done at ` +
        `${String(load.loadedMs).padStart(6)} ms — ${load.status} ${load.count}`,
    );
    if (run === RUNS - 1) {
      redraws = await filterRedraws(page);
      fps = await panFps(page);
    }
    await close();
  }
  const last = loads.at(-1) as Load;
  console.log(`  JS and CSS of the page (gzip level 6, computed here: the server sends them uncompressed):`);
  for (const [path, size] of [...last.files].sort((a, b) => b[1].gzip - a[1].gzip)) {
    console.log(
      `    ${path.padEnd(46)} ${kb(size.gzip).padStart(7)} KB gz  ${kb(size.raw).padStart(8)} KB raw`,
    );
  }
  console.log(`  transfer, JS+CSS: ${kb(last.jsCssGzip)} KB gzipped (${kb(last.jsCssRaw)} KB as served)`);
  console.log(
    `  transfer, everything else (HTML, basemap GeoJSON, API JSON; uncompressed): ${kb(last.otherRaw)} KB`,
  );
  console.log(
    `  time to first drawn places: median ${median(loads.map((l) => l.firstPlacesMs))} ms ` +
      `(min ${Math.min(...loads.map((l) => l.firstPlacesMs))}, max ${Math.max(...loads.map((l) => l.firstPlacesMs))})`,
  );
  console.log(`  first load complete: median ${median(loads.map((l) => l.loadedMs))} ms`);
  const redrawMedian = median(redraws);
  console.log(
    `  filter change to map and list redrawn: median ${redrawMedian} ms, max ${Math.max(...redraws)} ms over ` +
      `${redraws.length} changes (target < ${TARGET_REDRAW_MS} ms) ${redrawMedian < TARGET_REDRAW_MS ? 'ok' : 'OVER'}`,
  );
  console.log(`  frames per second while dragging the map for 2 s: ${fps}`);
}

async function bigAtlas(): Promise<string | null> {
  try {
    const count = await existingCount(ADMIN_URL, BIG_DB);
    if (count === null || count < BIG) {
      const t0 = performance.now();
      console.log(
        `\nseeding ${BIG.toLocaleString('en')} entries into PostgreSQL (${BIG_DB}), kept for the next run…`,
      );
      await seedBenchDatabase(ADMIN_URL, BIG_DB, BIG);
      console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    return withDatabase(ADMIN_URL, BIG_DB);
  } catch (error) {
    console.log(
      `\n${BIG.toLocaleString('en')} entries: not measured (${error instanceof Error ? error.message : String(error)})`,
    );
    return null;
  }
}

if (!existsSync('dist/client/index.html')) throw new Error('build the client first: npm run build');
console.log(
  `app page benchmark; ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (figures scale with the machine's load)`,
);
const browser = await launchBrowser();
try {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-client-'));
  const demo = await runServer({ ATLAS_DATA_DIR: dataDir, ATLAS_DEMO: '1', ...NO_LIMITS }, 300_000);
  try {
    await measure('demo atlas, France', browser, demo, '');
    await measure('demo atlas, Lyon', browser, demo, '?map=11/45.76/4.83');
  } finally {
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const big = await bigAtlas();
  if (big) {
    const server = await runServer({ DATABASE_URL: big, ATLAS_DEMO: '0', ...NO_LIMITS }, 300_000);
    try {
      await measure(`${BIG.toLocaleString('en')} entries, France`, browser, server, '');
      await measure(`${BIG.toLocaleString('en')} entries, Lyon`, browser, server, '?map=11/45.76/4.83');
    } finally {
      await server.stop();
    }
  }
} finally {
  await browser.close();
}
