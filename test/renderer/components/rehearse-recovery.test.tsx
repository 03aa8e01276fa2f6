// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecoveryWizard } from '../../../renderer/src/components/recovery-wizard.js';
import type { ArgsOf, RecoveryPlan, StoreComparison, StoreRecoveryPlan } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';
import { fakeCollection, fakeRecoveryPreview, fakeStoreSession } from '../support/fake-store-session.js';

function plan(over: Partial<RecoveryPlan> = {}): RecoveryPlan {
  return {
    plan_id: 'wizard-plan', store: '/s/users', collection: 'users', mode: 'force', committed_only: true, dry_run: true, backup: null,
    recovered_operations: 2, skipped_operations: 0, failed_operations: 0, failures: [], lost: [], flagged: [], notes: [], foreign_collection_entries: 0,
    changes: [
      { collection: 'users', document_id: 'u1', operation: 'insert', before: null, after: '{\n  "v": 1\n}' },
      { collection: 'users', document_id: 'u2', operation: 'update', before: '{\n  "v": 1\n}', after: '{\n  "v": 2\n}' },
    ],
    ...over,
  };
}

const comparison = (a: ArgsOf<'store.compare'>, promoted: boolean): StoreComparison => ({
  left: a.left, right: a.right, same: 3, changed: promoted ? 0 : 1, added: promoted ? 0 : 1, removed: 0, offset: 0, truncated: false,
  differences: promoted ? [] : [
    { collection: 'users', document_id: 'u1', kind: 'added', left: null, right: '{\n  "v": 1\n}', left_bytes: null, right_bytes: 90, paths: ['$'], paths_total: 1 },
    { collection: 'users', document_id: 'u2', kind: 'changed', left: '{\n  "v": 1\n}', right: '{\n  "v": 2\n}', left_bytes: 90, right_bytes: 90, paths: ['$.v'], paths_total: 1 },
  ],
});

