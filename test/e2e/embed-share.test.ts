import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchBrowser, openWatchedPage, type WatchedPage } from './helpers/browser';

// The app's share dialog writes the embed code of the current filters and view, and previews it.

const atlas = inject('e2eUrl');

let browser: Browser;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await watched?.context.close();
  await browser?.close();
});

describe('share dialog', () => {
  it('builds the iframe and script tag from the current filters, with a live preview', async () => {
    watched = await openWatchedPage(browser, atlas);
    const { page } = watched;
    await page.goto(`${atlas}/?theme=fablab&kind=place&map=8/45.764/4.8357`);
    await page.getByRole('link', { name: 'Partager ou intégrer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Partager cette carte' });
    await dialog.waitFor();
    const iframeCode = await dialog.getByLabel('Code iframe').inputValue();
    expect(iframeCode).toContain(
      `${atlas}/embed?theme=fablab&#38;kind=place&#38;center=4.8357%2C45.764&#38;zoom=8`,
    );
    await dialog.getByLabel('Afficher la liste').check();
    const scriptCode = await dialog.getByLabel('Balise script').inputValue();
    expect(scriptCode).toContain(`<script src="${atlas}/embed.js" async></script>`);
    expect(scriptCode).toContain('theme="fablab" kind="place"');
    expect(scriptCode).toContain('list="1"');
    await expect
      .poll(
        () =>
          page.frames().some((frame) => frame.url().includes('/embed?') && frame.url().includes('list=1')),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    const preview = page.frames().find((frame) => frame.url().includes('list=1'))!;
    await preview.waitForSelector('html[data-state="drawn"]', { state: 'attached', timeout: 60_000 });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    expect(watched.consoleErrors).toEqual([]);
  });
});
