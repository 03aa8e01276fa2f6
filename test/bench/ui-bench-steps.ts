/**
 * The page-side measurements of ui-bench.ts, each on an open, indexed log in Chromium against
 * `serve`. Every function returns milliseconds (or rows) as the page saw them; a step that does
 * not finish within its timeout returns NaN instead of stopping the whole benchmark.
 */
import type { Page } from 'playwright-core';
import type { Row, RowFilter, RowSort } from '../../core/contract/contract-types.js';

type Store = { getState(): Record<string, unknown> };

/** One service call straight from the page (HTTP + service only), and how long it took. */
export async function api<T>(page: Page, op: string, args: object): Promise<{ ms: number; result: T }> {
  return page.evaluate(async ({ op, args }) => {
    const store = (window as unknown as { __walInspectorStore: Store }).__walInspectorStore;
    const session = store.getState()['session'] as { session_id: string } | null;
    const start = performance.now();
    const res = await fetch(`./api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('wal-inspector:token')}` },
      body: JSON.stringify({ session_id: session?.session_id, ...args }),
    });
    const body = await res.json();
    const ms = performance.now() - start;
    if (!body.ok) throw new Error(`${op}: ${JSON.stringify(body.error)}`);
    return { ms, result: body.value as T };
  }, { op, args });
}

export async function rowAt(page: Page, offset: number): Promise<Row> {
  const { result } = await api<{ rows: Row[] }>(page, 'rows.page', { offset, limit: 1, filter: {}, sort: { key: 'file', direction: 'asc' } });
  return result.rows[0]!;
}

export function directPage(page: Page, filter: RowFilter, sort: RowSort = { key: 'file', direction: 'asc' }): Promise<number> {
  return api(page, 'rows.page', { offset: 0, limit: 200, filter, sort }).then((r) => r.ms);
}

/** Until every row element in the entries grid holds a loaded row (none pending), and at least one. */
export function rowsLoaded(page: Page, timeout = 60_000): Promise<void> {
  return page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid="entries-scroll"] [role="row"][data-index]')];
    return rows.length > 0 && rows.every((r) => r.getAttribute('data-kind') !== null && !r.classList.contains('pending'));
  }, undefined, { timeout, polling: 'raf' }).then(() => undefined);
}

const NaNOnTimeout = (e: unknown) => {
  console.log(`  (step gave up: ${String(e).split('\n')[0]})`);
  return Number.NaN;
};

/** A filter set through the UI (Enter commits at once, skipping the typing debounce); ms until the table shows only matching rows. */
export async function uiFilter(page: Page, label: 'Collection' | 'Document id' | 'Transaction id', value: string): Promise<number> {
  const t0 = Date.now();
  const box = page.getByRole('searchbox', { name: label, exact: true });
  await box.fill(value);
  await box.press('Enter');
  await page.waitForFunction(() => / of /.test(document.querySelector('[data-testid="row-count"]')?.textContent ?? ''), undefined, { timeout: 60_000, polling: 'raf' });
  await rowsLoaded(page);
  return Date.now() - t0;
}

export async function uiTypeFilter(page: Page, type: string): Promise<number> {
  const t0 = Date.now();
  await page.getByRole('group', { name: 'Entry types' }).getByRole('button', { name: type, exact: true }).click();
  await page.waitForFunction((t) => {
    const rows = [...document.querySelectorAll('[data-testid="entries-scroll"] [role="row"][data-kind="entry"]')];
    return rows.length > 0 && rows.every((r) => r.querySelector('[data-column="type"]')?.textContent === t);
  }, type, { timeout: 60_000, polling: 'raf' });
  return Date.now() - t0;
}

export async function clearFilters(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Clear/ }).click();
  await page.waitForFunction(() => !/ of /.test(document.querySelector('[data-testid="row-count"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
  await rowsLoaded(page);
}

/** Rows one wheel notch (deltaY 100) moves, over the middle of the table. */
export async function wheelStep(page: Page): Promise<number> {
  const scroller = page.getByTestId('entries-scroll');
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const first = async () => Number(await scroller.getAttribute('data-visible-first'));
  const before = await first();
  await page.mouse.wheel(0, 100);
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="entries-scroll"]')?.getAttribute('data-visible-first')) !== b, before, { timeout: 5000 });
  return (await first()) - before;
}

/** A scrollbar drag to `fraction` of the list: ms and frames until the rows there are on screen, and frames that showed placeholders only. */
export function dragSettle(page: Page, fraction: number): Promise<{ ms: number; frames: number; placeholderFrames: number; first: number }> {
  return page.evaluate(async (fraction) => {
    const el = document.querySelector('[data-testid="entries-scroll"]') as HTMLElement;
    const from = el.getAttribute('data-visible-first');
    const start = performance.now();
    el.scrollTop = (el.scrollHeight - el.clientHeight) * fraction;
    let frames = 0;
    let placeholderFrames = 0;
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      frames++;
      const first = el.getAttribute('data-visible-first');
      const rows = [...el.querySelectorAll('.grid-rows [role="row"]')];
      if (rows.length > 0 && rows.every((r) => r.classList.contains('pending'))) placeholderFrames++;
      if (first !== from && el.querySelector(`.grid-rows [data-index="${first}"][data-kind]`)) return { ms: performance.now() - start, frames, placeholderFrames, first: Number(first) };
      if (frames > 1200) return { ms: Number.NaN, frames, placeholderFrames, first: -1 };
    }
  }, fraction);
}

