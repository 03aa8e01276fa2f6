/**
 * End to end: time travel in Chromium against the real `serve` — a document's History tab, an
 * undo whose conflict is shown before anything is written, and a rehearsal (restore into a new
 * folder) compared with the live store and promoted, after which the live store's document files
 * are the rehearsal's; the same for a recovery rehearsed from the recovery wizard's preview.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B, C, I, U, tx, type Step } from '../core/history/history-fixture.js';
import { documentFiles, laggingStore, storeWith } from '../core/restore/restore-fixture.js';
import { liveData, treeSnapshot, type TestStore } from '../core/store/store-fixture.js';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { e2eColorScheme, e2eViewport, screenshot, screenshotDir } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

interface StoreHandle {
  getState(): { session: { collection_dir: string | null } | null; openPath(path: string, collection?: string): Promise<void> };
}

const X = tx('deploy');
const Y = tx('later');
/** a and b inserted; X (the bad deploy) changes both; Y changes a's p again: undoing X conflicts on a at $.p. */
const steps: Step[] = [
  I('a', '{"p":1,"q":1}', { at: 1 }), I('b', '{"v":1}', { at: 2 }),
  B(X, 3), U('a', '{"p":9,"q":1}', { tx: X, at: 3 }), U('b', '{"v":2}', { tx: X, at: 3 }), C(X, 3),
  B(Y, 5), U('a', '{"p":10,"q":1}', { tx: Y, at: 5 }), C(Y, 5),
];
const now = { a: '{"p":10,"q":1}', b: '{"v":2}' };


