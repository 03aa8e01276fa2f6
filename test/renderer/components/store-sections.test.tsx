// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointDialog } from '../../../renderer/src/components/checkpoint-dialog.js';
import { RecoveryWizard } from '../../../renderer/src/components/recovery-wizard.js';
import { StoreVerifyView } from '../../../renderer/src/components/store-verify-view.js';
import type { CheckpointPreview, StoreCheckpointPlan, StoreRecoveryPlan, StoreVerifyReport } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, type FakeApi } from '../support/fake-api.js';
import { fakeCollection, fakeRecoveryPreview, fakeStoreSession, fakeVerifyReport } from '../support/fake-store-session.js';

const COLLECTIONS = ['.keys', 'events', 'orders', 'users'];
let fake: FakeApi;

function checkpointPreview(collection: string, refused: boolean): CheckpointPreview {
  return {
    compact: true, verify_passed: !refused, entries_processed: 10, critical_issues: refused ? 1 : 0,
    seal: refused ? null : { segment: 'transactions.wal', from: 'transactions.wal', to: 'transactions.1.wal', final: 'transactions.1.wal.zst', compression: 'zstd', entries: 10 },
    remove: [], refused: refused ? `verification of ${collection} has 1 critical issue` : null, blocked_by: [], blocked_total: refused ? 1 : 0, writer_check: 'proc',
    position: { segment: 'transactions.wal', offset: 100, entries: 10, segments: 2 },
  } as CheckpointPreview;
}

/** store.verify / store.plan_recovery answering a section for each collection asked for (all but system ones when none are). */
function storeApi(): FakeApi {
  const picked = (names: readonly string[] | undefined) => names ?? COLLECTIONS.filter((c) => !c.startsWith('.'));
  return createFakeApi({
    'store.verify': (args): StoreVerifyReport => {
      const parts = picked(args.collections).map((c) => ({ collection: c, ...fakeVerifyReport(c, c !== 'orders') }));
      return {
        store: '/s', collections: parts, skipped_collections: [], passed: parts.every((p) => p.passed), failed_collections: parts.filter((p) => !p.passed).length,
        entries_processed: parts.length * 10, affected_documents: 0, issue_counts: { critical: parts.filter((p) => !p.passed).length, warning: 0 },
        finding_counts: { false_alarms: 0, other: parts.length },
      };
    },
    'store.plan_checkpoint': (args): StoreCheckpointPlan => {
      const parts = picked(args.collections).map((c) => ({ collection: c, ...checkpointPreview(c, c === 'orders') }));
      return {
        store: '/s', plan_id: 'c1', collections: parts, skipped_collections: [], compact: args.compact ?? false,
        refused_collections: parts.filter((p) => p.refused).length, entries_processed: 30, critical_issues: 1, blocked_total: 1, seals: parts.filter((p) => !p.refused).length, removals: 0,
      };
    },
    'store.plan_recovery': (args): StoreRecoveryPlan => {
      const parts = picked(args.collections).map((c) => fakeRecoveryPreview(c, c === 'users' ? 0 : 2));
      return {
        store: '/s', plan_id: 'p1', collections: parts, skipped_collections: args.collections ? [] : [{ collection: '.keys', reason: 'a system collection' }],
        recovered_operations: 4, skipped_operations: 0, failed_operations: 0, document_changes: parts.reduce((n, p) => n + p.changes.length, 0),
        lost_ranges: 0, foreign_collection_entries: 0, mode: args.mode, committed_only: args.committed_only ?? false, dry_run: true,
      };
    },
  });
}

beforeEach(() => {
  resetAppStore();
  fake = storeApi();
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeStoreSession(COLLECTIONS.map((c) => fakeCollection(c))) });
});
afterEach(() => cleanup());