/** Go to `text`; ms from Enter until a newly selected row is on screen. */
export async function goTo(page: Page, text: string): Promise<number> {
  const prev = await page.evaluate(() => (window as unknown as { __walInspectorStore: Store }).__walInspectorStore.getState()['selectedRow']);
  const box = page.getByRole('textbox', { name: 'Go to' });
  await box.fill(text);
  const t0 = Date.now();
  await box.press('Enter');
  return page.waitForFunction((prev) => {
    const sel = (window as unknown as { __walInspectorStore: Store }).__walInspectorStore.getState()['selectedRow'];
    if (sel === prev || sel === null) return false;
    const el = document.querySelector(`.grid-rows [role="row"][aria-selected="true"][data-row="${String(sel)}"]`);
    const view = document.querySelector('[data-testid="entries-scroll"]')?.getBoundingClientRect();
    if (!el || !view) return false;
    const at = el.getBoundingClientRect();
    return at.top >= view.top - 1 && at.bottom <= view.bottom + 1;
  }, prev, { timeout: 60_000, polling: 'raf' }).then(() => Date.now() - t0, NaNOnTimeout);
}

/** A click on a column header (a sort not asked for before): ms until its rows.page answered and the rows are on screen. */
export async function uiSort(page: Page, header: string, key: string): Promise<number> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/rows.page') && (r.request().postData() ?? '').includes(`"key":"${key}"`), { timeout: 120_000 });
  const t0 = Date.now();
  await page.getByRole('columnheader', { name: header, exact: true }).getByRole('button').click();
  try {
    await answered;
    await rowsLoaded(page, 120_000);
    return Date.now() - t0;
  } catch (e) {
    return NaNOnTimeout(e);
  }
}

/** A text search in data: ms from Enter until the status gives its final count. */
export async function textSearch(page: Page, text: string, entries: number): Promise<{ ms: number; found: number }> {
  const box = page.getByRole('searchbox', { name: 'Text in data' });
  await box.fill(text);
  const t0 = Date.now();
  await box.press('Enter');
  const ms = await page.waitForFunction((n) => new RegExp(`^[\\d,]+ of ${n} rows$`).test(document.querySelector('[data-testid="row-count"]')?.textContent ?? ''),
    entries.toLocaleString('en'), { timeout: 300_000, polling: 100 }).then(() => Date.now() - t0, NaNOnTimeout);
  const status = (await page.getByTestId('row-count').textContent()) ?? '';
  return { ms, found: Number(status.replace(/ of .*/, '').replace(/\D/g, '')) };
}

/** The Transactions tab opened for the first time: ms until its first rows, and until the ids are confirmed byte by byte. */
export async function transactionsFirstOpen(page: Page): Promise<{ firstRowsMs: number; confirmedMs: number; status: string }> {
  const t0 = Date.now();
  await page.getByRole('tab', { name: /Transactions/ }).click();
  const grid = page.getByRole('grid', { name: 'Transactions' });
  const firstRowsMs = await grid.locator('[data-kind="transaction"]').first().waitFor({ timeout: 120_000 }).then(() => Date.now() - t0, NaNOnTimeout);
  const confirmedMs = await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid="transactions-count"]')?.textContent ?? '';
    return /transactions/.test(t) && !/grouped by id hash/.test(t);
  }, undefined, { timeout: 120_000, polling: 100 }).then(() => Date.now() - t0, NaNOnTimeout);
  return { firstRowsMs, confirmedMs, status: (await page.getByTestId('transactions-count').textContent()) ?? '' };
}

/** transactions.page straight from the page, per sort key (cold: each order is built on first use). */
export async function transactionSorts(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const key of ['time', 'size', 'entries', 'status', 'duration']) {
    out[key] = Math.round((await api(page, 'transactions.page', { offset: 0, limit: 100, sort: { key, direction: 'desc' } })).ms);
  }
  out['id_prefix'] = Math.round((await api(page, 'transactions.page', { offset: 0, limit: 100, id_prefix: 't0000000000000000000000000001' })).ms);
  return out;
}
