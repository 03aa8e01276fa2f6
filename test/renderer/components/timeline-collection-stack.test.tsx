// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TimelinePanel } from '../../../renderer/src/components/timeline-panel.js';
import type { ArgsOf, Timeline } from '../../../renderer/src/contract.js';
import { formatLocalTime } from '../../../renderer/src/lib/format.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, type FakeApi } from '../support/fake-api.js';
import { fakeCollection, fakeStoreSession } from '../support/fake-store-session.js';

const FROM = 1_700_000_000_000;
const zero = () => Array.from({ length: 4 }, () => 0);
/** Inserts per bucket of each collection; the type timeline is their sum. */
const PER: Record<string, number[]> = { events: [1, 0, 2, 0], orders: [0, 3, 0, 0], users: [4, 0, 0, 5] };

function timelineOf(collection: string | undefined): Timeline {
  const names = collection ? [collection] : Object.keys(PER);
  const inserts = zero().map((_, b) => names.reduce((n, c) => n + (PER[c]?.[b] ?? 0), 0));
  return {
    time_from: FROM, time_to: FROM + 4000, bucket_ms: 1000, bucket_count: 4,
    counts: { Begin: zero(), Insert: inserts, Update: zero(), Delete: zero(), Commit: zero(), Rollback: zero() },
    damage: zero(), max_total: Math.max(...inserts),
  };
}

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({ 'timeline.get': (args: ArgsOf<'timeline.get'>) => timelineOf(args.filter?.collection) });
  setInspectorApi(fake.api);
  useAppStore.setState({
    session: fakeStoreSession(['events', 'orders', 'users'].map((c) => fakeCollection(c))),
    timeline: timelineOf(undefined),
  });
});
afterEach(() => cleanup());

describe('the timeline of a store session', () => {
  it('stacks by type, or by collection at a click: a series per collection over the same buckets, the read-out per collection', async () => {
    const { container } = render(<TimelinePanel />);
    expect(container.querySelectorAll('.timeline-bar.type-insert')).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: 'collection' }));
    await waitFor(() => expect(container.querySelectorAll('.timeline-bar.series-0').length).toBeGreaterThan(0));
    const asked = fake.calls.filter((c) => c.op === 'timeline.get').map((c) => c.args as ArgsOf<'timeline.get'>);
    expect(asked.map((a) => a.filter?.collection).sort()).toEqual(['events', 'orders', 'users']);
    expect(asked.every((a) => a.time_from === FROM && a.time_to === FROM + 4000 && a.bucket_count === 4)).toBe(true);
    expect(container.querySelectorAll('.timeline-bar.type-insert')).toHaveLength(0);
    // Bars per series: events in buckets 0 and 2, orders in 1, users in 0 and 3.
    expect([0, 1, 2].map((i) => container.querySelectorAll(`.timeline-bar.series-${i}`).length)).toEqual([2, 1, 2]);
    expect(screen.getByRole('list', { name: 'Collections' }).textContent).toBe('eventsordersusers');

    const svg = container.querySelector('svg')!;
    svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 400, height: 88, right: 400, bottom: 88, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerMove(svg, { clientX: 50, pointerId: 1 });
    expect(screen.getByTestId('timeline-readout').textContent).toBe(`${formatLocalTime(FROM)} → ${formatLocalTime(FROM + 999)}: 5 entries (events 1 · users 4)`);

    fireEvent.click(screen.getByRole('button', { name: 'type' }));
    expect(container.querySelectorAll('.timeline-bar.type-insert')).toHaveLength(4);
  });

  it('offers no stacking choice for a single collection', () => {
    useAppStore.setState({ session: { ...fakeStoreSession([]), store: undefined } as never });
    render(<TimelinePanel />);
    expect(screen.queryByTestId('timeline-stack')).toBeNull();
  });
});
