import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openWatchedPage, type WatchedPage } from './helpers/browser';

// The facilitator's screen of a workshop under review: contributions arrive in the feed and the queue,
// and are approved from it.

const atlas = inject('e2eUrl');
const adminToken = inject('e2eAdminToken');

let browser: Browser;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await watched?.context.close();
  await browser?.close();
});

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${atlas}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('facilitator screen', () => {
  it('shows the join QR code, then each contribution in the feed and the queue, and approves it', async () => {
    const workshop = await api<{ code: string }>('/api/workshops', adminToken, {
      method: 'POST',
      body: JSON.stringify({ title: 'Forum des communs', policy: 'review' }),
    });
    watched = await openWatchedPage(browser, atlas);
    const { page, context } = watched;
    await context.addInitScript((token) => {
      localStorage.setItem(
        'atlas.session',
        JSON.stringify({ token, displayName: '', role: 'admin', workshop: null, contributorId: null }),
      );
    }, adminToken);
    await page.goto(`${atlas}/facilitator.html?workshop=${workshop.code}`);
    await page.waitForSelector('#board:not([hidden])', { timeout: 60_000 });
    expect(await page.textContent('#fac-title')).toBe('Forum des communs');
    expect(await page.getAttribute('#join-url', 'href')).toContain(`?join=${workshop.code}`);
    await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement).naturalWidth > 0);
    await page.waitForSelector('html[data-live="ready"]', { state: 'attached', timeout: 30_000 });

    const joined = await api<{ token: string }>(`/api/workshops/${workshop.code}/join`, adminToken, {
      method: 'POST',
      body: JSON.stringify({ displayName: 'Sacha' }),
    });
    const id = crypto.randomUUID();
    await api(`/api/entries`, joined.token, {
      method: 'POST',
      body: JSON.stringify({
        type: 'Feature',
        id,
        geometry: { type: 'Point', coordinates: [5.3698, 43.2965] },
        properties: { kind: 'place', name: 'Ressourcerie du port', themes: ['ressourcerie'] },
      }),
    });
    await page.waitForSelector(`#feed li[data-entry-id="${id}"]`, { timeout: 10_000 });
    expect(await page.textContent(`#feed li[data-entry-id="${id}"]`)).toContain('Sacha');
    await page.waitForSelector(`.fac-queue li[data-entry-id="${id}"]`, { timeout: 10_000 });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Valider : Ressourcerie du port' }).click();
    await page.waitForSelector(`.fac-queue li[data-entry-id="${id}"]`, {
      state: 'detached',
      timeout: 10_000,
    });
    const entry = await api<{ properties: { status: string } }>(`/api/entries/${id}`, adminToken);
    expect(entry.properties.status).toBe('published');
    await expect.poll(() => page.textContent('#count-published'), { timeout: 10_000 }).toBe('1');
    expect(watched.consoleErrors).toEqual([]);
  });
});
