import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  axeViolations,
  checkPagesAfterEach,
  launchBrowser,
  openWatchedPage,
  type WatchedPage,
} from './helpers/browser';

// The app page as a visitor and as a participant use it, in Chromium, on the demo atlas of the suite's server.

const base = inject('e2eUrl');
const adminToken = inject('e2eAdminToken');
/** Lyon at zoom 11: a few hundred demo places, and room to click between them. */
const LYON = 'map=11/45.76/4.83';

let browser: Browser;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

// Every test ends with no console error and no request to another origin.
checkPagesAfterEach(opened);

/** A fresh visitor (new context: empty cache and storage), optionally holding a token. */
async function open(query = '', options: { token?: string } = {}): Promise<Page> {
  const watched = await openWatchedPage(browser, base);
  opened.push(watched);
  if (options.token) {
    const session = {
      token: options.token,
      displayName: '',
      role: 'admin',
      workshop: null,
      contributorId: null,
    };
    await watched.context.addInitScript((value) => {
      localStorage.setItem('atlas.session', value);
    }, JSON.stringify(session));
  }
  await watched.page.goto(`${base}/${query}`);
  await placesDrawn(watched.page);
  return watched.page;
}

/** The whole first load is in (the first page is drawn before the others come). */
async function placesDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('atlas:loaded').length > 0, null, {
    timeout: 60_000,
  });
}

/** The map has drawn entries (not when the filters leave none with a location). */
async function mapDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('atlas:first-places').length > 0, null, {
    timeout: 60_000,
  });
}

/** The number in the list's live count ("1 234 entrées…"). */
async function listCount(page: Page): Promise<number> {
  await page.waitForFunction(() => /\d/.test(document.querySelector('#list-count')?.textContent ?? ''));
  // The live count is announced once the list settles (it waits 400 ms not to chatter).
  await page.waitForTimeout(600);
  const text = (await page.textContent('#list-count')) ?? '';
  return Number(text.replace(/[\s\u202f\u00a0]/g, '').match(/\d+/)?.[0]);
}

async function rowNames(page: Page): Promise<string[]> {
  return page.$$eval('.vlist-row .row-name', (rows) => rows.map((row) => row.textContent ?? ''));
}

/** Clicks the map canvas at a fraction of its size. */
async function clickMap(page: Page, x: number, y: number): Promise<void> {
  await mapDrawn(page);
  const box = await page.locator('#map canvas').boundingBox();
  if (!box) throw new Error('no map canvas');
  await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
}

async function pressTabUntil(page: Page, selector: string, key = 'Tab', max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`the focus never reached ${selector}`);
}

