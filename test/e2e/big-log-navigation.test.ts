/**
 * End to end on a big log: the built renderer in headless Chromium against the real `serve`, on
 * a generated log of 2 M entries in two segments (made once in a temporary folder). The scroll
 * range of 2 M rows is scaled: a wheel notch must still move a few rows; Go-to finds each kind of
 * place; the view survives a reload and steps back and forward; the split moves by keyboard;
 * screenshots at 1400 and 1024 px, light and dark, go to the run's temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_LOG_START_MS, BIG_LOG_STEP_MS, bigLogDocument, bigLogTx, makeBigLog, type BigLog } from './support/big-log.js';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { e2eColorScheme, screenshot, screenshotDir } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

const ENTRIES = 2_000_000;
/** Mean length of the big log's entries (each group of five is 425 bytes). */
const ENTRY_BYTES = 85;

describe.skipIf(unavailable !== null)('a 2 M-entry log in Chromium against `serve`', () => {
  let tmp: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let log: BigLog;
  let shots: string;
  const errors: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-big-e2e-'));
    shots = screenshotDir(path.join(tmp, 'screenshots'));
    const rendererDir = path.join(tmp, 'renderer');
    await buildRenderer(rendererDir);
    log = makeBigLog(path.join(tmp, 'big'), ENTRIES);
    serve = await startServe(['--port', '0', '--renderer-dir', rendererDir], { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: e2eColorScheme() });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const grid = () => page.getByRole('grid', { name: 'Entries' });
  const scroller = () => page.getByTestId('entries-scroll');
  const visibleFirst = async () => Number(await scroller().getAttribute('data-visible-first'));
  const selected = () => page.locator('.grid-rows [role="row"][aria-selected="true"]');
  const goToBox = () => page.getByRole('textbox', { name: 'Go to' });

  async function goTo(text: string) {
    await goToBox().fill(text);
    await goToBox().press('Enter');
  }

  /** Waits for the selected row to be `row` (chain number), loaded and inside the viewport. */
  async function expectSelectedInView(row: number) {
    await page.waitForFunction(
      (r) => {
        const el = document.querySelector(`.grid-rows [role="row"][aria-selected="true"][data-row="${r}"]`);
        const box = document.querySelector('[data-testid="entries-scroll"]')?.getBoundingClientRect();
        if (!el || !box) return false;
        const at = el.getBoundingClientRect();
        return at.top >= box.top - 1 && at.bottom <= box.bottom + 1;
      },
      row,
      { timeout: 15_000 },
    ).catch(async (e: unknown) => {
      const state = await page.evaluate(() => {
        const s = (window as unknown as { __walInspectorStore: { getState(): Record<string, unknown> } }).__walInspectorStore.getState();
        const sel = document.querySelector('.grid-rows [aria-selected="true"]');
        return { hash: location.hash, selectedIndex: s['selectedIndex'], selectedRow: s['selectedRow'], sort: s['sort'], total: s['rowsTotal'], row: sel?.getAttribute('data-row'), first: document.querySelector('[data-testid="entries-scroll"]')?.getAttribute('data-visible-first') };
      });
      throw new Error(`row ${row} is not selected in view: ${JSON.stringify(state)} (${String(e)})`);
    });
  }

  it('opens the log from a pasted link and indexes it', async () => {
    await page.goto(`${serve.url}&log=${encodeURIComponent(log.walDir)}`);
    await grid().waitFor({ timeout: 30_000 });
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 120_000 });
    await page.waitForFunction((n) => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === String(n + 1), ENTRIES, { timeout: 30_000 });
    // The token left the address; the log is in it.
    expect(page.url()).not.toContain('token=');
    expect(decodeURIComponent(page.url())).toContain(`log=${log.walDir}`);
  }, 180_000);

  it('moves a few rows per wheel notch at the top and in the middle, and drags fast', async () => {
    const box = (await scroller().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const before = await visibleFirst();
    await page.mouse.wheel(0, 100);
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid="entries-scroll"]')?.getAttribute('data-visible-first')) !== b, before);
    const step = (await visibleFirst()) - before;
    console.log(`[e2e] wheel notch (deltaY 100) at the top: ${step} rows`);
    expect(step).toBeGreaterThanOrEqual(1);
    expect(step).toBeLessThanOrEqual(5);

    // A scrollbar drag to the middle (the scroll position moves by itself): rows arrive within a few frames.
    const settle = await page.evaluate(async () => {
      const el = document.querySelector('[data-testid="entries-scroll"]') as HTMLElement;
      const from = el.getAttribute('data-visible-first');
      const start = performance.now();
      el.scrollTop = el.scrollHeight / 2;
      let frames = 0;
      let placeholderFrames = 0;
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        frames++;
        const first = el.getAttribute('data-visible-first');
        const rows = [...document.querySelectorAll('.grid-rows [role="row"]')];
        if (rows.length > 0 && rows.every((r) => r.classList.contains('pending'))) placeholderFrames++;
        if (first !== from && document.querySelector(`.grid-rows [data-index="${first}"][data-kind]`)) return { ms: performance.now() - start, frames, placeholderFrames, first: Number(first) };
        if (frames > 600) return { ms: performance.now() - start, frames, placeholderFrames, first: -1 };
      }
    });
    console.log(`[e2e] drag to the middle: rows at ${settle.first} after ${settle.ms.toFixed(0)} ms, ${settle.frames} frames (${settle.placeholderFrames} all placeholders)`);
    expect(settle.first).toBeGreaterThan(ENTRIES * 0.45);
    expect(settle.placeholderFrames).toBeLessThanOrEqual(2);

    const middle = await visibleFirst();
    await page.mouse.wheel(0, 100);
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid="entries-scroll"]')?.getAttribute('data-visible-first')) !== b, middle);
    const midStep = (await visibleFirst()) - middle;
    console.log(`[e2e] wheel notch (deltaY 100) in the middle: ${midStep} rows`);
    expect(midStep).toBeGreaterThanOrEqual(1);
    expect(midStep).toBeLessThanOrEqual(5);
    await page.mouse.wheel(0, -100);
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid="entries-scroll"]')?.getAttribute('data-visible-first')) < b + 1, middle);
    expect(Math.abs((await visibleFirst()) - middle)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('goes to a row, an offset, a time, a transaction and a document, and says why not', async () => {
    const timed = async (text: string, row: number) => {
      const t = Date.now();
      await goTo(text);
      await expectSelectedInView(row);
      const ms = Date.now() - t;
      console.log(`[e2e] go to ${JSON.stringify(text)} → row ${row}: ${ms} ms`);
      expect(await selected().getAttribute('aria-rowindex')).toBe(String(row + 2));
    };
    await timed('1,500,000', 1_500_000);
    // A multiple of five: the first entry of a Begin…Commit group, whose offset is k × 85 (five entries: 79 + 94 + 94 + 79 + 79 bytes).
    const k = 123_455;
    await timed(`1:0x${(k * ENTRY_BYTES).toString(16)}`, log.firstSegmentEntries + k);
    const messageSays = (text: string) => page.waitForFunction((t) => document.getElementById('go-to-message')?.textContent?.includes(t), text);
    await messageSays(`at transactions.wal 0x${(k * ENTRY_BYTES).toString(16)}`);
    // The same row again: wait for the answer's words, not for the selection (it is already there).
    await timed(`transactions.wal:${k * ENTRY_BYTES + 7}`, log.firstSegmentEntries + k);
    await messageSays('which holds byte');
    await timed(new Date(BIG_LOG_START_MS + 777_777 * BIG_LOG_STEP_MS + 3).toISOString(), 777_777);
    const local = await page.evaluate((ms) => {
      const d = new Date(ms);
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
    }, BIG_LOG_START_MS + 1_234_567 * BIG_LOG_STEP_MS);
    await timed(local, 1_234_567);
    await timed(bigLogTx(1_999_998), 1_999_995);
    await timed(bigLogDocument(54_321), 54_321);

    await goTo('99:0x10');
    await page.waitForFunction(() => /no segment 99/.test(document.getElementById('go-to-message')?.textContent ?? ''));
    expect(await goToBox().getAttribute('aria-invalid')).toBe('true');
    await goTo('@0x55');
    await page.waitForFunction(() => /several segments/.test(document.getElementById('go-to-message')?.textContent ?? ''));
    // The selection stayed where the last good answer put it.
    expect(await selected().getAttribute('data-row')).toBe('54321');
  }, 120_000);

  it('keeps the view in the address: a reload brings it back, back and forward step through it', async () => {
    await page.getByRole('columnheader', { name: 'Time' }).getByRole('button').click();
    await page.waitForFunction(() => location.hash.includes('sort=time.asc'));
    await goTo('1,000,001');
    await expectSelectedInView(1_000_001);
    await page.waitForFunction(() => location.hash.includes('row=1000001'));
    const hash = new URL(page.url()).hash;

    await page.reload();
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 60_000 });
    await expectSelectedInView(1_000_001);
    expect(new URL(page.url()).hash).toBe(hash);
    expect(await page.getByRole('columnheader', { name: 'Time' }).getAttribute('aria-sort')).toBe('ascending');

    await page.evaluate(() => (window as unknown as { __walInspectorStore: { getState(): { toggleType(t: string): void } } }).__walInspectorStore.getState().toggleType('Commit'));
    await page.waitForFunction(() => location.hash.includes('types=Commit'));
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '400001');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '2000001');
    expect(new URL(page.url()).hash).not.toContain('types=');
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '400001');
    expect(new URL(page.url()).hash).toContain('types=Commit');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '2000001');
  }, 120_000);

  it('clears a filter committed with Enter: the typing debounce does not bring it back', async () => {
    const doc = page.getByRole('searchbox', { name: 'Document id', exact: true });
    const status = page.getByTestId('row-count');
    await doc.fill(bigLogDocument(4_242));
    await doc.press('Enter');
    // Clear within the debounce (250 ms) of the typing that Enter already committed.
    await page.getByRole('button', { name: /^Clear/ }).click();
    await page.waitForTimeout(800);
    expect(await doc.inputValue()).toBe('');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe(`${ENTRIES.toLocaleString('en')} rows`);
    expect(new URL(page.url()).hash).not.toContain('doc=');
    expect(await page.getByRole('button', { name: /^Clear/ }).isDisabled()).toBe(true);
  }, 60_000);

  it('moves the table/detail split with the keyboard and keeps it over a reload', async () => {
    const split = page.getByRole('separator', { name: 'Width of the detail pane' });
    const before = Number(await split.getAttribute('aria-valuenow'));
    const paneBefore = (await page.locator('#detail-pane').boundingBox())!.width;
    await split.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    expect(Number(await split.getAttribute('aria-valuenow'))).toBe(before + 48);
    expect(Math.round((await page.locator('#detail-pane').boundingBox())!.width - paneBefore)).toBe(48);
    await page.reload();
    await grid().waitFor();
    expect(Number(await page.getByRole('separator', { name: 'Width of the detail pane' }).getAttribute('aria-valuenow'))).toBe(before + 48);
    // Back to where it was, for the screenshots.
    await page.getByRole('separator', { name: 'Width of the detail pane' }).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(Number(await page.getByRole('separator', { name: 'Width of the detail pane' }).getAttribute('aria-valuenow'))).toBe(before);
    // Forget it: each window size below starts as a new user's would.
    await page.evaluate(() => localStorage.removeItem('wal-inspector.layout.detail-width'));
  }, 60_000);

  for (const [width, height] of [[1400, 900], [1024, 768]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`fits every pane at ${width}×${height} (${scheme})`, async () => {
        // A fresh page at each size (the split's default is a share of the window); the theme needs none.
        await page.emulateMedia({ colorScheme: scheme });
        if (scheme === 'light') {
          await page.setViewportSize({ width, height });
          await page.reload();
          await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 60_000 });
        }
        await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 120_000 });
        await goTo('1,999,999');
        await expectSelectedInView(1_999_999);
        await page.locator('#detail-pane .hex-grid').waitFor();
        const fit = await page.evaluate(() => {
          const pane = document.getElementById('detail-pane')!;
          const hex = pane.querySelector('.hex-grid') as HTMLElement;
          const cell = document.querySelector('.grid-rows [aria-selected="true"] [data-column="row"]') as HTMLElement;
          const ascii = pane.querySelector('.hex-text') as HTMLElement;
          return {
            paneOverflow: pane.scrollWidth - pane.clientWidth,
            hexScrolls: getComputedStyle(hex).overflowX,
            hexOverflow: hex.scrollWidth - hex.clientWidth,
            asciiRight: ascii.getBoundingClientRect().right - hex.getBoundingClientRect().left,
            numberCut: cell.scrollWidth - cell.clientWidth,
            number: cell.textContent,
            page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          };
        });
        console.log(`[e2e] ${width}×${height} ${scheme}: ${JSON.stringify(fit)}`);
        expect(fit.page).toBeLessThanOrEqual(0);
        expect(fit.paneOverflow).toBeLessThanOrEqual(0);
        expect(fit.hexScrolls).toBe('auto');
        expect(fit.number).toBe('1999999');
        expect(fit.numberCut).toBeLessThanOrEqual(0);
        await screenshot(page, shots, `big-log-${width}-${scheme}`);
      }, 90_000);
    }
  }

  it('logged no page errors', () => {
    expect(errors).toEqual([]);
  });
});
