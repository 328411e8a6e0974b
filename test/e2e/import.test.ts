import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  axeViolations,
  checkPagesAfterEach,
  launchBrowser,
  openWatchedPage,
  type WatchedPage,
} from './helpers/browser';

// The import dialog as an admin uses it: a spreadsheet saved on Windows (";" and Windows-1252), its preview
// and mapping, the real run's progress, the new entries on the list, and the undo.

const base = inject('e2eUrl');
const adminToken = inject('e2eAdminToken');
/** Lyon at zoom 11, the list sorted by last change: new entries come first. */
const LYON_NEWEST = 'map=11/45.76/4.83&sort=updated';

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

async function openAsAdmin(query: string): Promise<Page> {
  const watched = await openWatchedPage(browser, base);
  opened.push(watched);
  const session = { token: adminToken, displayName: '', role: 'admin', workshop: null, contributorId: null };
  await watched.context.addInitScript((value) => {
    localStorage.setItem('atlas.session', value);
  }, JSON.stringify(session));
  await watched.page.goto(`${base}/?${query}`);
  await watched.page.waitForFunction(() => performance.getEntriesByName('atlas:loaded').length > 0, null, {
    timeout: 60_000,
  });
  return watched.page;
}

/** A spreadsheet as Excel saves it on Windows: ";" between cells, Windows-1252, CRLF. */
function windowsCsv(stamp: string): Buffer {
  const lines = [
    'nom;typologie;catégorie;lat;lon;ville',
    `Fablab Ébène ${stamp};Fablab;lieu;45.761;4.835;Lyon`,
    `Repair café ${stamp};Repair café;lieu;45.765;4.845;Lyon`,
    `Réseau coworking ${stamp};Coworking;réseau;45.752;4.822;Lyon`,
    ';Fablab;lieu;45.76;4.83;Lyon',
    `Atelier sans adresse ${stamp};Fablab;lieu;;;Villeurbanne`,
  ];
  // latin1 is Windows-1252 for every character used here.
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

async function listNames(page: Page): Promise<string[]> {
  return page.$$eval('.vlist-row .row-name', (rows) => rows.map((row) => row.textContent ?? ''));
}

describe('the import dialog', () => {
  it('is not offered to a visitor', async () => {
    const watched = await openWatchedPage(browser, base);
    opened.push(watched);
    await watched.page.goto(`${base}/`);
    await watched.page.waitForTimeout(5_000);
    expect(await watched.page.isVisible('#import-button')).toBe(false);
  });

  it('previews, maps, imports with progress, shows the entries, and undoes the import', async () => {
    const stamp = `e2e${Date.now().toString(36)}`;
    const page = await openAsAdmin(LYON_NEWEST);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.waitForSelector('#import-button', { state: 'visible', timeout: 20_000 });
    await page.click('#import-button');
    await page.waitForSelector('#import-dialog[open]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-step-source');

    // Step 1: nothing chosen says so in the dialog; then a file.
    await page.click('#import-dialog button[type=submit]');
    expect(await page.textContent('#import-dialog .import-error')).toContain('Choisissez un fichier');
    await page.setInputFiles('#import-file', {
      name: 'tiers-lieux.csv',
      mimeType: 'text/csv',
      buffer: windowsCsv(stamp),
    });
    expect(await page.inputValue('#import-source-name')).toBe('tiers-lieux');
    await page.click('#import-dialog button[type=submit]');

    // Step 2: the columns with their values, the guessed mapping, the report.
    await page.waitForSelector('#import-step-preview', { state: 'visible', timeout: 30_000 });
    const roles = page.locator('#import-dialog .import-mapping table').first();
    expect(await roles.textContent()).toContain(`Fablab Ébène ${stamp}`);
    expect(await page.inputValue('#import-role-0')).toBe('name');
    expect(await page.inputValue('#import-role-1')).toBe('themes');
    expect(await page.inputValue('#import-role-2')).toBe('');
    expect(await page.textContent('#import-dialog .import-report')).toContain('windows-1252');
    expect(await page.textContent('[data-count="read"]')).toBe('5');
    expect(await page.textContent('[data-count="create"]')).toBe('4');
    expect(await page.textContent('[data-count="toLocate"]')).toBe('1');
    const rejected = page.locator('#import-dialog table', { hasText: 'pas de nom' });
    expect(await rejected.locator('tbody th').first().textContent()).toBe('5');
    expect(await page.textContent('#import-dialog .import-report')).toContain('Fablab');
    expect(await axeViolations(page)).toEqual([]);

    // One mapping changed: the "catégorie" column gives the kind; the preview is computed again.
    await page.selectOption('#import-role-2', 'kind');
    await page.waitForSelector('#import-kind-value-0', { timeout: 30_000 });
    const kindTable = await page.textContent('#import-dialog .import-mapping');
    expect(kindTable).toContain('réseau');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#import-dialog .import-report td')].some(
        (td) => td.textContent === 'Réseau',
      ),
    );
    expect(await page.isEnabled('#import-run')).toBe(true);
    expect(await page.textContent('#import-run')).toBe('Importer 4 entrées');

    // Step 3: the real run, its progress to the end, the entries in the list behind the dialog.
    await page.click('#import-run');
    await page.waitForSelector('#import-step-run', { state: 'visible' });
    await page.waitForSelector('#import-undo', { state: 'visible', timeout: 30_000 });
    const progress = await page.$eval('#import-progress', (bar) => ({
      value: (bar as HTMLProgressElement).value,
      max: (bar as HTMLProgressElement).max,
    }));
    expect(progress).toEqual({ value: 4, max: 4 });
    expect(await page.textContent('#import-dialog .import-progress-text')).toBe('Lignes écrites : 4 sur 4');
    expect(await page.textContent('#import-dialog .import-result-message')).toContain('Entrées créées : 4');
    expect(await axeViolations(page)).toEqual([]);
    // The progress came through the event stream, not the polling that stands in when it breaks.
    expect(warnings.filter((w) => w.includes('progress stream'))).toEqual([]);
    await page.waitForFunction(
      (s) =>
        [...document.querySelectorAll('.vlist-row .row-name')].some(
          (r) => r.textContent === `Fablab Ébène ${s}`,
        ),
      stamp,
      { timeout: 20_000 },
    );
    expect((await listNames(page)).filter((name) => name.endsWith(stamp)).length).toBeGreaterThanOrEqual(3);

    // Closed and opened again, the dialog still holds the result; the undo removes the entries.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#import-dialog', { state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-button');
    await page.click('#import-button');
    await page.click('#import-undo');
    await page.waitForFunction(
      () =>
        /Import annulé\. Entrées supprimées : 4/.test(
          document.querySelector('.import-result-message')?.textContent ?? '',
        ),
      null,
      { timeout: 30_000 },
    );
    await page.waitForFunction(
      (s) => ![...document.querySelectorAll('.vlist-row .row-name')].some((r) => r.textContent?.endsWith(s)),
      stamp,
      { timeout: 20_000 },
    );

    // The earlier imports list it as undone.
    await page.click('#import-dialog .import-past summary');
    const past = page.locator('#import-dialog .import-past tr', { hasText: 'tiers-lieux' }).first();
    await past.waitFor();
    expect(await past.textContent()).toContain('annulé');
  });

  it('previews a Google My Maps KML chosen as KML: its layers offered as themes', async () => {
    const page = await openAsAdmin(LYON_NEWEST);
    await page.waitForSelector('#import-button', { state: 'visible', timeout: 20_000 });
    await page.click('#import-button');
    await page.setInputFiles('#import-file', {
      name: 'tiers-lieux.kml',
      mimeType: 'application/vnd.google-earth.kml+xml',
      buffer: readFileSync(resolve('test/fixtures/imports/real/cget-tiers-lieux_my-maps-shape.kml')),
    });
    await page.selectOption('#import-format', 'kml');
    expect(await page.textContent('#import-format option[value=kml]')).toContain('Google My Maps');
    await page.click('#import-dialog button[type=submit]');
    await page.waitForSelector('#import-step-preview', { state: 'visible', timeout: 30_000 });
    expect(await page.textContent('#import-dialog .import-report')).toMatch(/Format\s:\sKML/);
    expect(await page.textContent('[data-count="read"]')).toBe('4');
    expect(await page.textContent('[data-count="toLocate"]')).toBe('1');
    // The folder column (a My Maps layer) is mapped to themes, like a CSV's category column.
    const folderRole = await page
      .locator('#import-dialog .import-mapping tr', { hasText: 'folder' })
      .first()
      .locator('select')
      .inputValue();
    expect(folderRole).toBe('themes');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('previews a spreadsheet chosen from the disk: the sheet it read and its rows', async () => {
    const page = await openAsAdmin(LYON_NEWEST);
    await page.waitForSelector('#import-button', { state: 'visible', timeout: 20_000 });
    await page.click('#import-button');
    expect(await page.getAttribute('#import-file', 'accept')).toContain('.xlsx');
    await page.setInputFiles('#import-file', {
      name: 'tiers-lieux.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(resolve('test/fixtures/imports/spreadsheets/cget-tiers-lieux-2019_extrait.xlsx')),
    });
    await page.click('#import-dialog button[type=submit]');
    await page.waitForSelector('#import-step-preview', { state: 'visible', timeout: 30_000 });
    expect(await page.textContent('#import-dialog .import-report')).toContain('XLSX, sheet "Tiers-lieux"');
    expect(await page.textContent('[data-count="read"]')).toBe('4');
    expect(await page.textContent('[data-count="rejected"]')).toBe('0');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lists, in the preview, the links whose target is neither in the file nor in the atlas', async () => {
    const page = await openAsAdmin(LYON_NEWEST);
    await page.waitForSelector('#import-button', { state: 'visible', timeout: 20_000 });
    await page.click('#import-button');
    const file = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: '0190a000-0000-7000-8000-0000000000e1',
          geometry: { type: 'Point', coordinates: [4.83, 45.76] },
          properties: {
            kind: 'place',
            name: 'Fablab des Pentes',
            relations: { uses: [{ id: '0190a000-0000-7000-8000-0000000000e2', name: 'HedgeDoc' }] },
          },
        },
      ],
    };
    await page.setInputFiles('#import-file', {
      name: 'export.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await page.click('#import-dialog button[type=submit]');
    await page.waitForSelector('#import-dialog .import-missing-relations', { timeout: 30_000 });
    const missing = page.locator('#import-dialog .import-missing-relations');
    expect(await missing.locator('h5').textContent()).toBe('1 lien vers une entrée introuvable');
    const row = await missing.locator('tbody tr').first().textContent();
    expect(row).toContain('Utilise');
    expect(row).toContain('HedgeDoc');
    expect(row).toContain('0190a000-0000-7000-8000-0000000000e2');
    expect(await page.textContent('[data-count="create"]')).toBe('1');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says why a file cannot be read, and keeps the choices', async () => {
    const page = await openAsAdmin(LYON_NEWEST);
    await page.waitForSelector('#import-button', { state: 'visible', timeout: 20_000 });
    await page.click('#import-button');
    await page.setInputFiles('#import-file', {
      name: 'classeur.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]),
    });
    await page.fill('#import-source-name', 'Mon réseau');
    await page.click('#import-dialog button[type=submit]');
    await page.waitForFunction(() =>
      /ne peut pas être décompressé/.test(document.querySelector('.import-error')?.textContent ?? ''),
    );
    expect(await page.isVisible('#import-step-source')).toBe(true);
    expect(await page.inputValue('#import-source-name')).toBe('Mon réseau');
    // Chromium logs the refused request itself; that one is expected, any other error is not.
    const watched = opened[opened.length - 1];
    if (watched) {
      watched.consoleErrors = watched.consoleErrors.filter((e) => !/status of 422/.test(e));
    }
  });
});