describe('Verify on a store session', () => {
  it('runs on the ticked collections and shows a section per collection with its verdict, issues and findings, then the totals', async () => {
    useAppStore.getState().setStoreTicked(['orders', 'users']);
    render(<StoreVerifyView />);
    expect(screen.getByTestId('store-verify-scope').textContent).toBe('Collections: orders, users');
    fireEvent.click(screen.getByRole('button', { name: 'Run verify' }));
    await waitFor(() => expect(screen.getAllByTestId('collection-section')).toHaveLength(2));
    expect(fake.calls.find((c) => c.op === 'store.verify')?.args).toMatchObject({ collections: ['orders', 'users'] });
    const sections = screen.getAllByTestId('collection-section');
    expect(sections.map((s) => s.dataset.collection)).toEqual(['orders', 'users']);
    expect(within(sections[0]!).getByText(/Sentinel’s verdict: failed/)).toBeTruthy();
    expect(within(sections[0]!).getByText('document orders-1 is missing')).toBeTruthy();
    expect(within(sections[1]!).getByText(/Sentinel’s verdict: passed/)).toBeTruthy();
    expect(within(sections[1]!).getByText('users-2 changed outside Sentinel')).toBeTruthy();
    expect(screen.getByTestId('store-verify-total').textContent).toMatch(/1 of 2 collections failed/);
  });

  it('cannot run with no collection ticked', () => {
    useAppStore.getState().setStoreTicked([]);
    render(<StoreVerifyView />);
    expect((screen.getByRole('button', { name: 'Run verify' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the recovery wizard on a store session', () => {
  it('asks which collections instead of a directory, previews a section per collection, and confirms once for all', async () => {
    useAppStore.getState().openRecovery();
    render(<RecoveryWizard />);
    expect(screen.queryByRole('textbox', { name: 'Store to recover' })).toBeNull();
    const ticks = within(screen.getByTestId('collection-ticks'));
    expect((ticks.getByRole('checkbox', { name: /\.keys/ }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Preview the plan' }));
    await waitFor(() => expect(screen.getByTestId('store-recovery-plan')).toBeTruthy());
    // The default ticks: the service takes what `recover <root>` takes (and says what it left out).
    expect(fake.calls.find((c) => c.op === 'store.plan_recovery')?.args).not.toHaveProperty('collections');
    const sections = screen.getAllByTestId('collection-section');
    expect(sections.map((s) => s.dataset.collection)).toEqual(['events', 'orders', 'users']);
    expect(within(sections[0]!).getByText('2 documents to change')).toBeTruthy();
    expect(within(sections[2]!).getByText('nothing to do')).toBeTruthy();
    expect(screen.getByText(/\.keys: left out/)).toBeTruthy();
    const apply = screen.getByRole('button', { name: 'Apply recovery' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'I have read the plan' }));
    expect(apply.disabled).toBe(false);
    expect(screen.getByText(/change 4 documents in events, orders/)).toBeTruthy();
  });

  it('sends the ticked collections when they are not the default', async () => {
    useAppStore.getState().openRecovery();
    render(<RecoveryWizard />);
    const ticks = within(screen.getByTestId('collection-ticks'));
    fireEvent.click(ticks.getByRole('checkbox', { name: /events/ }));
    fireEvent.click(ticks.getByRole('checkbox', { name: /users/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Preview the plan' }));
    await waitFor(() => expect(screen.getAllByTestId('collection-section')).toHaveLength(1));
    expect(fake.calls.find((c) => c.op === 'store.plan_recovery')?.args).toMatchObject({ collections: ['orders'], mode: 'safe' });
  });
});

describe('the checkpoint dialog on a store session', () => {
  it('previews a section per ticked collection, says which are refused, and applies only if one is not', async () => {
    useAppStore.getState().openCheckpoint();
    useAppStore.getState().setCheckpointOptions({ compact: true });
    render(<CheckpointDialog />);
    fireEvent.click(within(screen.getByTestId('collection-ticks')).getByRole('checkbox', { name: /events/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(screen.getAllByTestId('collection-section')).toHaveLength(2));
    expect(fake.calls.find((c) => c.op === 'store.plan_checkpoint')?.args).toMatchObject({ collections: ['orders', 'users'], compact: true });
    const [orders, users] = screen.getAllByTestId('collection-section');
    expect(within(orders!).getByText(/Refused: verification of orders/)).toBeTruthy();
    expect(users!.textContent).toMatch(/Seals transactions\.wal \(10 entries\) as transactions\.1\.wal\.zst/);
    expect((screen.getByRole('button', { name: 'Apply checkpoint' }) as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(within(screen.getByTestId('collection-ticks')).getByRole('checkbox', { name: /users/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(screen.getAllByTestId('collection-section')).toHaveLength(1));
    expect((screen.getByRole('button', { name: 'Apply checkpoint' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
