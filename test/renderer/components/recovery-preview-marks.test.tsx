// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecoveryPlan } from '../../../renderer/src/contract.js';
import { RecoveryPlanView } from '../../../renderer/src/components/recovery-plan-view.js';
import { VerifyView } from '../../../renderer/src/components/verify-view.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession } from '../support/fake-api.js';

beforeEach(() => {
  resetAppStore();
  setInspectorApi(createFakeApi({}).api);
});
afterEach(() => cleanup());

const T2 = 'tx-two-000000000000000000000000b';

function plan(over: Partial<RecoveryPlan> = {}): RecoveryPlan {
  return {
    plan_id: 'p1', store: '/data/users', collection: 'users', mode: 'safe', committed_only: false, dry_run: true, backup: null,
    recovered_operations: 2, skipped_operations: 3, failed_operations: 0, failures: [], lost: [], flagged: [], notes: [],
    foreign_collection_entries: 0,
    changes: [
      { collection: 'users', document_id: 'order-1', operation: 'insert', before: null, after: '{\n  "v": 1\n}' },
      {
        collection: 'users', document_id: 'order-2', operation: 'insert', before: null, after: '{\n  "v": 2\n}',
        uncommitted: [{ transaction_id: T2, entry_type: 'Insert', fate: 'rolled-back', segment: 'transactions.wal', offset: 120, row: 4 }],
      },
    ],
    skipped: [{ transaction_id: T2, document_id: 'order-3', entry_type: 'Update', reason: 'the document does not exist: safe mode updates only documents that exist', segment: 'transactions.wal', offset: 300, row: 7 }],
    skipped_by_reason: [
      { reason: 'Begin, Commit and Rollback entries change no document', count: 2 },
      { reason: 'the document does not exist: safe mode updates only documents that exist', count: 1 },
    ],
    ...over,
  };
}

describe('the recovery preview', () => {
  it('marks the change made by a rolled-back transaction, and only that one', () => {
    render(<RecoveryPlanView plan={plan()} />);
    const marked = document.querySelector('[data-document="order-2"]') as HTMLElement;
    expect(within(marked).getByTestId('uncommitted-mark').textContent).toBe('from a transaction rolled back');
    expect(within(marked).getByTestId('uncommitted-mark').getAttribute('title')).toBe(`Insert in transaction ${T2}, which was rolled back`);
    expect(within(document.querySelector('[data-document="order-1"]') as HTMLElement).queryByTestId('uncommitted-mark')).toBeNull();
    expect(screen.getByTestId('uncommitted-notice').textContent).toContain('1 of these changes');
  });

  it('plans again with committed transactions only in one click', async () => {
    const planRecovery = vi.fn(async () => undefined);
    useAppStore.setState({ planRecovery });
    render(<RecoveryPlanView plan={plan()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Plan again with committed transactions only' }));
    expect(useAppStore.getState().recoveryCommittedOnly).toBe(true);
    expect(planRecovery).toHaveBeenCalledTimes(1);
  });

  it('says nothing of the kind for a committed-only plan', () => {
    render(<RecoveryPlanView plan={plan({ committed_only: true, changes: plan().changes.slice(0, 1) })} />);
    expect(screen.queryByTestId('uncommitted-notice')).toBeNull();
    expect(screen.queryByTestId('uncommitted-mark')).toBeNull();
  });

  it('lists what it skips and why, not only how many', () => {
    render(<RecoveryPlanView plan={plan()} />);
    const section = screen.getByTestId('recovery-skipped');
    expect(section.textContent).toContain('2 — Begin, Commit and Rollback entries change no document');
    expect(section.textContent).toContain('Update order-3');
    expect(section.textContent).toContain('safe mode updates only documents that exist');
  });
});

describe('the Verify tab after a recovery or checkpoint', () => {
  it('says its results are out of date and offers to run again', () => {
    const runVerify = vi.fn(async () => undefined);
    useAppStore.setState({
      session: { ...fakeSession(10), collection_dir: '/data/users' }, runVerify,
      verifyReport: {
        passed: true, entries_processed: 10, affected_documents: 2, issues: [], findings: [], issue_counts: { critical: 0, warning: 0 },
        finding_counts: { false_alarms: 0, other: 0 }, checked_against_store: true, store: '/data/users',
      },
    });
    render(<VerifyView />);
    expect(screen.queryByTestId('verify-stale')).toBeNull();
    act(() => useAppStore.getState().markVerifyStale('a recovery changed documents since it ran'));
    expect(screen.getByTestId('verify-stale').textContent).toContain('These results are out of date: a recovery changed documents since it ran.');
    fireEvent.click(screen.getByRole('button', { name: 'Verify again' }));
    expect(runVerify).toHaveBeenCalledTimes(1);
  });
});
