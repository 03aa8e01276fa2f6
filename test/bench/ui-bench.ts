/**
 * UI performance with a 1M-entry log open in headless Chromium, against the real `serve`:
 *
 * - filter to rows: time from a filter input (a type chip click; a typed document id) until
 *   the table shows the new rows, as a ratio to the same rows.page call made directly from the
 *   page in the same run (so the figure is the renderer's overhead over the service's work);
 * - scrolling: how many row elements exist while scrolling through the million rows, as a
 *   ratio to the rows that fit in the viewport, and how long each jump takes to fill.
 *
 * Not a test. Run: npx tsx test/bench/ui-bench.ts [entries=1000000] [rounds=5]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEntry } from '../../core/wal/new-entry.js';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { launchChromium } from '../e2e/support/browser.js';
import { buildRenderer } from '../e2e/support/build-renderer.js';
import { startServe } from '../e2e/support/serve-process.js';
import { REPO_ROOT } from '../support/paths.js';

const ENTRIES = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const TYPES = ['Insert', 'Update', 'Insert', 'Update', 'Delete', 'Begin', 'Commit'] as const;

/** A binary WAL of `count` small entries, one per 10 ms, in a .wal directory. */
function generateLog(dir: string, count: number): string {
  const walDir = path.join(dir, '.wal');
  const file = path.join(walDir, 'transactions.wal');
  const marker = path.join(dir, `.entries-${count}`);
  if (fs.existsSync(marker)) return walDir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(walDir, { recursive: true });
  const fd = fs.openSync(file, 'w');
  let batch: Uint8Array[] = [];
  let bytes = 0;
  const flush = () => {
    fs.writeSync(fd, Buffer.concat(batch, bytes));
    batch = [];
    bytes = 0;
  };
  for (let i = 0; i < count; i++) {
    const type = TYPES[i % TYPES.length]!;
    const withData = type === 'Insert' || type === 'Update';
    const entry = createEntry({
      entryType: type,
      transactionId: `tx${String(i).padStart(30, '0')}`,
      collection: ['users', 'orders', 'events'][i % 3]!,
      documentId: `doc-${i % 50_000}`,
      timestamp: 1_732_400_000_000n + BigInt(i * 10),
      data: withData ? `{"i":${i},"name":"n${i % 977}","ok":${i % 2 === 0}}` : null,
    });
    const encoded = encodeBinaryEntry(entry);
    batch.push(encoded);
    bytes += encoded.length;
    if (bytes > 8 << 20) flush();
  }
  flush();
  fs.closeSync(fd);
  fs.writeFileSync(marker, '');
  return walDir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const t0 = performance.now();
const walDir = generateLog(path.join(REPO_ROOT, '.bench', `ui-${ENTRIES}`), ENTRIES);
const walBytes = fs.statSync(path.join(walDir, 'transactions.wal')).size;
console.log(`log: ${ENTRIES} entries, ${(walBytes / 2 ** 20).toFixed(0)} MiB (${((performance.now() - t0) / 1000).toFixed(1)} s to make or find)`);

const rendererDir = path.join(REPO_ROOT, '.bench', 'ui-renderer');
await buildRenderer(rendererDir);
const serve = await startServe([walDir, '--port', '0', '--no-recent', '--renderer-dir', rendererDir]);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx (esbuild keepNames) wraps the page functions below in __name(); give the page one.
  await page.addInitScript('globalThis.__name = (f) => f;');
  const opened = performance.now();
  await page.goto(serve.url);
  await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 120_000 });
  const firstRowsMs = performance.now() - opened;
  await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 600_000, polling: 200 });
  const indexedMs = performance.now() - opened;
  console.log(`first rows on screen ${firstRowsMs.toFixed(0)} ms after page load; index complete after ${(indexedMs / 1000).toFixed(1)} s`);

  /** In the page: apply a filter change, wait until the table shows rows that satisfy `check`. */
  const timeFilter = (action: 'type' | 'document', value: string) =>
    page.evaluate(
      async ({ action, value }) => {
        const rowsReady = (test: (row: Element) => boolean) =>
          new Promise<number>((resolve) => {
            const poll = () => {
              const rows = [...document.querySelectorAll('[role="grid"] [role="row"][data-index]')];
              const entries = rows.filter((r) => r.getAttribute('data-kind') === 'entry');
              if (entries.length > 0 && rows.length === entries.length + rows.filter((r) => r.getAttribute('data-kind') === 'damage').length && entries.every(test)) resolve(performance.now());
              else requestAnimationFrame(poll);
            };
            poll();
          });
        const start = performance.now();
        if (action === 'type') {
          const button = [...document.querySelectorAll('[aria-label="Entry types"] button')].find((b) => b.textContent === value) as HTMLButtonElement;
          button.click();
          const done = await rowsReady((r) => r.querySelector('[data-column="type"]')?.textContent === value);
          return done - start;
        }
        const input = document.querySelector('input[aria-label="Document id"]') as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        const done = await rowsReady((r) => r.querySelector('[data-column="document"]')?.textContent === value);
        return done - start;
      },
      { action, value },
    );

  /** The same rows.page the UI makes, straight from the page (HTTP + service only). */
  const timeDirect = (filter: object) =>
    page.evaluate(async (filter) => {
      const store = (window as unknown as { __walInspectorStore: { getState(): { session: { session_id: string } } } }).__walInspectorStore;
      const start = performance.now();
      const res = await fetch('./api/rows.page', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('wal-inspector:token')}` },
        body: JSON.stringify({ session_id: store.getState().session.session_id, offset: 0, limit: 200, filter, sort: { key: 'file', direction: 'asc' } }),
      });
      await res.json();
      return performance.now() - start;
    }, filter);

  const clear = async () => {
    await page.getByRole('button', { name: /^Clear/ }).click();
    await page.waitForFunction(() => !/ of /.test(document.querySelector('[data-testid="row-count"]')?.textContent ?? ''));
    await page.locator('[data-kind="entry"]').first().waitFor();
  };

  const ui: Record<string, number[]> = { type: [], document: [] };
  const direct: Record<string, number[]> = { type: [], document: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the direct baseline and the UI measurement (node benchmark/compare.js style).
    // Let the timeline the UI asks for after its rows finish first: the baseline is measured alone.
    await page.waitForTimeout(150);
    direct.type!.push(await timeDirect({ types: ['Delete'] }));
    ui.type!.push(await timeFilter('type', 'Delete'));
    await clear();
    const doc = `doc-${1000 + round * 7919}`;
    await page.waitForTimeout(150);
    direct.document!.push(await timeDirect({ document_id: doc }));
    ui.document!.push(await timeFilter('document', doc));
    await clear();
  }

  // Scrolling: jump through the whole list, count row elements at each stop.
  const scroll = await page.evaluate(async () => {
    const scroller = document.querySelector('[data-testid="entries-scroll"]') as HTMLElement;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const visible = Math.ceil(scroller.clientHeight / 24);
    const counts: number[] = [];
    const fillMs: number[] = [];
    const stops = 60;
    for (let i = 0; i <= stops; i++) {
      const start = performance.now();
      scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * i) / stops;
      scroller.dispatchEvent(new Event('scroll'));
      for (;;) {
        await frame();
        const rows = [...scroller.querySelectorAll('[role="row"][data-index]')];
        counts.push(rows.length);
        if (rows.length > 0 && rows.every((r) => r.getAttribute('data-kind') !== null)) break;
        if (performance.now() - start > 10_000) break;
      }
      fillMs.push(performance.now() - start);
    }
    const last = scroller.querySelector('[role="row"][data-index]:last-child')?.getAttribute('data-index');
    return { visible, maxRows: Math.max(...counts), meanRows: counts.reduce((a, b) => a + b, 0) / counts.length, fillMs, last, domHeight: scroller.scrollHeight };
  });

  const report = {
    entries: ENTRIES,
    wal_bytes: walBytes,
    first_rows_ms: Math.round(firstRowsMs),
    index_complete_ms: Math.round(indexedMs),
    filter_type: { ui_median_ms: median(ui.type!), direct_median_ms: median(direct.type!), ratio: median(ui.type!) / median(direct.type!) },
    filter_document: {
      ui_median_ms: median(ui.document!),
      direct_median_ms: median(direct.document!),
      ratio: median(ui.document!) / median(direct.document!),
      note: 'the bench sets the value and presses Enter, which skips the 250 ms typing debounce',
    },
    scroll: {
      viewport_rows: scroll.visible,
      max_row_elements: scroll.maxRows,
      mean_row_elements: Number(scroll.meanRows.toFixed(1)),
      ratio_max_to_viewport: Number((scroll.maxRows / scroll.visible).toFixed(2)),
      fill_median_ms: Number(median(scroll.fillMs).toFixed(1)),
      last_row_index_at_bottom: scroll.last,
      spacer_px: scroll.domHeight,
    },
  };
  console.log(JSON.stringify(report, null, 2));
  fs.mkdirSync(path.join(REPO_ROOT, '.bench'), { recursive: true });
  fs.writeFileSync(path.join(REPO_ROOT, '.bench', 'ui-bench.json'), JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await serve.stop();
}
