import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openWatchedPage, type WatchedPage } from './helpers/browser';
import { type HostSite, startHostSite } from './helpers/host-site';

// A network's site, on another origin, embeds a filtered map of the atlas: by iframe and by the script tag.

const atlas = inject('e2eUrl');
const adminToken = inject('e2eAdminToken');
const FILTER = 'theme=fablab&kind=place';

let browser: Browser;
let host: HostSite;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  host = await startHostSite({
    '/iframe.html': page(
      `<iframe src="${atlas}/embed?${FILTER}&list=1&live=1" title="Carte des fablabs" width="100%" height="600"></iframe>`,
    ),
    '/script.html': page(
      `<script src="${atlas}/embed.js" async></script>\n<atlas-map theme="fablab" kind="place" list="1" live="1" height="380"></atlas-map>`,
      true,
    ),
  });
});

afterAll(async () => {
  for (const watched of opened) await watched.context.close();
  await browser?.close();
  await host?.close();
});

/** A host page; with `hostile`, CSS that would break an embed reachable by the host's selectors. */
function page(body: string, hostile = false): string {
  const css = hostile
    ? '<style>* { box-sizing: content-box !important; } iframe { border: 20px solid red; height: 10px; } div { display: none; }</style>'
    : '';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Réseau des fablabs</title><link rel="icon" href="data:,">
${css}</head><body><main><h1>Nos lieux</h1>${body}</main></body></html>`;
}

async function open(path: string): Promise<WatchedPage> {
  const watched = await openWatchedPage(browser, atlas);
  opened.push(watched);
  await watched.page.goto(`${host.origin}${path}`);
  return watched;
}

/** The embed's frame, wherever it is (a closed shadow root hides it from selectors, not from the frame tree). */
async function embedFrame(page: Page): Promise<Frame> {
  await expect
    .poll(() => page.frames().some((frame) => frame.url().includes('/embed?')), { timeout: 30_000 })
    .toBe(true);
  const frame = page.frames().find((candidate) => candidate.url().includes('/embed?'))!;
  await frame.waitForSelector('html[data-state="drawn"]', { state: 'attached', timeout: 120_000 });
  return frame;
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${atlas}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}`, ...init.headers },
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function matchingIds(): Promise<Set<string>> {
  const collection = await api<{ features: { id: string }[] }>(`/api/entries?${FILTER}&limit=1000`);
  return new Set(collection.features.map((feature) => feature.id));
}

function createPlace(name: string, themes: string[]) {
  return api<{ id: string }>('/api/entries', {
    method: 'POST',
    body: JSON.stringify({
      type: 'Feature',
      id: crypto.randomUUID(),
      geometry: { type: 'Point', coordinates: [4.8357, 45.764] },
      properties: { kind: 'place', name, themes },
    }),
  });
}

async function listedIds(frame: Frame): Promise<string[]> {
  return frame.$$eval('#list li[data-entry-id]', (items) =>
    items.map((item) => item.getAttribute('data-entry-id')!),
  );
}

describe('embed from another origin', () => {
  it('shows only the entries matching the URL filters, by iframe', async () => {
    const { page, consoleErrors } = await open('/iframe.html');
    const frame = await embedFrame(page);
    const expected = await matchingIds();
    expect(expected.size).toBeGreaterThan(0);
    const listed = await listedIds(frame);
    expect(Number(await frame.getAttribute('html', 'data-count'))).toBe(expected.size);
    expect(listed.length).toBe(Math.min(expected.size, 500));
    for (const id of listed) expect(expected.has(id)).toBe(true);
    // The first gesture swaps the drawn preview for the interactive map, with the same entries.
    await frame.click('#explore');
    await frame.waitForSelector('html[data-map="maplibre"]', { state: 'attached', timeout: 120_000 });
    expect(await frame.$('canvas.maplibregl-canvas')).not.toBeNull();
    expect(consoleErrors).toEqual([]);
  });

  it('shows a new matching entry within a second with live=1, and not one that does not match', async () => {
    const { page, consoleErrors } = await open('/iframe.html');
    const frame = await embedFrame(page);
    // The live feed is registered on the server (its `ready` event) before the writes.
    await frame.waitForSelector('html[data-live="ready"]', { state: 'attached', timeout: 30_000 });
    const other = await createPlace(`Coworking e2e ${Date.now()}`, ['coworking']);
    const created = await createPlace(`Fablab e2e ${Date.now()}`, ['fablab']);
    await frame.waitForSelector(`#list li[data-entry-id="${created.id}"]`, { timeout: 1_000 });
    expect(await frame.$(`#list li[data-entry-id="${other.id}"]`)).toBeNull();
    expect(consoleErrors).toEqual([]);
  });

  it('embeds by script tag: a shadow-DOM element whose iframe follows the content height', async () => {
    const { page, consoleErrors } = await open('/script.html');
    const frame = await embedFrame(page);
    const expected = await matchingIds();
    expect(Number(await frame.getAttribute('html', 'data-count'))).toBe(expected.size);
    for (const id of await listedIds(frame)) expect(expected.has(id)).toBe(true);
    // The list (up to 500 lines) makes the content far taller than the 380 px map: the iframe grows with it.
    await expect
      .poll(() => page.$eval('atlas-map', (element) => element.getBoundingClientRect().height), {
        timeout: 10_000,
      })
      .toBeGreaterThan(1000);
    // The host's CSS reached neither the element's iframe (no red border) nor the host's layout rules.
    expect(await page.evaluate(() => Object.keys(window).filter((key) => key.length <= 2))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('is clean for axe-core, on the host page and on the embed page itself', async () => {
    const { page } = await open('/iframe.html');
    await embedFrame(page);
    expect(await axeViolations(page)).toEqual([]);
    const direct = await openWatchedPage(browser, atlas);
    opened.push(direct);
    await direct.page.goto(`${atlas}/embed?${FILTER}&list=1&legend=1`);
    await direct.page.waitForSelector('html[data-state="drawn"]', { state: 'attached', timeout: 120_000 });
    expect(await axeViolations(direct.page)).toEqual([]);
    expect(direct.foreignRequests).toEqual([]);
    expect(direct.consoleErrors).toEqual([]);
  });
});
