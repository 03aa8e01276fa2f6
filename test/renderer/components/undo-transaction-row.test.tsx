// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TransactionsView } from '../../../renderer/src/components/transactions-view.js';
import type { ArgsOf, RestorePlanResult, TransactionItem, TransactionPage } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) { return this.classList.contains('grid-scroll') ? 240 : 0; },
  });
});

function item(i: number): TransactionItem {
  return {
    transaction_id: `tx-${i}`, status: 'committed', has_begin: true, entries: 3, operations: 1, documents: 1, bytes: 300,
    first_row: i * 3, last_row: i * 3 + 2, first_time: 1_732_400_000_000 + i, last_time: 1_732_400_000_010 + i, segments: [0],
  };
}
function page(args: ArgsOf<'transactions.page'>): TransactionPage {
  const items: TransactionItem[] = [];
  for (let i = args.offset; i < Math.min(5, args.offset + args.limit); i++) items.push(item(i));
  return { items, total: 5, total_unfiltered: 5, offset: args.offset, complete: true, ids_confirmed: true,
    counts: { committed: 5, 'rolled-back': 0, incomplete: 0, 'single-entry': 0 } };
}
function plan(args: ArgsOf<'restore.plan'>): RestorePlanResult {
  const tx = args.exclude_tx![0]!;
  return {
    plan_id: `plan-${tx}`, store: '/s/users', collections: ['users'], into: null,
    selection: { exclude_tx: [tx], on_conflict: 'keep', uncommitted: 'excluded' },
    changes: [{ collection: 'users', document_id: `doc-of-${tx}`, operation: 'update', before: '{}', after: '{}' }],
    conflicts: [{ collection: 'users', document_id: 'q1', paths: ['$.v'], transactions: ['tx-4'], excluded_transactions: [tx], resolution: 'keep' }],
    incomplete: [], incomplete_documents: [], excluded_entries: 1, uncommitted_entries: 0, entries_read: 15, damaged_ranges: 0, notes: [], dry_run: true,
  };
}

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'transactions.page': page,
    'rows.page': (a) => ({ rows: [], total: 0, total_unfiltered: 0, offset: a.offset, complete: true }),
    'restore.plan': plan,
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(15), view: 'transactions' });
});
afterEach(cleanup);

describe('Undo from a transaction row', () => {
  it("analyses that row's transaction (restore.plan exclude_tx) and shows the conflicts, writing nothing", async () => {
    render(<TransactionsView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Undo transaction tx-2' }));
    const region = await screen.findByRole('region', { name: 'Undo analysis' });
    expect(region.textContent).toMatch(/independent: update doc-of-tx-2/);
    expect(region.textContent).toMatch(/overwritten later: q1 at \$\.v by tx-4/);
    expect((screen.getByLabelText('Transaction to undo') as HTMLInputElement).value).toBe('tx-2');
    expect(region.closest('details')!.open).toBe(true);
    // The row's own click (filter the table to it) is not triggered by the action.
    expect(useAppStore.getState().view).toBe('transactions');
    fireEvent.click(screen.getByRole('button', { name: 'Undo transaction tx-3' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Undo analysis' }).textContent).toMatch(/doc-of-tx-3/));
    expect(fake.calls.filter((c) => c.op === 'restore.plan').map((c) => (c.args as ArgsOf<'restore.plan'>).exclude_tx)).toEqual([['tx-2'], ['tx-3']]);
    expect(fake.calls.some((c) => c.op === 'restore.apply')).toBe(false);
  });
});
