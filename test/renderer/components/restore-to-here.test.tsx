// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RestoreToHere } from '../../../renderer/src/components/restore-to-here.js';
import type { ArgsOf, RestorePlanResult } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

function plan(args: ArgsOf<'restore.plan'>): RestorePlanResult {
  return {
    plan_id: `plan-${args.until}`, store: '/s/users', collections: ['users'], into: null,
    selection: { until: args.until!, on_conflict: 'keep', uncommitted: 'excluded' },
    changes: [
      { collection: 'users', document_id: 'u1', operation: 'update', before: '{"v":2}', after: '{"v":1}' },
      { collection: 'users', document_id: 'u2', operation: 'delete', before: '{}', after: null },
    ],
    conflicts: [], incomplete: ['u9'], incomplete_documents: [{ collection: 'users', document_id: 'u9', reason: 'no Insert' }],
    excluded_entries: 0, uncommitted_entries: 0, entries_read: 9, damaged_ranges: 0, notes: [], dry_run: true,
  };
}

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'restore.plan': plan,
    'restore.apply': (a) => ({ ...plan({ session_id: 's', until: 'x' }), dry_run: false, plan_id: a.plan_id,
      applied: { written: 2, already_done: 0, backups: ['/s/users.bak-1'], into: null, plan_file: null } }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(9) });
});
afterEach(cleanup);

describe('RestoreToHere', () => {
  it('previews restore.plan until the point, writes nothing until Apply, then applies that plan with a backup', async () => {
    render(<RestoreToHere until="000001.wal:420" label="row 7" />);
    fireEvent.click(screen.getByRole('button', { name: 'Restore to here…' }));
    const region = await screen.findByRole('region', { name: 'Restore to here preview' });
    expect(fake.calls.find((c) => c.op === 'restore.plan')?.args).toMatchObject({ until: '000001.wal:420' });
    expect(region.textContent).toMatch(/Back to row 7: 2 documents change, 1 with an incomplete history left as they are/);
    expect(region.textContent).toMatch(/update users\/u1/);
    expect(region.textContent).toMatch(/delete users\/u2/);
    expect(fake.calls.some((c) => c.op === 'restore.apply')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /Apply the restore/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/2 documents written; backup in \/s\/users\.bak-1/));
    expect(fake.calls.find((c) => c.op === 'restore.apply')?.args).toMatchObject({ plan_id: 'plan-000001.wal:420', backup: true });
  });

  it('drops the preview when the point changes, so a plan is never applied for another point', async () => {
    const { rerender } = render(<RestoreToHere until="a:1" label="row 1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Restore to here…' }));
    await screen.findByRole('region', { name: 'Restore to here preview' });
    rerender(<RestoreToHere until="a:2" label="row 2" />);
    expect(screen.queryByRole('region', { name: 'Restore to here preview' })).toBeNull();
  });
});
