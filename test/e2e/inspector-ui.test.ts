/**
 * End to end: the built renderer in headless Chromium, talking to the REAL service through
 * the browser bridge of `wal-inspector serve`, on real files (the bundled demo store of
 * scripts/make-demo-store.ts, and a temporary copy of it for recovery). Screenshots of the main screens go to
 * a temporary folder (`npm run screenshots` runs this file to refresh the README's pictures).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { makeDemoStore } from '../../scripts/make-demo-store.js';
import { del, ins, makeStore, upd } from '../core/store/store-fixture.js';
import { e2eColorScheme, e2eViewport, gridRows, readDocumentData, screenshot, screenshotDir, shownRowCount, waitForRowCountChange } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

interface StoreHandle {
  getState(): {
    appInfo: { demo_store: string | null } | null;
    session: { collection_dir: string | null; collection: string | null } | null;
    recoveryPlan: { changes: Array<{ document_id: string; operation: string; after: string | null }> } | null;
    recoveryResult: { backup: string | null; changes: Array<{ document_id: string; operation: string; after: string | null }> } | null;
    openPath(path: string, collection?: string): Promise<void>;
  };
}

describe.skipIf(unavailable !== null)('inspector UI in Chromium against `serve`', () => {
  let tmp: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let shots: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-ui-e2e-'));
    shots = screenshotDir(path.join(tmp, 'screenshots'));
    const rendererDir = path.join(tmp, 'renderer');
    await buildRenderer(rendererDir);
    // The bundled demo store, made as `npm start` makes it.
    const demo = (await makeDemoStore(path.join(tmp, 'demo-store'))).root;
    serve = await startServe(['--port', '0', '--demo-store', demo, '--renderer-dir', rendererDir], {
      HOME: tmp,
      XDG_CONFIG_HOME: path.join(tmp, 'config'),
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: e2eViewport(), colorScheme: e2eColorScheme() });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`console: ${m.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const store = () => page.evaluate(() => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState());

  it('shows the start screen and opens the demo store', async () => {
    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Open the demo store' }).waitFor();
    await screenshot(page, shots, 'start');
    await page.getByRole('button', { name: 'Open the demo store' }).click();
    // The demo is a store of three collections: it opens as a store session (all of them, one log)…
    await page.locator('[data-kind="entry"]').first().waitFor();
    expect((await store()).session?.collection).toBeNull();
    // …and the tests below look at users (it holds the damage) alone.
    await page.evaluate((p) => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().openPath(p, 'users'), (await store()).appInfo!.demo_store!);
    await page.waitForFunction(() => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().session?.collection === 'users');
    await page.getByRole('grid', { name: 'Entries' }).waitFor();
    await page.locator('[data-kind="entry"]').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 30_000 });
    expect(await shownRowCount(page)).toBeGreaterThan(0);
  }, 60_000);

  it('highlights the damaged range in file order with its offset', async () => {
    const total = await shownRowCount(page);
    await page.getByRole('combobox', { name: 'Damage rows' }).selectOption('only');
    const damaged = await waitForRowCountChange(page, total);
    expect(damaged).toBeGreaterThan(0);
    const damageRow = page.locator('[data-kind="damage"]').first();
    await damageRow.waitFor();
    expect(await damageRow.getAttribute('class')).toContain('damage-row');
    expect(await damageRow.textContent()).toMatch(/offset 0x[0-9a-f]+ \(\d+\), \d+ bytes? skipped/);
    const rowNumber = Number(await damageRow.getAttribute('data-row'));

    // Back to all rows: the damaged range sits among the entries at its place in the file.
    await page.getByRole('combobox', { name: 'Damage rows' }).selectOption('include');
    await waitForRowCountChange(page, damaged);
    await page.evaluate((row) => {
      const state = (window as unknown as { __walInspectorStore: { getState(): { selectIndex(i: number, o: object): void } } }).__walInspectorStore.getState();
      state.selectIndex(row, { scroll: 'center' });
    }, rowNumber);
    const inPlace = page.locator(`[data-kind="damage"][data-row="${rowNumber}"]`);
    await inPlace.waitFor();
    expect(await inPlace.getAttribute('aria-rowindex')).toBe(String(rowNumber + 2));
    expect(await inPlace.getAttribute('aria-selected')).toBe('true');
    await page.locator('#detail-pane .hex-view').waitFor();
    expect(await page.locator('#detail-pane').textContent()).toContain('Bytes around the damage');
    expect(await page.locator('#detail-pane .hex-byte.hex-trouble').count()).toBeGreaterThan(0);
    await page.locator('#detail-pane .hex-grid').scrollIntoViewIfNeeded();
    await screenshot(page, shots, 'table-with-damage');
  }, 60_000);

  it('shows an entry’s JSON and its hex field spans', async () => {
    const entry = page.locator('[data-kind="entry"]').filter({ has: page.locator('[data-column="type"]', { hasText: /Insert|Update/ }) }).first();
    await entry.click();
    const tree = page.locator('#detail-pane [role="tree"]');
    await tree.waitFor();
    expect(await tree.locator('.json-key').count()).toBeGreaterThan(0);
    for (const field of ['entry_type', 'transaction_id', 'collection', 'document_id', 'timestamp', 'data', 'crc']) {
      expect(await page.locator(`#detail-pane .hex-legend-item[data-field="${field}"]`).count(), field).toBe(1);
    }
    expect(await page.locator('#detail-pane .hex-byte.field-document').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('crc-status').textContent()).toContain('match');
    await page.locator('#detail-pane .hex-grid').scrollIntoViewIfNeeded();
    await screenshot(page, shots, 'detail-with-hex');
  }, 60_000);

  it('filters by entry type', async () => {
    const total = await shownRowCount(page);
    await page.getByRole('group', { name: 'Entry types' }).getByRole('button', { name: 'Insert' }).click();
    const inserts = await waitForRowCountChange(page, total);
    expect(inserts).toBeGreaterThan(0);
    expect(inserts).toBeLessThan(total);
    await page.waitForFunction(() => document.querySelectorAll('[data-kind="entry"]').length > 0);
    const types = await gridRows(page).locator('[data-column="type"]').allTextContents();
    expect(new Set(types)).toEqual(new Set(['Insert']));
    await page.getByRole('button', { name: /^Clear/ }).click();
    expect(await waitForRowCountChange(page, inserts)).toBe(total);
  }, 60_000);

  it('filters by a document id prefix (ending in *)', async () => {
    const total = await shownRowCount(page);
    const input = page.getByRole('searchbox', { name: 'Document id' });
    await input.fill('u-04*');
    await input.press('Enter');
    const matched = await waitForRowCountChange(page, total);
    expect(matched).toBeGreaterThan(1);
    await page.waitForFunction(() => document.querySelectorAll('[data-kind="entry"]').length > 0);
    const docs = await gridRows(page).locator('[data-column="document"]').allTextContents();
    expect(docs.length).toBe(matched);
    expect(docs.every((d) => d.startsWith('u-04'))).toBe(true);
    await page.getByRole('button', { name: /^Clear/ }).click();
    expect(await waitForRowCountChange(page, matched)).toBe(total);
  }, 60_000);

  it('filters by a time range dragged on the timeline, and double-click resets', async () => {
    const total = await shownRowCount(page);
    const svg = page.locator('.timeline-svg');
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.getByText(/^Selected /).waitFor();
    const inRange = await waitForRowCountChange(page, total);
    expect(inRange).toBeLessThan(total);
    // Zoom in: the axis now runs over the selection; the whole log comes back with one click.
    const axisStart = () => page.locator('.timeline-axis > span').first().textContent();
    const wholeStart = await axisStart();
    const selected = (await page.getByText(/^Selected /).textContent())!;
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Whole log' }).waitFor();
    await page.waitForFunction((before) => document.querySelector('.timeline-axis > span')?.textContent !== before, wholeStart);
    expect(selected).toContain((await axisStart())!);
    await screenshot(page, shots, 'timeline-zoomed');
    await page.getByRole('button', { name: 'Whole log' }).click();
    await page.waitForFunction((before) => document.querySelector('.timeline-axis > span')?.textContent === before, wholeStart);
    await svg.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    expect(await waitForRowCountChange(page, inRange)).toBe(total);
  }, 60_000);

  it('runs verify and shows the verdict with findings linked to entries', async () => {
    await page.locator('header').getByRole('button', { name: 'Verify' }).click();
    const report = page.getByTestId('verify-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toMatch(/Sentinel’s verdict: (passed|failed)/);
    await screenshot(page, shots, 'verify');
    const links = page.locator('.verify-view button.link-button', { hasText: /^row \d+/ });
    if ((await links.count()) > 0) {
      const row = Number(/^row (\d+)/.exec((await links.first().textContent()) ?? '')![1]);
      await links.first().click();
      await page.locator(`[role="row"][aria-selected="true"][data-row="${row}"]`).waitFor();
      await page.locator('#detail-pane .detail-title', { hasText: `row ${row}` }).waitFor();
    }
  }, 90_000);

  it('recovers a temporary copy of the demo store safely, then finds nothing left to do', async () => {
    const state = await store();
    const collectionDir = state.session!.collection_dir!;
    const demoRoot = state.appInfo!.demo_store ?? collectionDir;
    const copyRoot = path.join(tmp, 'store-copy');
    fs.cpSync(demoRoot, copyRoot, { recursive: true });
    const copyCollection = path.join(copyRoot, path.relative(demoRoot, collectionDir));
    expect(fs.existsSync(copyCollection)).toBe(true);

    await page.locator('header').getByRole('button', { name: 'Recover…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recover the store from the log' });
    await dialog.getByLabel('Store to recover').fill(copyCollection);
    expect(await dialog.getByRole('radio', { name: /Safe/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Preview the plan' }).click();
    await dialog.getByTestId('recovery-plan').waitFor({ timeout: 60_000 });
    await screenshot(page, shots, 'recovery-preview');

    const plan = (await store()).recoveryPlan!;
    expect(plan.changes.length).toBeGreaterThan(0);
    await dialog.getByLabel('I have read the plan').check();
    await dialog.getByRole('button', { name: 'Apply recovery' }).click();
    await dialog.getByTestId('recovery-result').waitFor({ timeout: 60_000 });
    const result = (await store()).recoveryResult!;
    expect(result.backup).toBeTruthy();
    expect(fs.existsSync(result.backup!)).toBe(true);
    expect(await dialog.getByTestId('backup-path').textContent()).toBe(result.backup);
    await screenshot(page, shots, 'recovery-result');

    // The documents on disk are what the plan said they would be.
    for (const change of plan.changes) {
      const onDisk = readDocumentData(copyCollection, change.document_id);
      if (change.operation === 'delete') {
        expect(onDisk, change.document_id).toBeUndefined();
      } else {
        expect(onDisk, change.document_id).toEqual(JSON.parse(change.after!));
      }
    }

    // Run again: nothing left to do.
    await dialog.getByRole('button', { name: 'Run again' }).click();
    await dialog.getByTestId('nothing-to-do').waitFor({ timeout: 60_000 });
    expect((await store()).recoveryPlan!.changes).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 120_000);

  it('exports the filtered rows to a new JSON Lines file', async () => {
    await page.getByRole('group', { name: 'Entry types' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('row-count').filter({ hasText: / of / }).waitFor();
    const rows = await shownRowCount(page);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export rows' });
    const out = path.join(tmp, 'deletes.jsonl');
    // Browser mode downloads by default (test/e2e/panels.test.ts); writing on the server is still offered.
    await dialog.getByLabel('Write a file on the server').check();
    await dialog.getByLabel('Export path').fill(out);
    await dialog.getByRole('button', { name: /^Export \d+ rows$/ }).click();
    await dialog.getByText(/^Wrote \d+ rows/).waitFor();
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { entry_type?: string; type?: string });
    expect(lines).toHaveLength(rows);
    expect(JSON.stringify(lines[0])).toContain('Delete');
    // Exporting again to the same file is refused with a readable message.
    await dialog.getByRole('button', { name: /^Export \d+ rows$/ }).click();
    await dialog.getByRole('alert').filter({ hasText: 'OUTPUT_EXISTS' }).waitFor();
    expect(await dialog.getByRole('alert').textContent()).toContain('never overwritten');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await page.getByRole('button', { name: /^Clear/ }).click();
  }, 60_000);

  it('checkpoints: a plain one syncs and changes no byte; sealing a log the store does not reflect is refused', async () => {
    const walDir = path.join((await store()).session!.collection_dir!, '.wal');
    const snapshot = () => Object.fromEntries(fs.readdirSync(walDir).map((f) => [f, fs.readFileSync(path.join(walDir, f)).toString('base64')]));
    const before = snapshot();
    await page.locator('header').getByRole('button', { name: 'Checkpoint…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Checkpoint' });
    const apply = dialog.getByRole('button', { name: 'Apply checkpoint' });
    expect(await apply.isDisabled()).toBe(true); // nothing previewed yet
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByTestId('checkpoint-plan').waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('checkpoint-plan').textContent()).toContain('Nothing is sealed');
    await apply.click();
    await dialog.getByRole('status').filter({ hasText: 'Checkpoint done' }).waitFor({ timeout: 60_000 });
    expect(await dialog.getByRole('status').textContent()).toContain('synced');
    expect(snapshot()).toEqual(before);

    // The demo log has damaged ranges, so verification fails and nothing may be sealed away.
    await dialog.getByLabel('Seal the active segment').check();
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText(/^Refused: /).waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('checkpoint-plan').textContent()).toMatch(/\d+ critical issues/);
    expect(await apply.isDisabled()).toBe(true);
    expect(snapshot()).toEqual(before);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
  }, 60_000);

  it('seals the active segment of a log the store reflects, keeping every entry, and reopens the new chain', async () => {
    // b's Delete moved it into .deleted/: compaction needs that copy (it is all the store keeps of b).
    const consistent = await makeStore({ a: '{"v":2}' }, [ins('a', '{"v":1}'), upd('a', '{"v":2}'), ins('b', '{}'), del('b')], { deleted: { b: '{}' } });
    try {
      await page.locator('header').getByRole('button', { name: 'Close' }).click();
      await page.getByLabel('Path to open').fill(consistent.collDir);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await page.getByTestId('row-count').filter({ hasText: /^4 rows/ }).waitFor({ timeout: 60_000 });
      await page.locator('header').getByRole('button', { name: 'Checkpoint…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Checkpoint' });
      await dialog.getByLabel('Seal the active segment').check();
      await dialog.getByLabel('Compression of the sealed segment').selectOption('zstd');
      await dialog.getByRole('button', { name: 'Preview' }).click();
      const plan = dialog.getByTestId('checkpoint-plan');
      await plan.waitFor({ timeout: 60_000 });
      expect(await plan.textContent()).toContain('passed');
      expect(fs.readdirSync(consistent.walDir)).toEqual(['transactions.wal']); // a preview writes nothing
      await dialog.getByRole('button', { name: 'Apply checkpoint' }).click();
      await dialog.getByRole('status').filter({ hasText: 'Sealed as' }).waitFor({ timeout: 60_000 });
      const files = fs.readdirSync(consistent.walDir).sort();
      expect(files).toHaveLength(2);
      expect(files[0]).toMatch(/^transactions\.\d+\.wal\.zst$/);
      expect(fs.statSync(path.join(consistent.walDir, 'transactions.wal')).size).toBe(0);
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      // The app shows the new chain: the same four entries, now in the sealed segment.
      await page.waitForFunction(() => /2 segments/.test(document.querySelector('header')?.textContent ?? ''));
      await page.getByTestId('row-count').filter({ hasText: /^4 rows/ }).waitFor();
    } finally {
      await consistent.cleanup();
    }
  }, 60_000);

  it('says plainly why a path cannot be opened', async () => {
    await page.locator('header').getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('Path to open').fill(path.join(tmp, 'no-such-store'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not open' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('NOT_FOUND');
    expect(await alert.textContent()).toContain('no-such-store');
  }, 60_000);

  it('never showed a script error', () => {
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
