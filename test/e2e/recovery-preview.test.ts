/**
 * End to end, focused: the recovery preview of a copy of the demo store's collection in
 * Chromium against `serve` — Safe's preview marks the insert of order-2, which a rolled-back
 * transaction wrote; one click plans again committed-only, without it; after applying, the
 * Verify tab says its results are out of date and runs again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoStore } from '../../scripts/make-demo-store.js';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { e2eViewport } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

interface StoreHandle {
  getState(): { recoveryPlan: { committed_only: boolean; changes: Array<{ document_id: string; uncommitted?: unknown[] }> } | null };
}

describe.skipIf(unavailable !== null)('the recovery preview marks work that did not commit', () => {
  let tmp: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-ui-preview-'));
    const rendererDir = path.join(tmp, 'renderer');
    await buildRenderer(rendererDir);
    const { collectionDir } = await makeDemoStore(path.join(tmp, 'demo-store'));
    serve = await startServe([collectionDir, '--port', '0', '--renderer-dir', rendererDir], { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: e2eViewport() });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const plan = () => page.evaluate(() => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().recoveryPlan);

  it('marks order-2 in Safe\'s preview, re-plans committed-only in one click, and Verify says it is out of date after applying', async () => {
    await page.goto(serve.url);
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 60_000 });
    await page.locator('header').getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('verify-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('verify-stale').count()).toBe(0);

    await page.locator('header').getByRole('button', { name: 'Recover…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recover the store from the log' });
    expect(await dialog.getByRole('radio', { name: /Safe/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Preview the plan' }).click();
    await dialog.getByTestId('recovery-plan').waitFor({ timeout: 60_000 });
    const order2 = dialog.locator('[data-document="order-2"]');
    expect(await order2.getByTestId('uncommitted-mark').textContent()).toBe('from a transaction rolled back');
    const marked = (await plan())!.changes.filter((c) => c.uncommitted).map((c) => c.document_id);
    expect(marked).toContain('order-2');
    expect(await dialog.getByTestId('uncommitted-mark').count()).toBe(Math.min(marked.length, 100));

    await dialog.getByRole('button', { name: 'Plan again with committed transactions only' }).click();
    await page.waitForFunction(() => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().recoveryPlan?.committed_only === true, undefined, { timeout: 60_000 });
    await dialog.getByTestId('recovery-plan').waitFor();
    expect((await plan())!.changes.map((c) => c.document_id)).not.toContain('order-2');
    expect(await dialog.getByTestId('uncommitted-mark').count()).toBe(0);
    expect(await dialog.getByTestId('uncommitted-notice').count()).toBe(0);

    await dialog.getByLabel('I have read the plan').check();
    await dialog.getByRole('button', { name: 'Apply recovery' }).click();
    await dialog.getByTestId('recovery-result').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: /Close|Done|Cancel/ }).first().click();

    const stale = page.getByTestId('verify-stale');
    await stale.waitFor();
    expect(await stale.textContent()).toContain('These results are out of date: a recovery changed documents since it ran.');
    await stale.getByRole('button', { name: 'Verify again' }).click();
    await page.getByTestId('verify-stale').waitFor({ state: 'detached', timeout: 60_000 });
  }, 180_000);
});
