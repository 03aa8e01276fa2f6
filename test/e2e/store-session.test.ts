/**
 * End to end: the demo store's root opened in Chromium against the real `serve` — a store
 * session. The collection list shows every collection with its WAL configuration; a click
 * filters the table to one; the timeline stacks by collection; with two ticked, Verify shows a section for each, and so do the
 * recovery wizard's preview and, once applied to this copy, its result. The collection list is
 * photographed at 1400 and 1024 px wide, light and dark (WAL_INSPECTOR_SCREENSHOTS_DIR keeps them).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoStore } from '../../scripts/make-demo-store.js';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { gridRows, screenshot, screenshotDir } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('a store root opened as a store session', () => {
  let tmp: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-ui-store-'));
    const rendererDir = path.join(tmp, 'renderer');
    await buildRenderer(rendererDir);
    const { root } = await makeDemoStore(path.join(tmp, 'demo-store'));
    serve = await startServe([root, '--port', '0', '--renderer-dir', rendererDir], { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists the collections, filters to one, and verifies and recovers two ticked ones with a section each', async () => {
    await page.goto(serve.url);
    const list = page.getByTestId('collection-list');
    await list.waitFor({ timeout: 60_000 });
    await gridRows(page).first().waitFor({ timeout: 60_000 });
    const names = await list.getByTestId('collection-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['collection']));
    expect(names).toEqual(['events', 'orders', 'users']);
    expect(await list.locator('[data-collection="orders"]').getByTestId('wal-config').textContent()).toMatch(/^JSON Lines/);
    expect(await list.locator('[data-collection="events"]').getByTestId('wal-config').textContent()).toMatch(/lz4 · write warn/);
    expect(await list.locator('[data-collection="users"]').textContent()).toMatch(/damaged/);
    // The table says each row's collection, and a click on one shows only its rows.
    expect(await page.getByRole('columnheader', { name: /Collection/ }).count()).toBe(1);
    await list.getByRole('button', { name: 'orders', exact: true }).click();
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[role="grid"][aria-label="Entries"] [data-kind="entry"] [data-column="collection"]')];
      return cells.length > 0 && cells.every((c) => c.textContent === 'orders');
    }, undefined, { timeout: 30_000 });
    await list.getByRole('button', { name: 'All collections' }).click();

    // The timeline stacks by collection at a click, and by type again.
    await page.getByRole('group', { name: 'Stack the timeline by' }).getByRole('button', { name: 'collection' }).click();
    await page.locator('.timeline-bar.series-0').first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('list', { name: 'Collections' }).textContent()).toBe('eventsordersusers');
    await page.getByRole('group', { name: 'Stack the timeline by' }).getByRole('button', { name: 'type' }).click();
    await page.locator('.timeline-bar.type-insert').first().waitFor();

    // Tick two: orders and users.
    await list.getByRole('checkbox', { name: 'Include events in Verify and Recover' }).uncheck();
    await page.locator('header').getByRole('button', { name: 'Verify' }).click();
    const report = page.getByTestId('store-verify-report');
    await report.waitFor({ timeout: 90_000 });
    const verified = await report.getByTestId('collection-section').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['collection']));
    expect(verified).toEqual(['orders', 'users']);
    expect(await report.locator('[data-collection="users"]').textContent()).toMatch(/Sentinel’s verdict/);
    await screenshot(page, screenshotDir(path.join(tmp, 'screenshots')), 'store-verify');

    await page.locator('header').getByRole('button', { name: 'Recover…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recover the store from the log' });
    expect(await dialog.getByTestId('collection-ticks').getByRole('checkbox', { name: 'events' }).isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Preview the plan' }).click();
    const plan = dialog.getByTestId('store-recovery-plan');
    await plan.waitFor({ timeout: 90_000 });
    const planned = await plan.getByTestId('collection-section').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['collection']));
    expect(planned).toEqual(['orders', 'users']);
    await screenshot(page, screenshotDir(path.join(tmp, 'screenshots')), 'store-recovery-preview');

    await dialog.getByLabel('I have read the plan').check();
    await dialog.getByRole('button', { name: 'Apply recovery' }).click();
    const result = dialog.getByTestId('store-recovery-result');
    await result.waitFor({ timeout: 90_000 });
    expect(await result.getByTestId('collection-section').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('verify-stale').waitFor({ timeout: 10_000 });
  }, 300_000);

  it('photographs the collection list at 1400 and 1024 px, light and dark', async () => {
    const dir = screenshotDir(path.join(tmp, 'screenshots'));
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1400, 1024]) {
        const shot = await browser.newPage({ viewport: { width, height: width === 1400 ? 900 : 640 }, colorScheme });
        try {
          await shot.goto(serve.url);
          await shot.getByTestId('collection-list').waitFor({ timeout: 60_000 });
          await gridRows(shot).first().waitFor({ timeout: 60_000 });
          const box = await shot.getByTestId('collection-list').boundingBox();
          expect(box?.width).toBeGreaterThan(150);
          // The table keeps its minimum width beside the list and the detail pane.
          const grid = await shot.getByRole('grid', { name: 'Entries' }).boundingBox();
          expect(grid?.width).toBeGreaterThanOrEqual(300);
          await screenshot(shot, dir, `collection-list-${width}-${colorScheme}`);
        } finally {
          await shot.close();
        }
      }
    }
  }, 180_000);
});
