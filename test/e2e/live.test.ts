import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, type WatchedPage } from './helpers/browser';

// The live client in the app page: a participant's place survives a lost network and a closed tab, and a
// change made anywhere reaches every open map.

const atlas = inject('e2eUrl');
const adminToken = inject('e2eAdminToken');

let browser: Browser;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const watched of opened) await watched.context.close();
  await browser?.close();
});

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${atlas}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}`, ...init.headers },
  });
}

async function openApp(watched: WatchedPage, path = '/'): Promise<Page> {
  const page = await watched.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(error.message));
  await page.goto(`${atlas}${path}`);
  await page.waitForFunction(() => window.atlasLive !== undefined, null, { timeout: 60_000 });
  return page;
}

describe('live client', () => {
  it("sends an offline participant's place once the network is back, even after the tab was closed", async () => {
    const workshop = await (
      await api('/api/workshops', { method: 'POST', body: JSON.stringify({ title: 'Atelier hors ligne' }) })
    ).json();
    const watched = await openWatchedPage(browser, atlas);
    opened.push(watched);
    const first = watched.page;
    await first.goto(`${atlas}/?join=${workshop.code}`);
    // The join dialog: a display name, and the contributor token lands in the session.
    await first.getByLabel('Pseudonyme').fill('Camille');
    await first.getByRole('button', { name: 'Rejoindre' }).click();
    await first.waitForFunction(() => localStorage.getItem('atlas.session')?.includes('"token"'), null, {
      timeout: 10_000,
    });
    await first.waitForFunction(() => window.atlasLive !== undefined, null, { timeout: 60_000 });

    await watched.context.setOffline(true);
    const name = `Repair café hors ligne ${Date.now()}`;
    const id = await first.evaluate(
      (entryName) =>
        window.atlasLive!.createEntry({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [4.8357, 45.764] },
          properties: { kind: 'place', name: entryName, themes: ['repair-cafe'] },
        }),
      name,
    );
    // Drawn at once, and waiting in the outbox panel.
    expect(await first.evaluate((entryId) => window.atlasLive!.entry(entryId)?.properties.name, id)).toBe(
      name,
    );
    await first.waitForSelector(`.outbox-item[data-entry-id="${id}"][data-state="waiting"]`);
    expect((await api(`/api/entries/${id}`)).status).toBe(404);
    await first.close();

    await watched.context.setOffline(false);
    const second = await openApp(watched);
    await expect
      .poll(async () => (await api(`/api/entries/${id}`)).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
    const entry = await (await api(`/api/entries/${id}`)).json();
    expect(entry.properties.name).toBe(name);
    expect(entry.properties.createdBy.displayName).toBe('Camille');
    await second.waitForSelector(`.outbox-item[data-entry-id="${id}"][data-state="sent"]`, {
      timeout: 10_000,
    });
    // Two page loads of the whole app on a shared machine: more than the default minute.
  }, 180_000);

  it('shows a change made through the API on two open maps within a few seconds', async () => {
    const watched = await openWatchedPage(browser, atlas);
    opened.push(watched);
    const pages = [await openApp(watched), await openApp(watched)];
    // Both live feeds are up before the write.
    for (const page of pages)
      await page.waitForSelector('html[data-live="ready"]', { state: 'attached', timeout: 30_000 });
    const id = crypto.randomUUID();
    const name = `Fablab en direct ${Date.now()}`;
    const created = await api('/api/entries', {
      method: 'POST',
      body: JSON.stringify({
        type: 'Feature',
        id,
        geometry: { type: 'Point', coordinates: [2.3522, 48.8566] },
        properties: { kind: 'place', name, themes: ['fablab'] },
      }),
    });
    expect(created.status).toBe(201);
    for (const page of pages) {
      await page.waitForFunction((entryId) => window.atlasLive!.entry(entryId) !== undefined, id, {
        timeout: 5_000,
      });
    }
    const renamed = await api(`/api/entries/${id}`, {
      method: 'PATCH',
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({ properties: { name: `${name} (renommé)` } }),
    });
    expect(renamed.status).toBe(200);
    for (const page of pages) {
      await page.waitForFunction(
        (entryId) => window.atlasLive!.entry(entryId)?.properties.name.endsWith('(renommé)'),
        id,
        { timeout: 5_000 },
      );
    }
    expect(watched.consoleErrors).toEqual([]);
  }, 120_000);
});
