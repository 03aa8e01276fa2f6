// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimelineData } from '../../../renderer/src/components/timeline-chart.js';
import { TimelinePanel } from '../../../renderer/src/components/timeline-panel.js';
import type { ArgsOf, RestorePlanResult } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

const FROM = 1_700_000_000_000;
function timeline(): TimelineData {
  const zero = () => Array.from({ length: 10 }, () => 0);
  return {
    time_from: FROM, time_to: FROM + 10_000, bucket_ms: 1000, bucket_count: 10,
    counts: { Begin: zero(), Insert: Array.from({ length: 10 }, (_, i) => i + 1), Update: zero(), Delete: zero(), Commit: zero(), Rollback: zero() },
    damage: zero(), max_total: 10,
  };
}

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'rows.locate': () => ({ kind: 'time', row: 5, index: 5, exact: false, description: 'near' }),
    'restore.plan': (a: ArgsOf<'restore.plan'>): RestorePlanResult => ({
      plan_id: 'p', store: '/s', collections: ['c'], into: null, selection: { until: a.until!, on_conflict: 'keep', uncommitted: 'excluded' },
      changes: [], conflicts: [], incomplete: [], incomplete_documents: [], excluded_entries: 0, uncommitted_entries: 0,
      entries_read: 1, damaged_ranges: 0, notes: [], dry_run: true,
    }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(55), timeline: timeline() as never });
});
afterEach(cleanup);

describe('Timeline: restore to here', () => {
  it('offers a restore to the time of the point clicked, previewed with restore.plan until those milliseconds', async () => {
    const { container } = render(<TimelinePanel />);
    expect(screen.queryByRole('button', { name: 'Restore to here…' })).toBeNull();
    const svg = container.querySelector('svg')!;
    svg.getBoundingClientRect = () => ({ left: 100, top: 0, width: 500, height: 88, right: 600, bottom: 88, x: 100, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(svg, { clientX: 350, button: 0, pointerId: 1 });
    fireEvent.pointerUp(svg, { clientX: 350, pointerId: 1 });
    fireEvent.click(await screen.findByRole('button', { name: 'Restore to here…' }));
    await screen.findByRole('region', { name: 'Restore to here preview' });
    expect(fake.calls.find((c) => c.op === 'restore.plan')?.args).toMatchObject({ until: String(FROM + 5000) });
  });
});
