// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentHistory } from '../../../renderer/src/components/document-history.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import type { DocumentHistoryView, RestoreReport } from '../../../renderer/src/contract.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

const HISTORY: DocumentHistoryView = {
  document_id: 'p1', collection: 'users', complete: true,
  versions: [
    { segment: 'transactions.wal', offset: 0, timestamp: '1732400000001', entry_type: 'Insert', transaction_id: 't1', transaction_status: 'standalone', state: '{"price":1}' },
    { segment: 'transactions.wal', offset: 300, timestamp: '1732400000002', entry_type: 'Update', transaction_id: 'bad', transaction_status: 'standalone', state: '{"price":999}' },
  ],
};
const REPORT: RestoreReport = {
  store: '/s/data/users', collections: ['users'], into: null, selection: { until: 'transactions.wal:0', on_conflict: 'keep', uncommitted: 'excluded' },
  changes: [{ collection: 'users', document_id: 'p1', operation: 'update', before: '{\n  "price": 999\n}', after: '{\n  "price": 1\n}' }],
  conflicts: [], incomplete: [], incomplete_documents: [], excluded_entries: 0, uncommitted_entries: 0, entries_read: 2, damaged_ranges: 0,
  notes: ['rolled-back and never-terminated transactions count as excluded (they never happened): 0 entries; --include-uncommitted keeps them'], dry_run: true,
};

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'history.get': () => HISTORY,
    'restore.plan': () => ({ ...REPORT, plan_id: 'plan-1' }),
    'restore.apply': () => ({ ...REPORT, dry_run: false, applied: { written: 1, already_done: 0, backups: ['/s/data/users/.backups/x'], into: null, plan_file: null } }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(2) });
});
afterEach(cleanup);

describe('DocumentHistory', () => {
  it('lists every version, shows the diff from the one before, and restores a version after a preview', async () => {
    const { container } = render(<DocumentHistory documentId="p1" />);
    await screen.findByText(/2 versions of/);
    expect(screen.getAllByRole('button', { name: /#\d/ })).toHaveLength(2);
    // The newest version is shown first: its diff from the insert.
    const added = [...container.querySelectorAll('[data-kind="added"]')].map((e) => e.textContent);
    const removed = [...container.querySelectorAll('[data-kind="removed"]')].map((e) => e.textContent);
    expect(added.join(' ')).toContain('999');
    expect(removed.join(' ')).toContain('1');
    fireEvent.click(screen.getByRole('button', { name: /#1 Insert/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Restore this version…' }));
    await screen.findByRole('region', { name: 'Restore preview' });
    expect(fake.calls.find((c) => c.op === 'restore.plan')?.args).toMatchObject({ document: 'p1', until: 'transactions.wal:0' });
    expect(fake.calls.some((c) => c.op === 'restore.apply')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Apply (with a backup)' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Restored: 1 written; backup in/));
    expect(fake.calls.find((c) => c.op === 'restore.apply')?.args).toMatchObject({ plan_id: 'plan-1' });
  });
});
