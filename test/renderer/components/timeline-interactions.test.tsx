// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimelineChart, type TimelineData } from '../../../renderer/src/components/timeline-chart.js';
import { TimelinePanel } from '../../../renderer/src/components/timeline-panel.js';
import type { ArgsOf } from '../../../renderer/src/contract.js';
import { formatLocalTime } from '../../../renderer/src/lib/format.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

const TYPES = ['Begin', 'Insert', 'Update', 'Delete', 'Commit', 'Rollback'] as const;
const FROM = 1_700_000_000_000;
function timeline(): TimelineData {
  const zero = () => Array.from({ length: 10 }, () => 0);
  return {
    time_from: FROM, time_to: FROM + 10_000, bucket_ms: 1000, bucket_count: 10,
    counts: { Begin: zero(), Insert: Array.from({ length: 10 }, (_, i) => i + 1), Update: zero().map((_, i) => (i % 2 ? 3 : 0)), Delete: zero(), Commit: zero(), Rollback: zero() },
    damage: zero().map((_, i) => (i === 4 ? 2 : 0)), max_total: 13,
  };
}
function sized(container: HTMLElement): SVGSVGElement {
  const svg = container.querySelector('svg')!;
  svg.getBoundingClientRect = () => ({ left: 100, top: 0, width: 500, height: 88, right: 600, bottom: 88, x: 100, y: 0, toJSON: () => ({}) });
  return svg;
}
afterEach(() => cleanup());

describe('TimelineChart interactions', () => {
  it('reads out the time range and the count per type under the pointer', () => {
    const { container } = render(<TimelineChart timeline={timeline()} types={TYPES} selection={null} onSelect={() => {}} onReset={() => {}} />);
    const svg = sized(container);
    fireEvent.pointerMove(svg, { clientX: 100 + 175, pointerId: 1 }); // bucket 3
    expect(screen.getByTestId('timeline-readout').textContent).toBe(`${formatLocalTime(FROM + 3000)} → ${formatLocalTime(FROM + 3999)}: 7 entries (Insert 4 · Update 3)`);
    fireEvent.pointerMove(svg, { clientX: 100 + 225, pointerId: 1 }); // bucket 4, damaged
    expect(screen.getByTestId('timeline-readout').textContent).toMatch(/5 entries \(Insert 5\) · 2 damaged$/);
    fireEvent.pointerLeave(svg);
    expect(screen.queryByTestId('timeline-readout')).toBeNull();
  });

  it('keeps saying what is selected while it reads out what is under the pointer', () => {
    const { container } = render(<TimelineChart timeline={timeline()} types={TYPES} selection={{ from: FROM + 1000, to: FROM + 2999 }} onSelect={() => {}} onReset={() => {}} />);
    fireEvent.pointerMove(sized(container), { clientX: 100 + 175, pointerId: 1 });
    expect(screen.getByText(/^Selected /).textContent).toContain('7 entries (Insert 4 · Update 3)');
  });

  it('a click jumps to its time, a click on a damage mark to that damage, a drag still selects', () => {
    const onJump = vi.fn();
    const onDamage = vi.fn();
    const onSelect = vi.fn();
    const { container } = render(<TimelineChart timeline={timeline()} types={TYPES} selection={null} onSelect={onSelect} onReset={() => {}} onJump={onJump} onDamage={onDamage} />);
    const svg = sized(container);
    fireEvent.pointerDown(svg, { clientX: 350, button: 0, pointerId: 1 });
    fireEvent.pointerUp(svg, { clientX: 350, pointerId: 1 });
    expect(onJump).toHaveBeenCalledWith(FROM + 5000);
    const mark = screen.getByTestId('timeline-damage');
    fireEvent.pointerDown(mark, { clientX: 325, button: 0, pointerId: 1 });
    fireEvent.pointerUp(svg, { clientX: 325, pointerId: 1 });
    expect(onDamage).toHaveBeenCalledWith({ from: FROM + 4000, to: FROM + 4999 });
    fireEvent.pointerDown(svg, { clientX: 150, button: 0, pointerId: 1 });
    fireEvent.pointerUp(svg, { clientX: 250, pointerId: 1 });
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onJump).toHaveBeenCalledTimes(1);
  });

  it('marks the times of the rows the table shows', () => {
    const { container } = render(<TimelineChart timeline={timeline()} types={TYPES} selection={null} onSelect={() => {}} onReset={() => {}} visible={{ from: FROM + 2000, to: FROM + 2999 }} />);
    const marker = container.querySelector('[data-testid="timeline-visible"]')!;
    expect([Number(marker.getAttribute('x')), Number(marker.getAttribute('width'))]).toEqual([200, 100]);
  });
});

describe('TimelinePanel', () => {
  let fake: FakeApi;
  beforeEach(() => {
    resetAppStore();
    fake = createFakeApi({
      'rows.page': (a) => ({ rows: [], total: 0, total_unfiltered: 0, offset: a.offset, complete: true }),
      'rows.locate': (a: ArgsOf<'rows.locate'>) => ({ kind: 'time', row: 4242, index: 17, exact: false, description: a.query }),
      'timeline.get': () => ({ ...timeline(), time_from: FROM, time_to: FROM + 10_000 }) as never,
      'damage.list': () => ({ items: [{ row: 999, segment_index: 0, segment: 'transactions.wal', offset: 1, length: 2, damage: 'crc-mismatch', detail: 'x', time: FROM + 4500 }], total: 1, complete: true }),
    });
    setInspectorApi(fake.api);
    useAppStore.setState({ session: fakeSession(10_000), timeline: timeline() as never });
  });

  it('legend chips toggle entry types in the filter', () => {
    render(<TimelinePanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(useAppStore.getState().filter.types).toEqual(['Begin', 'Insert', 'Delete', 'Commit', 'Rollback']);
    expect(screen.getByRole('button', { name: 'Update' }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(useAppStore.getState().filter.types).toBeUndefined();
  });

  it('a click selects the entry nearest its time in the table; a damage mark its damage row; double-click resets selection and zoom', async () => {
    const { container } = render(<TimelinePanel />);
    const svg = sized(container);
    fireEvent.pointerDown(svg, { clientX: 350, button: 0, pointerId: 1 });
    fireEvent.pointerUp(svg, { clientX: 350, pointerId: 1 });
    await waitFor(() => expect(useAppStore.getState().selectedIndex).toBe(17));
    const located = fake.calls.filter((c) => c.op === 'rows.locate').map((c) => (c.args as ArgsOf<'rows.locate'>).query);
    expect(located).toEqual([new Date(FROM + 5000).toISOString()]);
    fireEvent.pointerDown(screen.getByTestId('timeline-damage'), { clientX: 325, button: 0, pointerId: 1 });
    fireEvent.pointerUp(svg, { clientX: 325, pointerId: 1 });
    await waitFor(() => expect(fake.calls.filter((c) => c.op === 'rows.locate').map((c) => (c.args as ArgsOf<'rows.locate'>).query)).toContain('row:999'));
    act(() => {
      useAppStore.getState().setTimeRange({ from: FROM + 1000, to: FROM + 2999 });
      useAppStore.getState().zoomTimeline({ from: FROM + 1000, to: FROM + 2999 });
    });
    fireEvent.doubleClick(sized(container));
    expect(useAppStore.getState().timelineZoom).toBeNull();
    expect(useAppStore.getState().filter.time_from).toBeUndefined();
  });
});
