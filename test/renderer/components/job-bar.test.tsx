// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobBar } from '../../../renderer/src/components/job-bar.js';
import type { Outcome, RowPage } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { connectEvents } from '../../../renderer/src/store/connect-events.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

let fake: FakeApi;
let finish: ((value: RowPage) => void) | null;

beforeEach(() => {
  resetAppStore();
  finish = null;
  fake = createFakeApi({
    // A text search that runs until it is cancelled (or finished by the test).
    'rows.page': () => new Promise<RowPage>((resolve) => (finish = resolve)),
    'job.cancel': ({ job_id }) => {
      fake.emit({ type: 'job.progress', progress: { job_id, operation: 'rows.page', done: 100, total: 100, unit: 'bytes', message: 'cancelled' } });
      finish?.({ rows: [], total: 0, total_unfiltered: 10, offset: 0, complete: true });
      return { cancelled: true };
    },
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(10) });
});

afterEach(() => cleanup());

describe('long work', () => {
  it('shows a search in data with its progress and cancels it', async () => {
    const off = connectEvents(fake.api);
    render(<JobBar />);
    act(() => useAppStore.getState().setFilter({ text: 'alice' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Searching data for “alice”');
    expect(status.textContent).toContain('starting…');

    const search = fake.calls.find((c) => c.op === 'rows.page')!.args as { job_id: string; filter: { text: string } };
    expect(search.filter.text).toBe('alice');
    act(() => fake.emit({ type: 'job.progress', progress: { job_id: search.job_id, operation: 'rows.page', done: 512, total: 2048, unit: 'bytes', message: null } }));
    expect(screen.getByRole('progressbar').querySelector('span')!.getAttribute('style')).toContain('width: 25%');
    expect(status.textContent).toContain('512 B of 2.0 KiB');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(fake.calls.some((c) => c.op === 'job.cancel' && (c.args as { job_id: string }).job_id === search.job_id)).toBe(true);
    off();
  });

  it('runs nothing long without a session, and an ABORTED answer is not shown as a failure', async () => {
    const aborted: Outcome<never> = { ok: false, error: { code: 'ABORTED', message: 'cancelled', context: {} } };
    const outcome = await useAppStore.getState().runJob('Verifying', 'verify', async () => aborted);
    expect(outcome).toBe(aborted);
    expect(useAppStore.getState().jobs.size).toBe(0);
  });
});
