// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TransactionsView } from '../../../renderer/src/components/transactions-view.js';
import type { ArgsOf, TransactionItem, TransactionPage } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? 240 : 0;
    },
  });
});

const ITEMS: TransactionItem[] = ['txn-a', 'txn-b', 'txn-c'].map((id, i) => ({
  transaction_id: id, status: 'committed', has_begin: true, entries: 4, operations: 2, documents: 2, bytes: 400, first_row: i * 4, last_row: i * 4 + 3,
  first_time: 1_732_400_000_000 + i, last_time: 1_732_400_000_010 + i, segments: [0], damaged: id !== 'txn-c',
}));

let fake: FakeApi;
function page(args: ArgsOf<'transactions.page'>): TransactionPage {
  const items = args.damaged ? ITEMS.filter((t) => t.damaged) : ITEMS;
  return {
    items: items.slice(args.offset, args.offset + args.limit), total: items.length, total_unfiltered: ITEMS.length, offset: args.offset, complete: true,
    ids_confirmed: true, counts: { committed: items.length, 'rolled-back': 0, incomplete: 0, 'single-entry': 0 }, damaged: 2,
  };
}

beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({ 'transactions.page': page, 'rows.page': (a) => ({ rows: [], total: 0, total_unfiltered: 0, offset: a.offset, complete: true }) });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(12), view: 'transactions' });
});
afterEach(() => cleanup());

const shownIds = () => [...document.querySelectorAll('[data-kind="transaction"]')].map((r) => r.textContent ?? '');

describe('Transactions: damaged transactions have their own mark and filter', () => {
  it('marks damaged ones, counts them, and "Damaged only" asks the service for them alone', async () => {
    render(<TransactionsView />);
    await waitFor(() => expect(shownIds()).toHaveLength(3));
    expect(shownIds().filter((t) => t.includes('damaged')).map((t) => t.slice(0, 5))).toEqual(['txn-a', 'txn-b']);
    const toggle = screen.getByTestId('tx-damaged-only');
    expect(toggle.closest('label')!.textContent).toContain('Damaged only (2)');
    fireEvent.click(toggle);
    await waitFor(() => expect(shownIds()).toHaveLength(2));
    const last = fake.calls.filter((c) => c.op === 'transactions.page').at(-1)!.args as ArgsOf<'transactions.page'>;
    expect(last.damaged).toBe(true);
    expect(screen.getByTestId('transactions-count').textContent).toContain('damaged only');
  });
});