let fake: FakeApi;
let promoted = false;
beforeEach(() => {
  resetAppStore();
  promoted = false;
  fake = createFakeApi({
    'recovery.plan': (a) => ({ ...plan({ mode: a.mode, committed_only: a.committed_only ?? false }), plan_id: 'rehearsal-plan', ...(a.into !== undefined ? { into: a.into } : {}) }),
    'recovery.apply': (a) => ({ ...plan(), dry_run: false, applied: 2, unsigned_rewrites: [], into: '/s/rehearsal', plan_id: a.plan_id }),
    'store.compare': (a) => comparison(a, promoted),
    'restore.promote': () => {
      promoted = true;
      return { kind: 'recover', store: '/s/users', collections: [plan()], applied: { written: 2, already_done: 0, backups: ['/s/users/.backups/b1'], into: null, plan_file: null } };
    },
    'restore.discard': () => ({ removed: '/s/rehearsal' }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: { ...fakeSession(9), collection_dir: '/s/users' }, dialog: 'recovery', recoveryStep: 'plan', recoveryPlan: plan(), recoveryStore: '/s/users' });
});
afterEach(cleanup);

describe('the recovery wizard\'s rehearsal', () => {
  it('rehearses the previewed recovery into a new folder, shows the diff, promotes that plan; the wizard\'s own plan stays', async () => {
    // A verification ran before: promoting changes documents, so it is out of date then.
    useAppStore.setState({ verifyReport: {} as never });
    render(<RecoveryWizard />);
    fireEvent.click(screen.getByRole('button', { name: 'Recover into a new folder (rehearse)…' }));
    const form = screen.getByRole('form', { name: 'Rehearse the recovery' });
    expect(form.textContent).toMatch(/^The force recovery of committed transactions only, written into a new folder/);
    const input = screen.getByRole('textbox', { name: /New folder for the rehearsal/ }) as HTMLInputElement;
    expect(input.value).toMatch(/^\/s\/users-rehearsal-\d{8}T\d{6}Z$/);
    fireEvent.change(input, { target: { value: '/s/rehearsal' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rehearse' }));
    const region = await screen.findByRole('region', { name: 'Rehearsal compared with the live store' });
    // The preview's own arguments, with into; then the apply of that rehearsal plan, and a compare of the store with the folder.
    expect(fake.calls.find((c) => c.op === 'recovery.plan')?.args).toMatchObject({ store: '/s/users', mode: 'force', committed_only: true, into: '/s/rehearsal' });
    expect(fake.calls.find((c) => c.op === 'recovery.apply')?.args).toMatchObject({ plan_id: 'rehearsal-plan' });
    expect(fake.calls.find((c) => c.op === 'store.compare')?.args).toMatchObject({ left: '/s/users', right: '/s/rehearsal' });
    expect(region.textContent).toMatch(/1 changed, 1 that come back, 0 that go away; 3 the same/);
    expect(screen.getByText(/Rehearsal written to/).textContent).toMatch(/\/s\/rehearsal \(2 documents changed: the force recovery/);
    expect(useAppStore.getState().recoveryPlan?.plan_id).toBe('wizard-plan');
    expect(fake.calls.some((c) => c.op === 'restore.promote')).toBe(false);
    expect(useAppStore.getState().verifyStale).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Promote to the live store (with a backup)' }));
    await waitFor(() => expect(screen.getByText(/Promoted:/).textContent).toMatch(/Promoted: 2 documents of the live store written; backup in \/s\/users\/\.backups\/b1/));
    expect(fake.calls.find((c) => c.op === 'restore.promote')?.args).toMatchObject({ plan_id: 'rehearsal-plan', backup: true });
    await waitFor(() => expect(screen.getByRole('region', { name: 'Rehearsal compared with the live store' }).textContent).toMatch(/hold the same documents/));
    expect(useAppStore.getState().verifyStale).toBe('a recovery changed documents since it ran');
  });

  it('discards the rehearsal folder through restore.discard', async () => {
    render(<RecoveryWizard />);
    fireEvent.click(screen.getByRole('button', { name: 'Recover into a new folder (rehearse)…' }));
    fireEvent.change(screen.getByRole('textbox', { name: /New folder for the rehearsal/ }), { target: { value: '/s/rehearsal' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rehearse' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Discard the rehearsal' }));
    await waitFor(() => expect(screen.getByText(/Rehearsal discarded/).textContent).toMatch(/\/s\/rehearsal removed/));
    expect(fake.calls.find((c) => c.op === 'restore.discard')?.args).toMatchObject({ plan_id: 'rehearsal-plan' });
  });

  it('is not offered when the preview changes nothing', () => {
    useAppStore.setState({ recoveryPlan: plan({ changes: [] }) });
    render(<RecoveryWizard />);
    expect(screen.queryByRole('button', { name: 'Recover into a new folder (rehearse)…' })).toBeNull();
  });

  it('on a store session: store.plan_recovery with into over the previewed collections, store.apply_recovery, then compare of the store root', async () => {
    const parts = ['orders', 'users'].map((c) => fakeRecoveryPreview(c, 2));
    const storePlan: StoreRecoveryPlan = {
      store: '/s', plan_id: 'store-plan', collections: parts, skipped_collections: [], recovered_operations: 4, skipped_operations: 0, failed_operations: 0,
      document_changes: 4, lost_ranges: 0, foreign_collection_entries: 0, mode: 'safe', committed_only: false, dry_run: true,
    };
    fake = createFakeApi({
      'store.plan_recovery': (a) => ({ ...storePlan, plan_id: 'store-rehearsal', ...(a.into !== undefined ? { into: a.into } : {}) }),
      'store.apply_recovery': () => ({ ...storePlan, dry_run: false, collections: parts.map((c) => ({ ...c, applied: 2, unsigned_rewrites: [] })), applied: 4, into: '/s-rehearsal' }),
      'store.compare': (a) => comparison(a, false),
      'restore.promote': () => ({ kind: 'recover', store: '/s', collections: parts, applied: { written: 4, already_done: 0, backups: ['/s/data/orders/.backups/b', '/s/data/users/.backups/b'], into: null, plan_file: null } }),
    });
    setInspectorApi(fake.api);
    useAppStore.setState({ session: fakeStoreSession(['orders', 'users'].map((c) => fakeCollection(c))), recoveryPlan: null, storeRecoveryPlan: storePlan });
    render(<RecoveryWizard />);
    fireEvent.click(screen.getByRole('button', { name: 'Recover into a new folder (rehearse)…' }));
    fireEvent.change(screen.getByRole('textbox', { name: /New folder for the rehearsal/ }), { target: { value: '/s-rehearsal' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rehearse' }));
    await screen.findByRole('region', { name: 'Rehearsal compared with the live store' });
    expect(fake.calls.find((c) => c.op === 'store.plan_recovery')?.args).toMatchObject({ collections: ['orders', 'users'], mode: 'safe', committed_only: false, into: '/s-rehearsal' });
    expect(fake.calls.find((c) => c.op === 'store.apply_recovery')?.args).toMatchObject({ plan_id: 'store-rehearsal' });
    expect(fake.calls.find((c) => c.op === 'store.compare')?.args).toMatchObject({ left: '/s', right: '/s-rehearsal' });
    expect(fake.calls.some((c) => c.op === 'recovery.plan')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Promote to the live store (with a backup)' }));
    await waitFor(() => expect(screen.getByText(/Promoted:/).textContent).toMatch(/Promoted: 4 documents of the live store written; backup in \/s\/data\/orders\/\.backups\/b, \/s\/data\/users/));
    expect(fake.calls.find((c) => c.op === 'restore.promote')?.args).toMatchObject({ plan_id: 'store-rehearsal' });
  });
});
