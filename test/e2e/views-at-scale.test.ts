/**
 * End to end at scale: the built renderer in headless Chromium against the real `serve`, on a
 * generated log of a million entries grouped in ~190,000 transactions (test/bench/generate-tx-log.ts):
 * the Transactions view (virtualized, sorted on the service, searched by id prefix) and a text
 * search in data that streams its matches. Screenshots go to a temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTxLog } from '../bench/generate-tx-log.js';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { e2eColorScheme, e2eViewport, screenshot, screenshotDir } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const ENTRIES = Number(process.env['WAL_INSPECTOR_E2E_VIEWS_ENTRIES'] ?? 1_000_000);
const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)(`views of a ${ENTRIES.toLocaleString('en')}-entry log in Chromium against serve`, () => {
  let tmp: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let shots: string;
  let transactions = 0;
  const errors: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-views-e2e-'));
    shots = screenshotDir(path.join(tmp, 'screenshots'));
    const file = path.join(tmp, 'transactions.wal');
    transactions = generateTxLog(file, ENTRIES).transactions;
    const rendererDir = path.join(tmp, 'renderer');
    await buildRenderer(rendererDir);
    serve = await startServe([file, '--port', '0', '--no-recent', '--renderer-dir', rendererDir], { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: e2eViewport(), colorScheme: e2eColorScheme() });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(serve.url);
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 120_000, polling: 200 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('streams a text search: matches so far and rows scanned, then the total; the detail pane marks the match', async () => {
    // Every status line the page shows from the moment the search starts.
    await page.evaluate(() => {
      const w = window as unknown as { __statuses: string[] };
      w.__statuses = [];
      const el = document.querySelector('[data-testid="row-count"]')!;
      new MutationObserver(() => w.__statuses.push(el.textContent ?? '')).observe(el, { subtree: true, childList: true, characterData: true });
    });
    const box = page.getByRole('searchbox', { name: 'Text in data' });
    await box.fill('user-77');
    await box.press('Enter');
    await page.waitForFunction((n) => new RegExp(`^[\\d,]+ of ${n} rows$`).test(document.querySelector('[data-testid="row-count"]')?.textContent ?? ''),
      ENTRIES.toLocaleString('en'), { timeout: 120_000, polling: 100 });
    const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
    const partial = statuses.filter((s) => / found so far · scanned [\d,]+ of [\d,]+ rows$/.test(s));
    expect(partial.length, statuses.join('\n')).toBeGreaterThan(0);
    // It never claimed every row matched while it searched.
    expect(statuses.some((s) => s.startsWith(`${ENTRIES.toLocaleString('en')} of`))).toBe(false);
    const found = Number((await page.getByTestId('row-count').textContent())!.replace(/ of .*/, '').replace(/\D/g, ''));
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(ENTRIES);
    await page.locator('[data-kind="entry"]').first().click();
    const marks = page.getByRole('region', { name: 'Matches of the text search' }).locator('mark');
    await marks.first().waitFor();
    expect((await marks.first().textContent())!.toLowerCase()).toBe('user-77');
    await screenshot(page, shots, 'text-search');
    await page.getByRole('button', { name: /^Clear/ }).click();
    await page.waitForFunction(() => !/ of /.test(document.querySelector('[data-testid="row-count"]')?.textContent ?? ''));
  }, 180_000);

  it('goes to a bare offset in a one-segment log, as 0x… and as @…', async () => {
    const row = 600_000;
    const offset = await page.evaluate(async (row) => {
      const store = (window as unknown as { __walInspectorStore: { getState(): { session: { session_id: string } } } }).__walInspectorStore;
      const res = await fetch('./api/rows.page', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('wal-inspector:token')}` },
        body: JSON.stringify({ session_id: store.getState().session.session_id, offset: row, limit: 1, filter: {}, sort: { key: 'file', direction: 'asc' } }),
      });
      return ((await res.json()) as { value: { rows: { offset: number }[] } }).value.rows[0]!.offset;
    }, row);
    const box = page.getByRole('textbox', { name: 'Go to' });
    for (const [text, target] of [[`0x${offset.toString(16)}`, row], [`@${offset + 3}`, row], [`@${offset - 1}`, row - 1]] as const) {
      await box.fill(text);
      await box.press('Enter');
      await page.waitForFunction((r) => {
        const el = document.querySelector(`.grid-rows [role="row"][aria-selected="true"][data-row="${r}"]`);
        const view = document.querySelector('[data-testid="entries-scroll"]')?.getBoundingClientRect();
        if (!el || !view) return false;
        const at = el.getBoundingClientRect();
        return at.top >= view.top - 1 && at.bottom <= view.bottom + 1;
      }, target, { timeout: 30_000 });
      expect(await box.getAttribute('aria-invalid')).not.toBe('true');
    }
  }, 60_000);

  it('lists every transaction in one virtualized grid, sorts it on the service and searches it by id prefix', async () => {
    await page.getByRole('tab', { name: /Transactions/ }).click();
    const grid = page.getByRole('grid', { name: 'Transactions' });
    await grid.locator('[data-kind="transaction"]').first().waitFor({ timeout: 60_000 });
    const count = page.getByTestId('transactions-count');
    await page.waitForFunction(() => /transactions/.test(document.querySelector('[data-testid="transactions-count"]')?.textContent ?? ''));
    const listed = Number((await count.textContent())!.replace(/ (of|transactions).*/, '').replace(/\D/g, ''));
    expect(listed).toBeGreaterThan(transactions * 0.8); // all but the single-entry ones (unticked by default)
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBe(listed + 1);
    expect(await grid.locator('[role="row"][data-index]').count()).toBeLessThan(80);
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).not.toMatch(/grouped by id hash/);

    const sizes = async () => (await grid.locator('[data-kind="transaction"] [data-column="size"]').allTextContents()).slice(0, 10);
    const bytes = (t: string) => {
      const m = /([\d.]+)\s*(B|KiB|MiB)/.exec(t)!;
      return Number(m[1]) * ({ B: 1, KiB: 1024, MiB: 1 << 20 } as Record<string, number>)[m[2]!]!;
    };
    await page.getByRole('button', { name: /^Size/ }).click();
    await page.getByRole('button', { name: /^Size/ }).click();
    await expect.poll(async () => (await grid.locator('[role="columnheader"][aria-sort="descending"]').textContent()) ?? '').toMatch(/^Size/);
    await expect.poll(async () => {
      const s = (await sizes()).map(bytes);
      return s.length > 5 && s.every((v, i) => i === 0 || v <= s[i - 1]!);
    }, { timeout: 30_000 }).toBe(true);
    const largest = bytes((await sizes())[0]!);
    expect(largest).toBeGreaterThan(bytes((await sizes())[9]!) - 1);
    await screenshot(page, shots, 'transactions');

    const search = page.getByRole('searchbox', { name: 'Transaction id' });
    await search.fill('t000000000000000000000000000001');
    await search.press('Enter');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toMatch(/with an id starting “t000000000000000000000000000001”/);
    await expect.poll(() => grid.locator('[data-kind="transaction"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const ids = await grid.locator('[data-kind="transaction"] [data-column="id"] button').evaluateAll((els) => els.map((e) => e.closest('[role="row"]')!.getAttribute('title')!));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.startsWith('t000000000000000000000000000001')).toBe(true);
    expect(errors).toEqual([]);
  }, 180_000);

  it('filters the transactions by status: a toggle takes its count out and only the others are listed', async () => {
    const grid = page.getByRole('grid', { name: 'Transactions' });
    const count = page.getByTestId('transactions-count');
    const search = page.getByRole('searchbox', { name: 'Transaction id' });
    await search.fill('');
    await search.press('Enter');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).not.toMatch(/starting/);
    const listed = async () => Number((await count.textContent())!.replace(/ (of|transactions).*/, '').replace(/\D/g, ''));
    const toggle = page.getByRole('group', { name: 'Transaction status' }).getByRole('checkbox', { name: /^rolled back/ });
    const rolledBack = Number(((await page.getByRole('group', { name: 'Transaction status' }).locator('label', { hasText: /^rolled back/ }).textContent()) ?? '').replace(/\D/g, ''));
    expect(rolledBack).toBeGreaterThan(0);
    const before = await listed();
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await expect.poll(listed, { timeout: 30_000 }).toBe(before - rolledBack);
    const statuses = async () => grid.locator('[data-kind="transaction"] [data-column="status"] .status-pill:not(.status-damaged)').allTextContents();
    await expect.poll(async () => (await statuses()).length, { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await statuses()).not.toContain('rolled back');
    // Only rolled back: every listed one is.
    for (const other of [/^committed/, /^never terminated/]) await page.getByRole('group', { name: 'Transaction status' }).getByRole('checkbox', { name: other }).uncheck();
    await toggle.check();
    await expect.poll(listed, { timeout: 30_000 }).toBe(rolledBack);
    await expect.poll(async () => { const s = await statuses(); return s.length > 5 && s.every((x) => x === 'rolled back'); }, { timeout: 30_000 }).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);
});
