// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RehearseRestore } from '../../../renderer/src/components/rehearse-restore.js';
import type { ArgsOf, DocumentDifference, RestorePlanResult, StoreComparison } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

function plan(args: ArgsOf<'restore.plan'>): RestorePlanResult {
  return {
    plan_id: 'p1', store: '/s/users', collections: ['users'], into: args.into ?? null,
    selection: { until: args.until ?? 'x', on_conflict: 'keep', uncommitted: 'excluded' },
    changes: [{ collection: 'users', document_id: 'u1', operation: 'update', before: '{"v":2}', after: '{"v":1}' }],
    conflicts: [], incomplete: [], incomplete_documents: [], excluded_entries: 0, uncommitted_entries: 0, entries_read: 9, damaged_ranges: 0, notes: [], dry_run: true,
  };
}

const diff = (i: number): DocumentDifference => ({
  collection: 'users', document_id: `u${i}`, kind: 'changed', left: `{"v":${i + 1}}`, right: `{"v":${i}}`, left_bytes: 100, right_bytes: 100, paths: ['$.v'], paths_total: 1,
});

/** 60 differences, paged as the service pages them. */
function compare(a: ArgsOf<'store.compare'>): StoreComparison {
  const all = Array.from({ length: 60 }, (_, i) => diff(i));
  const offset = a.offset ?? 0;
  const page = all.slice(offset, offset + (a.limit ?? 50));
  return { left: a.left, right: a.right, same: 5, changed: 60, added: 0, removed: 0, offset, differences: page, truncated: offset + page.length < 60 };
}

let fake: FakeApi;
let promoted = false;
beforeEach(() => {
  resetAppStore();
  promoted = false;
  fake = createFakeApi({
    'restore.plan': plan,
    'restore.apply': (a) => ({ ...plan({ session_id: 's', until: 'x', into: '/s/rehearsal' }), dry_run: false, plan_id: a.plan_id,
      applied: { written: 1, already_done: 0, backups: [], into: '/s/rehearsal', plan_file: null } }),
    'store.compare': (a) => (promoted ? { ...compare(a), same: 65, changed: 0, differences: [], truncated: false } : compare(a)),
    'restore.promote': () => {
      promoted = true;
      return { ...plan({ session_id: 's', until: 'x' }), dry_run: false, applied: { written: 1, already_done: 0, backups: ['/s/users/.backups/r1'], into: null, plan_file: null } };
    },
    'restore.discard': () => ({ removed: '/s/rehearsal' }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: { ...fakeSession(9), collection_dir: '/s/users' } });
});
afterEach(cleanup);

describe('RehearseRestore', () => {
  it('rehearses into the named folder, shows the diff against the live store page by page, then promotes the same plan', async () => {
    render(<RehearseRestore target={{ until: '000001.wal:420' }} what="back to row 7" />);
    fireEvent.click(screen.getByRole('button', { name: 'Restore into a new folder (rehearse)…' }));
    const input = screen.getByRole('textbox', { name: /New folder for the rehearsal/ });
    expect((input as HTMLInputElement).value).toMatch(/^\/s\/users-rehearsal-\d{8}T\d{6}Z$/);
    fireEvent.change(input, { target: { value: '/s/rehearsal' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rehearse' }));
    const region = await screen.findByRole('region', { name: 'Rehearsal compared with the live store' });
    expect(fake.calls.find((c) => c.op === 'restore.plan')?.args).toMatchObject({ until: '000001.wal:420', into: '/s/rehearsal' });
    expect(fake.calls.find((c) => c.op === 'store.compare')?.args).toMatchObject({ left: '/s/users', right: '/s/rehearsal', offset: 0 });
    expect(region.textContent).toMatch(/60 changed/);
    expect(screen.getAllByRole('listitem')).toHaveLength(50);
    expect(fake.calls.some((c) => c.op === 'restore.promote')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: /Show more \(50 of 60 shown\)/ }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(60));
    fireEvent.click(screen.getByRole('button', { name: /users\/u3 changed/ }));
    expect(screen.getByLabelText('Document changes').textContent).toMatch(/removed: .*4[\s\S]*added: .*3/);

    fireEvent.click(screen.getByRole('button', { name: /Promote to the live store/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Promoted: 1 document of the live store written; backup in \/s\/users\/\.backups\/r1/));
    expect(fake.calls.find((c) => c.op === 'restore.promote')?.args).toMatchObject({ plan_id: 'p1', backup: true });
    await waitFor(() => expect(screen.getByRole('region', { name: 'Rehearsal compared with the live store' }).textContent).toMatch(/hold the same documents/));
    expect(screen.queryByRole('button', { name: /Promote/ })).toBeNull();
  });

  it('discards: restore.discard of that rehearsal, and says which folder went', async () => {
    render(<RehearseRestore target={{ until: 'a:1' }} what="back to row 1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Restore into a new folder (rehearse)…' }));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '/s/rehearsal' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rehearse' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Discard the rehearsal' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Rehearsal discarded: \/s\/rehearsal removed/));
    expect(fake.calls.find((c) => c.op === 'restore.discard')?.args).toMatchObject({ plan_id: 'p1' });
    expect(fake.calls.some((c) => c.op === 'restore.promote')).toBe(false);
  });

  it('rehearses any restore: a transaction left out, or one document\'s version, with restore.plan\'s own arguments', async () => {
    render(<RehearseRestore target={{ exclude_tx: ['tx-9'] }} what="without transaction tx-9" />);
    fireEvent.click(screen.getByRole('button', { name: 'Restore into a new folder (rehearse)…' }));
    expect(screen.getByRole('form', { name: 'Rehearse the restore' }).textContent).toMatch(/^Without transaction tx-9, written into a new folder/);
    fireEvent.change(screen.getByRole('textbox', { name: /New folder for the rehearsal/ }), { target: { value: '/s/rehearsal' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rehearse' }));
    await screen.findByRole('region', { name: 'Rehearsal compared with the live store' });
    const args = fake.calls.find((c) => c.op === 'restore.plan')?.args as ArgsOf<'restore.plan'>;
    expect(args).toMatchObject({ exclude_tx: ['tx-9'], into: '/s/rehearsal' });
    expect(args.until).toBeUndefined();
    expect(screen.getByText(/changed: without transaction tx-9/)).toBeTruthy();
    cleanup();
    fake.calls.length = 0;
    render(<RehearseRestore target={{ document: 'u1', until: '000001.wal:88' }} what="u1 as version #2" />);
    fireEvent.click(screen.getByRole('button', { name: 'Restore into a new folder (rehearse)…' }));
    fireEvent.change(screen.getByRole('textbox', { name: /New folder for the rehearsal/ }), { target: { value: '/s/r2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rehearse' }));
    await screen.findByRole('region', { name: 'Rehearsal compared with the live store' });
    expect(fake.calls.find((c) => c.op === 'restore.plan')?.args).toMatchObject({ document: 'u1', until: '000001.wal:88', into: '/s/r2' });
  });
});
