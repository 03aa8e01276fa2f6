/**
 * End to end (issue 16's panels): the built renderer in headless Chromium against the real
 * `serve`, on a copy of the golden compressed chain — the Statistics view shows what
 * `stats --json` of the same files says, the segment list, segment boundaries in the table and
 * on the timeline, an export downloaded by the browser (the bytes `dump --format jsonl` prints),
 * and the header following the log while another writer appends.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../core/contract/contract.js';
import { formatBytes, formatCount } from '../../renderer/src/lib/format.js';
import { formatStatsTime } from '../../renderer/src/lib/stats-time.js';
import { binaryBytes, generated } from '../core/inspector/support/inspector-fixtures.js';
import { GOLDEN } from '../support/paths.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { e2eColorScheme, e2eViewport, screenshot, screenshotDir } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

interface StoreHandle {
  getState(): { session: { progress: { complete: boolean; entries: number } } | null; openPath(path: string): Promise<void> };
}

/** The value a `data-stat` name stands for in stats.get's Stats. */
function statValue(stats: Stats, name: string): unknown {
  const [head, ...rest] = name.split('.');
  const key = rest.join('.');
  if (head === 'by_collection') return stats.by_collection.find((c) => c.collection === key)?.entries;
  let v: unknown = (stats as unknown as Record<string, unknown>)[head!];
  if (key) v = (v as Record<string, unknown>)[key];
  return v;
}

