// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UndoTransaction } from '../../../renderer/src/components/undo-transaction.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import type { RestoreReport } from '../../../renderer/src/contract.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

const REPORT: RestoreReport = {
  store: '/s/data/users', collections: ['users'], into: null, selection: { exclude_tx: ['bad'], on_conflict: 'keep', uncommitted: 'excluded' },
  changes: [{ collection: 'users', document_id: 'p1', operation: 'update', before: '{}', after: '{}' }],
  conflicts: [{ collection: 'users', document_id: 'q1', paths: ['$.v'], transactions: ['later'], excluded_transactions: ['bad'], resolution: 'keep' }],
  incomplete: [], incomplete_documents: [], excluded_entries: 2, uncommitted_entries: 0, entries_read: 9, damaged_ranges: 0, notes: [], dry_run: true,
};

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'restore.plan': () => ({ ...REPORT, plan_id: 'p' }),
    'restore.apply': () => ({ ...REPORT, dry_run: false, applied: { written: 1, already_done: 0, backups: [], into: null, plan_file: null } }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(2) });
});
afterEach(cleanup);

describe('UndoTransaction', () => {
  it('shows the conflict analysis before any write, then applies on the user\'s word', async () => {
    render(<UndoTransaction />);
    fireEvent.change(screen.getByLabelText('Transaction to undo'), { target: { value: 'bad' } });
    fireEvent.click(screen.getByRole('button', { name: 'Analyse' }));
    const region = await screen.findByRole('region', { name: 'Undo analysis' });
    expect(region.textContent).toMatch(/independent: update p1/);
    expect(region.textContent).toMatch(/overwritten later: q1 at \$\.v by later — left as it is/);
    expect(fake.calls.find((c) => c.op === 'restore.plan')?.args).toMatchObject({ exclude_tx: ['bad'] });
    expect(fake.calls.some((c) => c.op === 'restore.apply')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /Apply the undo/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Undone: 1 document written/));
  });
});
