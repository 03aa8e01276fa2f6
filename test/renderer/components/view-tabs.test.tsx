// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ViewTabs } from '../../../renderer/src/components/view-tabs.js';
import type { ArgsOf, TransactionPage } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

let fake: FakeApi;
const page = (a: ArgsOf<'transactions.page'>): TransactionPage => ({
  items: [], total: 1_234_567, total_unfiltered: 1_300_000, offset: a.offset, complete: true, ids_confirmed: true,
  counts: { committed: 1_234_567, 'rolled-back': 0, incomplete: 0, 'single-entry': 65_433 },
});

beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({ 'transactions.page': page });
  setInspectorApi(fake.api);
});
afterEach(() => cleanup());

describe('ViewTabs', () => {
  it('asks for the transactions once the log is indexed (so the view opens grouped) and shows their count', async () => {
    const session = fakeSession(5_000_000);
    useAppStore.setState({ session: { ...session, progress: { ...session.progress, complete: false } } });
    render(<ViewTabs />);
    expect(fake.calls.filter((c) => c.op === 'transactions.page')).toHaveLength(0);
    act(() => useAppStore.setState({ session: { ...session, progress: { ...session.progress, complete: true } } }));
    await waitFor(() => expect(screen.getByRole('tab', { name: /Transactions/ }).textContent).toBe('Transactions 1,234,567'));
    expect(fake.calls.filter((c) => c.op === 'transactions.page')).toHaveLength(1);
  });
});
