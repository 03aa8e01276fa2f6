// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointPlan } from '../../../core/contract/contract-jobs.js';
import { CheckpointDialog } from '../../../renderer/src/components/checkpoint-dialog.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi } from '../support/fake-api.js';

beforeEach(() => {
  resetAppStore();
  setInspectorApi(createFakeApi({}).api);
});
afterEach(() => cleanup());

const refusedPlan: CheckpointPlan = {
  plan_id: 'p1', compact: true, verify_passed: true, entries_processed: 3, critical_issues: 0,
  seal: { segment: 'transactions.wal', from: 'transactions.wal', to: 'transactions.1.wal', final: 'transactions.1.wal', compression: 'none', entries: 3 },
  remove: [],
  refused: 'the store does not reflect the log exactly (2 findings): …',
  blocked_by: [
    { kind: 'deleted-copy-missing', description: 'Document b is deleted by the log but its soft-deleted copy .deleted/b.json is missing', document_id: 'b', segment: 'transactions.wal', offset: 120 },
    { kind: 'log-in-use', description: 'process 42 (sentinel) has /d/.wal/transactions.wal open for writing' },
  ],
  blocked_total: 3,
  writer_check: 'proc',
  position: { segment: 'transactions.wal', offset: 300, entries: 3, segments: 1 },
};

describe('CheckpointDialog', () => {
  it('lists every reason a compaction is refused, with the entry it points at, and how many more there are', () => {
    useAppStore.setState({ dialog: 'checkpoint', checkpointPlan: refusedPlan });
    render(<CheckpointDialog />);
    const list = screen.getByRole('list', { name: 'Why compaction is refused' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Document b is deleted by the log but its soft-deleted copy .deleted/b.json is missing — transactions.wal:120',
      'process 42 (sentinel) has /d/.wal/transactions.wal open for writing',
      '… and 1 more',
    ]);
    expect((screen.getByRole('button', { name: 'Apply checkpoint' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('checkpoint-writer-note')).toBeNull();
  });

  it('says, as the CLI does, when other processes\' writers could not be looked for (no /proc)', () => {
    useAppStore.setState({ dialog: 'checkpoint', checkpointPlan: { ...refusedPlan, writer_check: 'unavailable' } });
    render(<CheckpointDialog />);
    expect(screen.getByTestId('checkpoint-writer-note').textContent).toMatch(/no \/proc: other processes writing the log were looked for only through our writer lock/);
  });
});
