// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EntriesTable } from '../../../renderer/src/components/entries-table.js';
import { TimelineChart, type TimelineData } from '../../../renderer/src/components/timeline-chart.js';
import type { ArgsOf, Row } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, syntheticRow } from '../support/fake-api.js';

const VIEWPORT = 480;
const TOTAL = 100;
/** Rows 0–6 in segment 0, 7– in segment 1 (file order). */
const FIRST_OF_SECOND = 7;

function row(i: number): Row {
  const seg = i < FIRST_OF_SECOND ? 0 : 1;
  return { ...syntheticRow(i), segment_index: seg, segment: seg === 0 ? 'transactions.1732700009.wal.zst' : 'transactions.wal' };
}

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? VIEWPORT : 0;
    },
  });
});

beforeEach(() => {
  resetAppStore();
  const fake = createFakeApi({
    'rows.page': (a: ArgsOf<'rows.page'>) => {
      const rows: Row[] = [];
      for (let i = a.offset; i < Math.min(TOTAL, a.offset + a.limit); i++) rows.push(row(a.sort?.key === 'type' ? (i * 37) % TOTAL : i));
      return { rows, total: TOTAL, total_unfiltered: TOTAL, offset: a.offset, complete: true };
    },
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(TOTAL) });
});
afterEach(() => cleanup());

const marked = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-segment-start'));

describe('segment boundaries in the table', () => {
  it('draws a rule with the segment name on the first row of each next segment in file order', async () => {
    render(<EntriesTable />);
    act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
    await waitFor(() => expect(marked()).toHaveLength(1));
    const [first] = marked();
    expect(first!.getAttribute('data-index')).toBe(String(FIRST_OF_SECOND));
    expect(first!.getAttribute('data-segment-start')).toBe('transactions.wal');
    expect(first!.classList.contains('segment-start')).toBe(true);
  });

  it('draws none in an order where segments do not run in blocks (by type)', async () => {
    useAppStore.setState({ sort: { key: 'type', direction: 'asc' } });
    render(<EntriesTable />);
    act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
    await waitFor(() => expect(screen.getAllByRole('row').some((r) => r.getAttribute('data-kind') === 'entry')).toBe(true));
    expect(marked()).toHaveLength(0);
  });
});

describe('segment boundaries on the timeline', () => {
  const FROM = 1_700_000_000_000;
  const zero = () => Array.from({ length: 10 }, () => 0);
  const timeline: TimelineData = {
    time_from: FROM, time_to: FROM + 10_000, bucket_ms: 1000, bucket_count: 10,
    counts: { Begin: zero(), Insert: zero().map(() => 1), Update: zero(), Delete: zero(), Commit: zero(), Rollback: zero() },
    damage: zero(), max_total: 1,
  };

  it('puts a tick where each later segment begins, and none outside a zoomed range', () => {
    const { container, rerender } = render(
      <TimelineChart timeline={timeline} types={['Insert']} selection={null} onSelect={() => {}} onReset={() => {}}
        segmentMarks={[{ time: FROM + 2500, name: 'b.wal' }, { time: FROM + 50_000, name: 'c.wal' }]} />,
    );
    const ticks = screen.getAllByTestId('timeline-segment-mark');
    expect(ticks.map((t) => t.getAttribute('data-segment'))).toEqual(['b.wal']);
    expect(ticks[0]!.querySelector('line')!.getAttribute('x1')).toBe('250');
    expect(ticks[0]!.textContent).toContain('b.wal begins at');
    rerender(<TimelineChart timeline={timeline} types={['Insert']} selection={null} onSelect={() => {}} onReset={() => {}} />);
    expect(container.querySelectorAll('[data-testid="timeline-segment-mark"]')).toHaveLength(0);
  });
});
