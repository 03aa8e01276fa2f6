/**
 * Issue 16's UI figures (not a test): for each log size, a fresh `serve` (the real service) and
 * headless Chromium on a generated log of transactions (test/bench/generate-tx-log.ts, ~190 k
 * per million entries, data of 40–600 bytes), made once in the temp folder and reused:
 *
 * - first rows and full index after the page opens the log; RSS of serve idle (before the
 *   log), indexed, after all the browsing below, and after session.close (2 s and 10 s later);
 * - a wheel notch (deltaY 100) in rows at the top and the middle; a scrollbar drag to ¼, ½, ¾:
 *   ms and frames until its rows are on screen, frames of placeholders only;
 * - Go-to each kind (row, segment:offset, bare offset, ISO time, transaction id, document id):
 *   Enter to the row selected on screen;
 * - each sort: a header click (an order not built before) to its rows on screen;
 * - each filter: through the UI (type chip, collection, document, transaction: Enter to rows)
 *   and the same rows.page straight from the page (the service's share);
 * - text search in data: Enter to the final count, as the file's bytes per second;
 * - Transactions first open: the tab clicked to its first rows, and to ids confirmed by bytes;
 *   transactions.page per sort key and an id prefix.
 *
 * Run: npx tsx test/bench/ui-bench.ts [entries,…=1000000,5000000,8600000]
 * Prints a Markdown table for the README and writes .bench/ui-bench.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTxLog } from './generate-tx-log.js';
import {
  api, clearFilters, directPage, dragSettle, goTo, rowAt, rowsLoaded, textSearch, transactionSorts, transactionsFirstOpen, uiFilter, uiSort,
  uiTypeFilter, wheelStep,
} from './ui-bench-steps.js';
import { launchChromium } from '../e2e/support/browser.js';
import { buildRenderer } from '../e2e/support/build-renderer.js';
import { startServe } from '../e2e/support/serve-process.js';
import { REPO_ROOT } from '../support/paths.js';

const SIZES = (process.argv[2] ?? '1000000,5000000,8600000').split(',').map(Number);
const WORK = path.join(os.tmpdir(), 'wal-ui-bench');

/** Resident MiB of a process and all its descendants (tsx runs serve in a child process). */
function treeRssMiB(pid: number): number {
  let kib = 0;
  const visit = (p: number) => {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        for (const c of fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) visit(Number(c));
      }
    } catch {
      // The process ended meanwhile.
    }
  };
  visit(pid);
  return Math.round(kib / 1024);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function benchOne(entries: number, rendererDir: string, browser: Awaited<ReturnType<typeof launchChromium>>) {
  const file = path.join(WORK, `tx-${entries}.wal`);
  const t = performance.now();
  const { transactions, bytes } = generateTxLog(file, entries);
  console.log(`\n### ${entries.toLocaleString('en')} entries, ${transactions.toLocaleString('en')} transactions, ${(bytes / 2 ** 20).toFixed(0)} MiB (${((performance.now() - t) / 1000).toFixed(1)} s to make or find); load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-ui-bench-home-'));
  const serve = await startServe(['--port', '0', '--no-recent', '--renderer-dir', rendererDir], { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config') });
  const rss = () => treeRssMiB(serve.child.pid!);
  const r: Record<string, unknown> = { entries, transactions, bytes, load_before: os.loadavg()[0] };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    // tsx (esbuild keepNames) wraps the page functions in __name(); give the page one.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(serve.url);
    await page.getByRole('textbox').first().waitFor();
    await sleep(1000);
    r['rss_idle_mib'] = rss();
    const t0 = Date.now();
    await page.goto(`${serve.url}&log=${encodeURIComponent(file)}`);
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 120_000 });
    r['first_rows_ms'] = Date.now() - t0;
    await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 900_000, polling: 200 });
    r['index_ms'] = Date.now() - t0;
    await rowsLoaded(page);
    await sleep(1000);
    r['rss_indexed_mib'] = rss();
    console.log(`  first rows ${String(r['first_rows_ms'])} ms, indexed ${String(r['index_ms'])} ms, RSS idle ${String(r['rss_idle_mib'])} → indexed ${String(r['rss_indexed_mib'])} MiB`);

    // First, before anything else builds the transaction table or a sort order (Go-to by time or id does).
    const tx = await transactionsFirstOpen(page);
    r['transactions_first_open'] = tx;
    console.log(`  transactions first open ${JSON.stringify(tx)}`);
    await page.getByRole('tab', { name: /Entries/ }).click();
    await rowsLoaded(page);
    const sorts: Record<string, number> = {};
    for (const [header, key] of [['Time', 'time'], ['Type', 'type'], ['Collection', 'collection'], ['Document', 'document'], ['Size', 'size']] as const) {
      sorts[key] = await uiSort(page, header, key);
    }
    // And each descending straight from the service (the orders exist now: reversed).
    const sortsDesc: Record<string, number> = {};
    for (const key of ['time', 'type', 'collection', 'document', 'size'] as const) sortsDesc[key] = Math.round(await directPage(page, {}, { key, direction: 'desc' }));
    await page.getByRole('columnheader', { name: '#', exact: true }).getByRole('button').click();
    await rowsLoaded(page);
    r['sort_ui_ms'] = sorts;
    r['sort_desc_direct_ms'] = sortsDesc;
    console.log(`  sorts (click to rows) ${JSON.stringify(sorts)}; desc direct ${JSON.stringify(sortsDesc)}`);

    r['wheel_rows_top'] = await wheelStep(page);
    const drags = [];
    for (const f of [0.5, 0.25, 0.75]) drags.push(await dragSettle(page, f));
    r['drag'] = drags.map((d) => ({ ms: Math.round(d.ms), frames: d.frames, placeholder_frames: d.placeholderFrames }));
    await rowsLoaded(page);
    r['wheel_rows_middle'] = await wheelStep(page);
    console.log(`  wheel ${String(r['wheel_rows_top'])} / ${String(r['wheel_rows_middle'])} rows; drag ${JSON.stringify(r['drag'])}`);

    // Targets for Go-to, read from the service (each a different row, so each Enter selects anew).
    const at = (f: number) => rowAt(page, Math.floor(entries * f));
    const [bySeg, byBare, byTime, byTx, byDoc] = await Promise.all([at(0.5), at(0.6), at(0.7), at(0.8), at(0.9)]);
    const goto: Record<string, number> = {};
    goto['row'] = await goTo(page, String(Math.floor(entries * 0.3)));
    goto['segment_offset'] = await goTo(page, `${bySeg!.segment}:0x${bySeg!.offset.toString(16)}`);
    goto['bare_offset'] = await goTo(page, `@${byBare!.offset}`);
    goto['time'] = await goTo(page, new Date(byTime!.time!).toISOString());
    goto['transaction'] = await goTo(page, `tx:${byTx!.transaction_id}`);
    goto['document'] = await goTo(page, `doc:${byDoc!.document_id}`);
    r['goto_ms'] = goto;
    console.log(`  go to ${JSON.stringify(goto)}`);

    const filters: Record<string, { ui_ms: number; direct_ms: number }> = {};
    const doc = byDoc!.document_id;
    filters['type'] = { direct_ms: await directPage(page, { types: ['Delete'] }), ui_ms: await uiTypeFilter(page, 'Delete') };
    await clearFilters(page);
    filters['collection'] = { direct_ms: await directPage(page, { collection: 'orders' }), ui_ms: await uiFilter(page, 'Collection', 'orders') };
    await clearFilters(page);
    filters['document'] = { direct_ms: await directPage(page, { document_id: doc }), ui_ms: await uiFilter(page, 'Document id', doc) };
    await clearFilters(page);
    filters['document_prefix'] = { direct_ms: await directPage(page, { document_id_prefix: 'doc-123' }), ui_ms: await uiFilter(page, 'Document id', 'doc-123*') };
    await clearFilters(page);
    filters['transaction'] = { direct_ms: await directPage(page, { transaction_id: byTx!.transaction_id }), ui_ms: await uiFilter(page, 'Transaction id', byTx!.transaction_id) };
    await clearFilters(page);
    const mid = byTime!.time!;
    filters['time_range'] = { direct_ms: await directPage(page, { time_from: mid - 60_000, time_to: mid + 60_000 }), ui_ms: Number.NaN };
    filters['damaged_only'] = { direct_ms: await directPage(page, { damage: 'only' }), ui_ms: Number.NaN };
    for (const v of Object.values(filters)) v.direct_ms = Math.round(v.direct_ms);
    r['filters'] = filters;
    console.log(`  filters ${JSON.stringify(filters)}`);

    const search = await textSearch(page, 'user-77', entries);
    r['text_search'] = { ms: search.ms, found: search.found, mb_per_s: Math.round(bytes / 1e6 / (search.ms / 1000)) };
    console.log(`  text search ${JSON.stringify(r['text_search'])}`);
    await clearFilters(page);

    r['transactions_page_ms'] = await transactionSorts(page);
    console.log(`  transactions.page ${JSON.stringify(r['transactions_page_ms'])}`);

    await sleep(1000);
    r['rss_browsed_mib'] = rss();
    const session = await page.evaluate(() => ((window as unknown as { __walInspectorStore: { getState(): { session: { session_id: string } } } }).__walInspectorStore.getState().session.session_id));
    await api(page, 'session.close', { session_id: session });
    await page.close();
    await sleep(2000);
    r['rss_closed_2s_mib'] = rss();
    await sleep(8000);
    r['rss_closed_10s_mib'] = rss();
    r['load_after'] = os.loadavg()[0];
    console.log(`  RSS browsed ${String(r['rss_browsed_mib'])}, closed +2 s ${String(r['rss_closed_2s_mib'])}, +10 s ${String(r['rss_closed_10s_mib'])} MiB`);
    return r;
  } finally {
    await context.close();
    await serve.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const ms = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '—');
function table(results: Record<string, unknown>[]): string {
  const g = (r: Record<string, unknown>, ...keys: string[]) => keys.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], r);
  const rows: [string, (r: Record<string, unknown>) => string][] = [
    ['first rows / full index (ms)', (r) => `${ms(r['first_rows_ms'])} / ${ms(r['index_ms'])}`],
    ['wheel notch, top / middle (rows)', (r) => `${String(r['wheel_rows_top'])} / ${String(r['wheel_rows_middle'])}`],
    ['drag to ½, ¼, ¾: settle ms (frames; placeholder-only)', (r) => (r['drag'] as { ms: number; frames: number; placeholder_frames: number }[]).map((d) => `${ms(d.ms)} (${d.frames}; ${d.placeholder_frames})`).join(', ')],
    ...(['row', 'segment_offset', 'bare_offset', 'time', 'transaction', 'document'].map((k) => [`go to ${k.replace('_', ' ')} (ms)`, (r: Record<string, unknown>) => ms(g(r, 'goto_ms', k))] as [string, (r: Record<string, unknown>) => string])),
    ...(['time', 'type', 'collection', 'document', 'size'].map((k) => [`sort by ${k}: click to rows / desc on the service (ms)`, (r: Record<string, unknown>) => `${ms(g(r, 'sort_ui_ms', k))} / ${ms(g(r, 'sort_desc_direct_ms', k))}`] as [string, (r: Record<string, unknown>) => string])),
    ...(['type', 'collection', 'document', 'document_prefix', 'transaction', 'time_range', 'damaged_only'].map((k) => [`filter ${k.replace('_', ' ')}: UI / service (ms)`, (r: Record<string, unknown>) => `${ms(g(r, 'filters', k, 'ui_ms'))} / ${ms(g(r, 'filters', k, 'direct_ms'))}`] as [string, (r: Record<string, unknown>) => string])),
    ['text search "user-77": ms, MB/s of file', (r) => `${ms(g(r, 'text_search', 'ms'))}, ${ms(g(r, 'text_search', 'mb_per_s'))}`],
    ['Transactions first open: rows / ids confirmed (ms)', (r) => `${ms(g(r, 'transactions_first_open', 'firstRowsMs'))} / ${ms(g(r, 'transactions_first_open', 'confirmedMs'))}`],
    ['transactions.page sorted by time, size, entries, status, duration (ms)', (r) => ['time', 'size', 'entries', 'status', 'duration'].map((k) => ms(g(r, 'transactions_page_ms', k))).join(', ')],
    ['RSS idle / indexed / browsed / closed +2 s / +10 s (MiB)', (r) => ['rss_idle_mib', 'rss_indexed_mib', 'rss_browsed_mib', 'rss_closed_2s_mib', 'rss_closed_10s_mib'].map((k) => ms(r[k])).join(' / ')],
    ['load average (1 min) before / after', (r) => `${(r['load_before'] as number).toFixed(1)} / ${(r['load_after'] as number).toFixed(1)}`],
  ];
  const head = `| | ${results.map((r) => `${((r['entries'] as number) / 1e6).toLocaleString('en')} M entries (${((r['transactions'] as number) / 1e6).toFixed(2)} M tx)`).join(' | ')} |`;
  return [head, `|---|${results.map(() => '---').join('|')}|`, ...rows.map(([name, f]) => `| ${name} | ${results.map(f).join(' | ')} |`)].join('\n');
}

fs.mkdirSync(WORK, { recursive: true });
const rendererDir = path.join(WORK, 'renderer');
await buildRenderer(rendererDir);
const browser = await launchChromium();
const results: Record<string, unknown>[] = [];
try {
  for (const n of SIZES) results.push(await benchOne(n, rendererDir, browser));
} finally {
  await browser.close();
}
console.log(`\n${table(results)}`);
fs.mkdirSync(path.join(REPO_ROOT, '.bench'), { recursive: true });
fs.writeFileSync(path.join(REPO_ROOT, '.bench', 'ui-bench.json'), JSON.stringify(results, null, 2));