describe.skipIf(unavailable !== null)('time travel in Chromium against `serve`', () => {
  let tmp: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let undoStore: TestStore;
  let rehearseStore: TestStore;
  let recoverStore: TestStore;
  let shots: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-ui-time-travel-'));
    const rendererDir = path.join(tmp, 'renderer');
    shots = screenshotDir(path.join(tmp, 'screenshots'));
    await buildRenderer(rendererDir);
    undoStore = await storeWith(now, steps);
    rehearseStore = await storeWith(now, steps);
    recoverStore = await laggingStore(6, 2, 1);
    serve = await startServe([undoStore.collDir, '--port', '0', '--renderer-dir', rendererDir], { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: e2eViewport(), colorScheme: e2eColorScheme() });
    await page.goto(serve.url);
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await undoStore?.cleanup();
    await rehearseStore?.cleanup();
    await recoverStore?.cleanup();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the History tab of the selected entry\'s document lists every version', async () => {
    await page.locator('[data-kind="entry"]').first().click();
    await page.locator('summary', { hasText: 'History' }).click();
    const versions = page.getByRole('list', { name: 'Versions' });
    await versions.waitFor({ timeout: 30_000 });
    expect(await versions.getByRole('listitem').count()).toBe(3);
  }, 60_000);

  it('undo of a transaction shows the conflict before any write, then applies the independent part', async () => {
    const before = await treeSnapshot(undoStore.storeDir);
    await page.getByRole('tab', { name: 'Transactions' }).click();
    await page.getByRole('button', { name: `Undo transaction ${X}` }).click();
    const analysis = page.getByRole('region', { name: 'Undo analysis' });
    await analysis.waitFor({ timeout: 30_000 });
    expect(await analysis.locator('[data-kind="overwritten"]').textContent()).toContain(`overwritten later: a at $.p by ${Y}`);
    expect(await analysis.locator('[data-kind="independent"]').textContent()).toContain('independent: update b');
    expect(await treeSnapshot(undoStore.storeDir)).toEqual(before);
    await page.getByRole('button', { name: 'Apply the undo (with a backup)' }).click();
    await page.getByText(/Undone: 1 document written/).waitFor({ timeout: 30_000 });
    expect(await liveData(undoStore.collDir)).toEqual({ a: '{"p":10,"q":1}', b: '{"v":1}' });
  }, 60_000);

  it('rehearse into a new folder, compare with the live store, promote: the live files equal the rehearsal', async () => {
    const handle = () => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState();
    await page.evaluate(`(${handle.toString()})().openPath(${JSON.stringify(rehearseStore.collDir)})`);
    await page.waitForFunction((dir) => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().session?.collection_dir === dir, rehearseStore.collDir);
    await page.getByRole('tab', { name: 'Entries' }).click().catch(() => undefined);
    await page.locator('[data-kind="entry"]').nth(1).click();
    const into = path.join(tmp, 'rehearsal');
    const before = await treeSnapshot(rehearseStore.storeDir);
    await page.getByRole('button', { name: 'Restore into a new folder (rehearse)…' }).click();
    await page.getByRole('textbox', { name: /New folder for the rehearsal/ }).fill(into);
    await page.getByRole('button', { name: 'Rehearse' }).click();
    const diff = page.getByRole('region', { name: 'Rehearsal compared with the live store' });
    await diff.waitFor({ timeout: 60_000 });
    // Back to row 1 (b inserted): a goes back to p 1, b to v 1; the live store is not touched yet.
    expect(await diff.textContent()).toMatch(/2 changed, 0 that come back, 0 that go away; 0 the same/);
    expect(await treeSnapshot(rehearseStore.storeDir)).toEqual(before);
    await diff.getByRole('button', { name: /users\/a changed/ }).click();
    await diff.getByLabel('Document changes').waitFor();
    await page.getByRole('button', { name: 'Promote to the live store (with a backup)' }).click();
    await page.getByText(/Promoted: 2 documents of the live store written/).waitFor({ timeout: 60_000 });
    expect(documentFiles(rehearseStore.collDir)).toEqual(documentFiles(into));
    expect(await liveData(rehearseStore.collDir)).toEqual({ a: '{"p":1,"q":1}', b: '{"v":1}' });
    await diff.getByText('The rehearsal and the live store hold the same documents.').waitFor({ timeout: 30_000 });
  }, 120_000);

  it('rehearse a recovery from the wizard\'s preview, compare with the live store, promote: the live files equal the rehearsal', async () => {
    const handle = () => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState();
    await page.evaluate(`(${handle.toString()})().openPath(${JSON.stringify(recoverStore.collDir)})`);
    await page.waitForFunction((dir) => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().session?.collection_dir === dir, recoverStore.collDir);
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 60_000 });
    await page.locator('header').getByRole('button', { name: 'Recover…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recover the store from the log' });
    await dialog.getByRole('button', { name: 'Preview the plan' }).click();
    await dialog.getByTestId('recovery-plan').waitFor({ timeout: 60_000 });
    const into = path.join(tmp, 'recovery-rehearsal');
    const before = await treeSnapshot(recoverStore.storeDir);
    await dialog.getByRole('button', { name: 'Recover into a new folder (rehearse)…' }).click();
    await dialog.getByRole('textbox', { name: /New folder for the rehearsal/ }).fill(into);
    await dialog.getByRole('button', { name: 'Rehearse' }).click();
    const diff = dialog.getByRole('region', { name: 'Rehearsal compared with the live store' });
    await diff.waitFor({ timeout: 60_000 });
    // Safe mode over the lagging store: d0, d1, d3, d4 and r0 are new, e0 is deleted, e1 updated (d2, d5: only a soft-deleted copy); the store is not touched yet.
    expect(await diff.textContent()).toMatch(/1 changed, 5 that come back, 1 that go away; 0 the same/);
    expect(await treeSnapshot(recoverStore.storeDir)).toEqual(before);
    await diff.getByRole('button', { name: /users\/e1 changed/ }).click();
    // Its JSON diff: the field the recovery adds.
    const added = diff.locator('[aria-label="Document changes"] [data-kind="added"]');
    await added.waitFor({ state: 'attached' });
    expect(await added.textContent()).toContain('"w": 1');
    await screenshot(page, shots, 'recovery-rehearsal-diff');
    await dialog.getByRole('button', { name: 'Promote to the live store (with a backup)' }).click();
    await dialog.getByText(/Promoted: 9 documents of the live store written; backup in/).waitFor({ timeout: 60_000 });
    expect(documentFiles(recoverStore.collDir)).toEqual(documentFiles(into));
    await diff.getByText('The rehearsal and the live store hold the same documents.').waitFor({ timeout: 30_000 });
  }, 120_000);
});
