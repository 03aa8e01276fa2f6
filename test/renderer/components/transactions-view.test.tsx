// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TransactionsView } from '../../../renderer/src/components/transactions-view.js';
import type { ArgsOf, TransactionItem, TransactionPage } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

const VIEWPORT = 240;
const TOTAL = 1_600_000;

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? VIEWPORT : 0;
    },
  });
});

function item(i: number): TransactionItem {
  return {
    transaction_id: `tx-${String(i).padStart(8, '0')}`, status: i % 10 === 9 ? 'rolled-back' : 'committed', has_begin: true,
    entries: 3 + (i % 5), operations: 1 + (i % 5), documents: 1, bytes: 300 + i, first_row: i * 5, last_row: i * 5 + 4,
    first_time: 1_732_400_000_000 + i * 50, last_time: 1_732_400_000_000 + i * 50 + 20, segments: [0],
  };
}

let fake: FakeApi;
let confirmed = true;
function page(args: ArgsOf<'transactions.page'>): TransactionPage {
  const total = args.id_prefix ? 11 : TOTAL;
  const items: TransactionItem[] = [];
  for (let i = args.offset; i < Math.min(total, args.offset + args.limit); i++) items.push(item(i));
  return {
    items, total, total_unfiltered: TOTAL, offset: args.offset, complete: true, ids_confirmed: confirmed,
    counts: { committed: total - Math.floor(total / 10), 'rolled-back': Math.floor(total / 10), incomplete: 0, 'single-entry': 0 },
  };
}
const pageCalls = () => fake.calls.filter((c) => c.op === 'transactions.page').map((c) => c.args as ArgsOf<'transactions.page'>);

beforeEach(() => {
  resetAppStore();
  confirmed = true;
  fake = createFakeApi({ 'transactions.page': page, 'rows.page': (a) => ({ rows: [], total: 0, total_unfiltered: 0, offset: a.offset, complete: true }) });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(TOTAL * 5), view: 'transactions' });
});
afterEach(() => cleanup());

async function renderLoaded() {
  render(<TransactionsView />);
  await waitFor(() => expect(screen.getAllByRole('row').some((r) => r.getAttribute('data-kind') === 'transaction')).toBe(true));
}
const bodyRows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-index'));

describe('TransactionsView', () => {
  it('is one virtualized grid of every transaction: the full count, only the rows in view', async () => {
    await renderLoaded();
    const grid = screen.getByRole('grid', { name: 'Transactions' });
    expect(grid.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    expect(bodyRows().length).toBeLessThanOrEqual(Math.ceil(VIEWPORT / 24) + 13);
    expect(screen.getByTestId('transactions-count').textContent).toBe('1,600,000 transactions');
    expect(screen.queryByText(/Show more/)).toBeNull();
    // Far down: other rows, fetched by their page, never the list up to there.
    const scroller = screen.getByTestId('transactions-scroll');
    act(() => {
      scroller.scrollTop = 4_000_000;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(Number(bodyRows()[0]!.getAttribute('data-index'))).toBeGreaterThan(100_000));
    await waitFor(() => expect(bodyRows().some((r) => r.getAttribute('data-kind') === 'transaction')).toBe(true));
    expect(bodyRows().length).toBeLessThanOrEqual(Math.ceil(VIEWPORT / 24) + 13);
    expect(Math.max(...pageCalls().map((a) => a.limit))).toBeLessThanOrEqual(200);
  });

  it('sorts on the service by a header click, and reverses on a second', async () => {
    await renderLoaded();
    fireEvent.click(screen.getByRole('button', { name: /^Size/ }));
    await waitFor(() => expect(pageCalls().at(-1)!.sort).toEqual({ key: 'size', direction: 'asc' }));
    const header = screen.getAllByRole('columnheader').find((h) => h.textContent?.startsWith('Size'))!;
    await waitFor(() => expect(header.getAttribute('aria-sort')).toBe('ascending'));
    fireEvent.click(screen.getByRole('button', { name: /^Size/ }));
    await waitFor(() => expect(pageCalls().at(-1)!.sort).toEqual({ key: 'size', direction: 'desc' }));
    fireEvent.click(screen.getByRole('button', { name: /^Entries/ }));
    await waitFor(() => expect(pageCalls().at(-1)!.sort).toEqual({ key: 'entries', direction: 'asc' }));
    for (const name of [/^Status/, /^First/, /^Duration/]) {
      fireEvent.click(screen.getByRole('button', { name }));
      await waitFor(() => expect(pageCalls().at(-1)!.offset).toBe(0));
    }
    expect(pageCalls().map((a) => a.sort?.key)).toEqual(expect.arrayContaining(['status', 'time', 'duration']));
  });

  it('searches by id prefix and filters by status; the status line says what it shows', async () => {
    await renderLoaded();
    const box = screen.getByRole('searchbox', { name: 'Transaction id' });
    fireEvent.change(box, { target: { value: 'tx-0000001' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(pageCalls().at(-1)!.id_prefix).toBe('tx-0000001'));
    await waitFor(() => expect(screen.getByTestId('transactions-count').textContent).toBe('11 of 1,600,000 transactions with an id starting “tx-0000001”'));
    fireEvent.click(screen.getByRole('checkbox', { name: /rolled back/ }));
    await waitFor(() => expect(pageCalls().at(-1)!.status).toEqual(['committed', 'incomplete']));
    expect(screen.getByRole('checkbox', { name: /rolled back/ }).closest('label')!.textContent).toContain('(1)');
  });

  it('says when the list is grouped by hash, and asks again until the ids are confirmed', async () => {
    confirmed = false;
    await renderLoaded();
    expect(screen.getByTestId('transactions-count').textContent).toMatch(/grouped by id hash/);
    const before = pageCalls().length;
    confirmed = true;
    await waitFor(() => expect(screen.getByTestId('transactions-count').textContent).not.toMatch(/grouped by id hash/), { timeout: 3000 });
    expect(pageCalls().length).toBeGreaterThan(before);
  });

  it('opens the entries of a transaction in the table', async () => {
    await renderLoaded();
    fireEvent.click(screen.getByRole('button', { name: 'tx-00000002' }));
    expect(useAppStore.getState().view).toBe('entries');
    expect(useAppStore.getState().filter.transaction_id).toBe('tx-00000002');
  });
});