describe.skipIf(unavailable !== null)('panels in Chromium against `serve`', () => {
  let tmp: string;
  let walDir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let shots: string;
  let stats: Stats;
  const errors: string[] = [];
  const state = () => page.evaluate(() => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().session);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-panels-e2e-'));
    shots = screenshotDir(path.join(tmp, 'screenshots'));
    walDir = path.join(tmp, 'users', '.wal');
    fs.mkdirSync(walDir, { recursive: true });
    for (const f of fs.readdirSync(path.join(GOLDEN, 'chain'))) fs.copyFileSync(path.join(GOLDEN, 'chain', f), path.join(walDir, f));
    const cli = await runCliCaptured(['stats', walDir, '--json']);
    stats = JSON.parse(cli.stdout) as Stats;
    const rendererDir = path.join(tmp, 'renderer');
    await buildRenderer(rendererDir);
    serve = await startServe(['--port', '0', '--renderer-dir', rendererDir, '--no-recent'], { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: e2eViewport(), colorScheme: e2eColorScheme(), acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(serve.url);
    await page.evaluate((p) => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().openPath(p), walDir);
    await page.locator('[data-kind="entry"]').first().waitFor();
    await page.waitForFunction(() => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().session?.progress.complete === true);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the Statistics view shows what stats --json of the same files says', async () => {
    expect(stats.segments).toHaveLength(7);
    await page.getByRole('tab', { name: 'Statistics' }).click();
    const panel = page.getByLabel('Statistics');
    await panel.locator('[data-stat="entries"]').first().waitFor();
    const shown = await panel.locator('.stats-section:not(:has(.segment-list)) [data-stat]').evaluateAll((els) =>
      els.map((e) => ({ name: e.getAttribute('data-stat')!, text: e.textContent!, bytes: e.getAttribute('data-bytes') })));
    expect(shown.length).toBeGreaterThan(25);
    for (const s of shown) {
      const want = statValue(stats, s.name);
      if (s.name === 'first_time' || s.name === 'last_time') expect(s.text, s.name).toBe(formatStatsTime(want as string));
      else if (s.bytes !== null) expect(Number(s.bytes), s.name).toBe(want);
      else expect(s.text, s.name).toBe(formatCount(want as number));
    }
    // Every type and collection stats counts is there.
    expect(shown.filter((s) => s.name.startsWith('by_type.'))).toHaveLength(6);
    expect(shown.filter((s) => s.name.startsWith('by_collection.'))).toHaveLength(stats.by_collection.length);
    await screenshot(page, shots, 'statistics');
  }, 60_000);

  it('lists the segments with compression, sizes, entries and first/last time', async () => {
    const rows = page.getByRole('table', { name: 'Segments' }).locator('tbody tr');
    expect(await rows.count()).toBe(stats.segments.length);
    for (const g of stats.segments) {
      const row = rows.nth(g.index);
      const cell = (n: string) => row.locator(`[data-stat="${n}"]`).textContent();
      expect(await row.locator('td').nth(1).textContent()).toContain(g.name);
      expect(await cell('compression')).toBe(g.compression);
      expect(await cell('file_bytes')).toBe(formatBytes(g.file_bytes));
      expect(await cell('entries')).toBe(formatCount(g.entries));
      expect(await cell('first_time')).toBe(formatStatsTime(g.first_time));
      expect(await cell('last_time')).toBe(formatStatsTime(g.last_time));
    }
    // "Show in table" goes to the segment's first row.
    await rows.nth(3).getByRole('button', { name: 'Show in table' }).click();
    await page.getByRole('grid', { name: 'Entries' }).waitFor();
    const selected = page.locator('.grid-row.selected');
    await selected.waitFor();
    expect(await selected.getAttribute('data-row')).toBe(String(stats.segments.slice(0, 3).reduce((n, g) => n + g.entries + g.damaged, 0)));
  }, 60_000);

  it('marks segment boundaries in the table and on the timeline', async () => {
    await page.getByRole('tab', { name: 'Entries' }).click();
    await page.locator('[data-kind="entry"]').first().waitFor();
    await page.locator('.grid-row[data-segment-start]').first().waitFor();
    const marks = await page.locator('.grid-row[data-segment-start]').evaluateAll((els) =>
      els.map((e) => ({ row: Number(e.getAttribute('data-row')), name: e.getAttribute('data-segment-start') })));
    let start = 0;
    const starts = stats.segments.map((g) => {
      const at = { row: start, name: g.name };
      start += g.entries + g.damaged;
      return at;
    }).slice(1);
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(starts).toContainEqual(m);
    const ticks = await page.getByTestId('timeline-segment-mark').evaluateAll((els) => els.map((e) => e.getAttribute('data-segment')));
    expect(ticks).toEqual(stats.segments.slice(1).map((g) => g.name));
    await screenshot(page, shots, 'segment-boundaries');
  }, 60_000);

  it('fits its window: the rows over the table fold into one, the hex view and its ASCII stay inside the detail pane', async () => {
    const height = (sel: string) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().height);
    const over = async () => (await height('.entries-toolbar')) + (await height('#entries-filters')) + (await height('#entries-query'));
    const viewport = page.viewportSize()!;
    const open = await over();
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('button', { name: 'Query', exact: true }).click();
    const folded = await over();
    expect(folded).toBeLessThan(viewport.height * 0.07);
    expect(folded).toBeLessThan(open);
    await page.locator('.grid-row[data-kind="entry"]').nth(2).click();
    const hex = page.getByRole('table', { name: 'Raw bytes' });
    await hex.waitFor();
    const box = await hex.evaluate((e) => {
      const pane = document.getElementById('detail-pane')!.getBoundingClientRect();
      const grid = e.getBoundingClientRect();
      const ascii = e.querySelector('.hex-row .hex-text')!.getBoundingClientRect();
      return { paneRight: pane.right, gridRight: grid.right, asciiRight: ascii.right, scrolls: e.scrollWidth > e.clientWidth, sw: e.scrollWidth, cw: e.clientWidth };
    });
    // The grid never spills out of the pane; at 1024 px and up its ASCII column is in view without scrolling.
    expect(box.gridRight).toBeLessThanOrEqual(box.paneRight + 0.5);
    if (viewport.width >= 1024) expect(box.scrolls, JSON.stringify(box)).toBe(false);
    await hex.scrollIntoViewIfNeeded();
    await screenshot(page, shots, 'folded-with-hex');
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('button', { name: 'Query', exact: true }).click();
  }, 60_000);

  it('downloads an export through the browser with the bytes dump --format jsonl prints', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export rows' });
    expect(await dialog.getByLabel('Download through the browser').isChecked()).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: /^Download \d+ rows$/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^wal-export-[\d-]+T[\d-]+\.jsonl$/);
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    const dump = await runCliCaptured(['dump', walDir, '--format', 'jsonl']);
    expect(saved).toBe(dump.stdout);
    expect(saved.trim().split('\n')).toHaveLength(stats.rows);
    await dialog.getByText(/Download started/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).last().click();
  }, 60_000);

  it('the header follows the log while another writer appends', async () => {
    const active = path.join(walDir, 'transactions.wal');
    const size = async () => page.getByTestId('log-size').getAttribute('title');
    const before = await size();
    const more = binaryBytes(generated(6, 100));
    fs.appendFileSync(active, more);
    await page.getByTestId('log-grown').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('log-grown').textContent()).toContain(`+${formatBytes(more.length)} written since read`);
    const total = stats.segments.reduce((n, g) => n + g.file_bytes, 0) + more.length;
    expect(await size()).toBe(`${formatCount(total)} bytes on disk`);
    expect(before).not.toBe(await size());
    await page.getByRole('button', { name: 'Follow to show' }).click();
    await page.waitForFunction((n) => (window as unknown as { __walInspectorStore: StoreHandle }).__walInspectorStore.getState().session?.progress.entries === n, stats.entries + 6);
    expect(await page.getByTestId('entry-count').textContent()).toBe(`${formatCount(stats.entries + 6)} entries`);
    expect(await page.getByTestId('log-grown').count()).toBe(0);
    expect((await state())?.progress.entries).toBe(stats.entries + 6);
    expect(errors).toEqual([]);
  }, 60_000);
});