describe('the app page', () => {
  it('loads the map and the list of the demo atlas, in French', async () => {
    const page = await open();
    await mapDrawn(page);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('#status')).toMatch(/entrées chargées/);
    expect(await listCount(page)).toBeGreaterThan(1000);
    expect((await rowNames(page)).length).toBeGreaterThan(5);
    // Virtualized: far fewer rows in the document than entries in the list.
    expect((await rowNames(page)).length).toBeLessThan(80);
  });

  it('switches to English and keeps the view', async () => {
    const page = await open(`?${LYON}&q=fablab`);
    await page.click('#lang-switch');
    await placesDrawn(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.inputValue('#search-input')).toBe('fablab');
    expect(page.url()).toContain('map=11/45.76/4.83');
    expect(await page.textContent('#list-title')).toBe('Entries');
  });

  it('filters by theme, and a link reopens the same filter', async () => {
    const page = await open();
    const all = await listCount(page);
    await page.click('#filters > summary');
    await page.check('#filter-theme-fablab');
    await page.waitForFunction((before) => {
      const n = Number((document.querySelector('#list-count')?.textContent ?? '').replace(/\D/g, ''));
      return n > 0 && n < before;
    }, all);
    const fablabs = await listCount(page);
    await page.waitForFunction(() => window.location.search.includes('theme=fablab'));

    await page.reload();
    await placesDrawn(page);
    expect(await page.isChecked('#filter-theme-fablab')).toBe(true);
    expect(await listCount(page)).toBe(fablabs);
  });

  it('searches as one types', async () => {
    const page = await open();
    await page.fill('#search-input', 'repair');
    await page.waitForFunction(() =>
      /résultat/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    await page.waitForFunction(() => window.location.search.includes('q=repair'));
    const names = await rowNames(page);
    expect(names.length).toBeGreaterThan(0);
    expect(await page.inputValue('#list-sort')).toBe('relevance');
  });

  it('opens an entry from the list, with its history, and the link reopens it', async () => {
    const page = await open(`?${LYON}`);
    const [first] = await rowNames(page);
    await page.click('.vlist-row >> nth=0');
    await page.waitForFunction((name) => document.querySelector('#panel h2')?.textContent === name, first);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
    await page.waitForFunction(() => window.location.search.includes('entry='));
    await page.click('#panel button[aria-controls="history-list"]');
    await page.waitForSelector('#history-list li');
    expect(await page.textContent('#history-list')).toContain('Création');

    await page.reload();
    await placesDrawn(page);
    await page.waitForFunction((name) => document.querySelector('#panel h2')?.textContent === name, first);
  });

  it('shows a network’s members, each a link that opens it', async () => {
    const page = await open('?q=PiNG&list=all');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.vlist-row .row-name')].some((r) => r.textContent === 'PiNG'),
    );
    await page.click('.vlist-row:has-text("PiNG")');
    await page.waitForSelector('#panel h4:has-text("Membres")');
    const member = page.locator('#panel ul.relations a').first();
    const name = await member.textContent();
    await member.click();
    await page.waitForFunction((n) => document.querySelector('#panel h2')?.textContent === n, name);
  });

  it('shows who uses, maintains or contributes to a resource', async () => {
    const page = await open('?q=Movilab&list=all');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.vlist-row .row-name')].some((r) => r.textContent === 'Movilab'),
    );
    await page.click('.vlist-row:has-text("Movilab")');
    // The demo's Movilab has one contributor (La Compagnie des Tiers-Lieux).
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#panel h4')].some((h) =>
        /Contributeurs|Utilisée par|Entretenue par/.test(h.textContent ?? ''),
      ),
    );
    expect(await page.textContent('#panel ul.relations')).toContain('La Compagnie des Tiers-Lieux');
  });

  it('adds a place by clicking the map, then finds it in the list', async () => {
    const page = await open(`?${LYON}`, { token: adminToken });
    await page.click('#add-button');
    await page.waitForSelector('#panel .entry-form');
    await clickMap(page, 0.25, 0.45);
    await page.waitForFunction(() =>
      /latitude/.test(document.querySelector('.position-value')?.textContent ?? ''),
    );
    const name = `Atelier e2e ${Date.now()}`;
    await page.fill('#form-name', name);
    await page.check('#form-theme-repair-cafe');
    await page.click('#panel button[type=submit]');
    await page.waitForFunction((n) => document.querySelector('#panel h2')?.textContent === n, name, {
      timeout: 20_000,
    });
    await page.fill('#search-input', name);
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('.vlist-row .row-name')].some((r) => r.textContent === n),
      name,
      { timeout: 20_000 },
    );
  });

  it('shows the API’s validation messages beside the fields', async () => {
    const page = await open(`?${LYON}`, { token: adminToken });
    await page.click('#add-button');
    await page.waitForSelector('#panel .entry-form');
    await page.click('#panel button[type=submit]');
    await page.waitForSelector('#form-name-error:not([hidden])');
    expect(await page.textContent('#form-name-error')).toBe('Indiquez un nom.');
    expect(await page.getAttribute('#form-name', 'aria-invalid')).toBe('true');
    expect(await page.isVisible('#position-error')).toBe(true);
  });

  it('adds a place with the keyboard alone', async () => {
    const page = await open(`?${LYON}`, { token: adminToken });
    await pressTabUntil(page, '#add-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel .entry-form');
    await pressTabUntil(page, '#form-name');
    const name = `Clavier e2e ${Date.now()}`;
    await page.keyboard.type(name);
    await pressTabUntil(page, '#position-center');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      /centre/.test(document.querySelector('.position-value')?.textContent ?? ''),
    );
    // Back to the name, where Enter sends the form.
    await pressTabUntil(page, '#form-name', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('#panel h2')?.textContent === n, name, {
      timeout: 20_000,
    });
    // Escape closes the panel; the list, sorted by name, finds the new place with the keyboard too.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#panel', { state: 'hidden' });
  });

  it('shows an addition made in another browser', async () => {
    const watcher = await open(`?${LYON}&sort=updated`);
    const author = await open(`?${LYON}`, { token: adminToken });
    await author.click('#add-button');
    await author.waitForSelector('#panel .entry-form');
    await clickMap(author, 0.4, 0.3);
    const name = `Direct e2e ${Date.now()}`;
    await author.fill('#form-name', name);
    await author.click('#panel button[type=submit]');
    await author.waitForFunction((n) => document.querySelector('#panel h2')?.textContent === n, name, {
      timeout: 20_000,
    });
    // Through the live feed: no reload in the watching browser.
    await watcher.waitForFunction(
      (n) => [...document.querySelectorAll('.vlist-row .row-name')].some((r) => r.textContent === n),
      name,
      { timeout: 20_000 },
    );
  });

  it('shows the status filter to moderators only', async () => {
    const visitor = await open();
    await visitor.click('#filters > summary');
    expect(await visitor.isVisible('#filter-status-pending')).toBe(false);
    const moderator = await open('', { token: adminToken });
    await moderator.click('#filters > summary');
    await moderator.waitForSelector('#filter-status-pending', { state: 'visible' });
  });

  it('edits an entry, then a moderator reverts it from its history', async () => {
    const id = crypto.randomUUID();
    const created = await fetch(`${base}/api/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        type: 'Feature',
        id,
        geometry: { type: 'Point', coordinates: [4.85, 45.75] },
        properties: { kind: 'place', name: 'Avant modification', themes: ['fablab'] },
      }),
    });
    expect(created.status).toBe(201);
    const page = await open(`?${LYON}&entry=${id}`, { token: adminToken });
    await page.waitForFunction(
      () => document.querySelector('#panel h2')?.textContent === 'Avant modification',
    );
    await page.click('#panel .panel-actions .button-primary');
    await page.waitForSelector('#panel .entry-form');
    await page.fill('#form-name', 'Après modification');
    await page.click('#panel button[type=submit]');
    await page.waitForFunction(
      () => document.querySelector('#panel h2')?.textContent === 'Après modification',
    );
    await page.click('#history-toggle');
    await page.waitForSelector('#history-list li >> text=Modification');
    expect(await page.textContent('#history-list')).toContain('Avant modification → Après modification');
    await page.click('#history-list button:has-text("version 1")');
    await page.waitForFunction(
      () => document.querySelector('#panel h2')?.textContent === 'Avant modification',
    );
  });

  it('has no axe violation on the map and list, the entry panel and the add form', async () => {
    const page = await open(`?${LYON}`, { token: adminToken });
    expect(await axeViolations(page)).toEqual([]);
    await page.click('.vlist-row >> nth=0');
    await page.waitForSelector('#panel h2');
    await page.click('#panel button[aria-controls="history-list"]');
    await page.waitForSelector('#history-list li');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#panel .panel-close');
    await page.click('#add-button');
    await page.waitForSelector('#panel .entry-form');
    await page.click('#panel button[type=submit]');
    await page.waitForSelector('#form-name-error:not([hidden])');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('works on a phone: list and map take turns, the panel is a bottom sheet', async () => {
    const watched = await openWatchedPage(browser, base);
    opened.push(watched);
    const { page } = watched;
    await page.setViewportSize({ width: 390, height: 780 });
    await page.goto(`${base}/?${LYON}`);
    await placesDrawn(page);
    expect(await page.isVisible('#list-body')).toBe(false);
    await page.click('#view-list');
    expect(await page.isVisible('#list-body')).toBe(true);
    await page.click('.vlist-row >> nth=0');
    await page.waitForSelector('#panel h2');
    const panel = await page.locator('#panel').boundingBox();
    expect(panel && Math.round(panel.y + panel.height)).toBe(780);
    const add = await page.locator('#view-map').boundingBox();
    expect(add?.height).toBeGreaterThanOrEqual(44);
  });
});
