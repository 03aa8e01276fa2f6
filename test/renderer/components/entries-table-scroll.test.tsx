// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EntriesTable, ROW_HEIGHT } from '../../../renderer/src/components/entries-table.js';
import { MAX_SPACER_HEIGHT } from '../../../renderer/src/lib/scaled-window.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import type { ArgsOf, ResultOf } from '../../../renderer/src/contract.js';
import { createFakeApi, fakeSession, pagedRows } from '../support/fake-api.js';

// Pages arrive through timers and microtasks; on a loaded 2-core machine 1 s (the default) was
// seen to run out while the whole suite ran beside it.
configure({ asyncUtilTimeout: 5000 });

const VIEWPORT = 504; // 21 rows

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? VIEWPORT : 0;
    },
  });
});

afterEach(() => cleanup());

/** rows.page over `total` rows; `gate` holds answers back until released. */
function setup(total: number, gate?: { hold: boolean; waiting: Array<() => void> }) {
  resetAppStore();
  const page = pagedRows(total);
  const fake = createFakeApi({
    'rows.page': (args: ArgsOf<'rows.page'>) =>
      !gate?.hold ? page(args) : new Promise<ResultOf<'rows.page'>>((resolve) => gate.waiting.push(() => resolve(page(args)))),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(total) });
  render(<EntriesTable />);
  act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
  return fake;
}

const scroller = () => screen.getByTestId('entries-scroll');
const visibleFirst = () => Number(scroller().getAttribute('data-visible-first'));
const loadedRows = () => [...document.querySelectorAll('[data-kind="entry"], [data-kind="damage"]')];

function wheel(deltaY: number, deltaMode = 0) {
  act(() => {
    fireEvent.wheel(scroller(), { deltaY, deltaMode });
  });
}

describe.each([10_000_000, 100_000_000])('scrolling %i rows', (total) => {
  it('moves a wheel notch (deltaY 100) by the same four rows at the top, the middle and the end', async () => {
    setup(total);
    await waitFor(() => expect(loadedRows().length).toBeGreaterThan(0));
    wheel(100);
    expect(visibleFirst()).toBe(Math.floor(100 / ROW_HEIGHT));
    wheel(100);
    wheel(100);
    expect(visibleFirst()).toBe(Math.floor(300 / ROW_HEIGHT));
    wheel(-300);
    expect(visibleFirst()).toBe(0);
    // A line-mode notch (Firefox: 3 lines) moves three rows.
    wheel(3, 1);
    expect(visibleFirst()).toBe(3);

    // Drag the scrollbar to the middle: the list jumps by the scale, as a scrollbar should.
    act(() => {
      scroller().scrollTop = MAX_SPACER_HEIGHT / 2;
      fireEvent.scroll(scroller());
    });
    const middle = visibleFirst();
    expect(middle).toBeGreaterThan(total * 0.49);
    expect(middle).toBeLessThan(total * 0.51);
    wheel(100);
    // Our own scrollTop change echoes back as a scroll event; it must not re-scale the position.
    act(() => {
      fireEvent.scroll(scroller());
    });
    // 100 px is 4.17 rows: the first visible row moves by 4 or 5, depending on where it started.
    expect(visibleFirst() - middle).toBeGreaterThanOrEqual(4);
    expect(visibleFirst() - middle).toBeLessThanOrEqual(5);
    // Trackpad: many small deltas add up to the same distance.
    for (let i = 0; i < 10; i++) wheel(10);
    act(() => {
      fireEvent.scroll(scroller());
    });
    expect(visibleFirst() - middle).toBeGreaterThanOrEqual(8);
    expect(visibleFirst() - middle).toBeLessThanOrEqual(9);

    // The end: wheel down past it stays on the last rows; a notch up moves four rows.
    fireEvent.keyDown(scroller(), { key: 'End' });
    await waitFor(() => expect(visibleFirst()).toBe(total - Math.ceil(VIEWPORT / ROW_HEIGHT)));
    wheel(100);
    expect(visibleFirst()).toBe(total - Math.ceil(VIEWPORT / ROW_HEIGHT));
    wheel(-100);
    expect(visibleFirst()).toBe(Math.floor((total * ROW_HEIGHT - VIEWPORT - 100) / ROW_HEIGHT));
  });

  it('keeps the previous rows on screen while a jump far away is fetched, then shows the new ones', async () => {
    const gate = { hold: false, waiting: [] as Array<() => void> };
    setup(total, gate);
    await waitFor(() => expect(loadedRows().length).toBeGreaterThan(0));
    gate.hold = true;
    // The hold lasts HOLD_MS of clock time; a frozen clock keeps a slow (loaded) machine from outlasting it.
    const frozen = vi.spyOn(performance, 'now').mockReturnValue(performance.now());
    act(() => {
      scroller().scrollTop = MAX_SPACER_HEIGHT * 0.75;
      fireEvent.scroll(scroller());
    });
    const target = visibleFirst();
    expect(target).toBeGreaterThan(total * 0.74);
    // Not a screen of placeholders: the rows that were there stay until the new page comes.
    expect(document.querySelector('.grid-rows')!.getAttribute('data-held')).toBe('true');
    expect(loadedRows().length).toBeGreaterThan(20);
    expect(document.querySelectorAll('.grid-row.pending').length).toBe(0);
    await waitFor(() => expect(gate.waiting.length).toBeGreaterThan(0));
    frozen.mockRestore();
    gate.hold = false;
    act(() => gate.waiting.splice(0).forEach((release) => release()));
    await waitFor(() => expect(document.querySelector(`[data-index="${target}"][data-kind]`)).not.toBeNull());
    expect(document.querySelector('.grid-rows')!.hasAttribute('data-held')).toBe(false);
  });
});

describe('rows being fetched', () => {
  it('show their number and a placeholder bar, not the word loading', async () => {
    const gate = { hold: false, waiting: [] as Array<() => void> };
    setup(10_000_000, gate);
    await waitFor(() => expect(loadedRows().length).toBeGreaterThan(0));
    gate.hold = true;
    // Select a row far away: the table goes there at once, before its page arrives.
    act(() => useAppStore.getState().selectIndex(6_000_000, { scroll: 'center' }));
    await waitFor(() => expect(document.querySelectorAll('.grid-row.pending').length).toBeGreaterThan(0), { timeout: 3000 });
    const pending = document.querySelector('[data-index="6000000"]')!;
    expect(pending.className).toContain('pending');
    expect(pending.textContent).not.toContain('loading');
    expect(pending.querySelector('[role="gridcell"]')!.textContent).toBe('6000000');
    expect(pending.querySelector('.placeholder-bar')).not.toBeNull();
  });
});

describe('pages kept', () => {
  it('stay bounded while the view visits many places of a big log', async () => {
    setup(10_000_000);
    await waitFor(() => expect(loadedRows().length).toBeGreaterThan(0));
    for (let i = 1; i <= 70; i++) {
      act(() => {
        scroller().scrollTop = (MAX_SPACER_HEIGHT * i) / 71;
        fireEvent.scroll(scroller());
      });
      const target = visibleFirst();
      await waitFor(() => expect(document.querySelector(`[data-index="${target}"][data-kind]`)).not.toBeNull());
    }
    const pages = useAppStore.getState().rowPages;
    expect(pages.size).toBeGreaterThan(0);
    expect(pages.size).toBeLessThanOrEqual(60);
  });
});

describe('ARIA of a big grid', () => {
  it('counts every row, numbers each by its place (header = 1) and marks only the selected one', async () => {
    setup(10_000_000);
    await waitFor(() => expect(loadedRows().length).toBeGreaterThan(0));
    const grid = screen.getByRole('grid', { name: 'Entries' });
    expect(grid.getAttribute('aria-rowcount')).toBe('10000001');
    act(() => useAppStore.getState().selectIndex(8_600_000, { scroll: 'center' }));
    await waitFor(() => expect(document.querySelector('[data-index="8600000"][data-kind]')).not.toBeNull());
    const rows = [...document.querySelectorAll('.grid-rows [role="row"]')];
    for (const row of rows) expect(row.getAttribute('aria-rowindex')).toBe(String(Number(row.getAttribute('data-index')) + 2));
    const selected = rows.filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected.map((r) => r.getAttribute('data-index'))).toEqual(['8600000']);
    expect(rows.every((r) => r.hasAttribute('aria-selected'))).toBe(true);
    expect(grid.getAttribute('aria-activedescendant')).toBe('entries-row-8600000');
    expect(screen.getByRole('columnheader', { name: '#' }).closest('[role="row"]')!.getAttribute('aria-rowindex')).toBe('1');
  });
});

describe('a row asked for before the table knows it', () => {
  it('is scrolled to once the rows reach it (a link opened while indexing, a reload)', async () => {
    resetAppStore();
    let count = 1000;
    const fake = createFakeApi({ 'rows.page': (args: ArgsOf<'rows.page'>) => pagedRows(count)(args) });
    setInspectorApi(fake.api);
    useAppStore.setState({ session: fakeSession(1000) });
    render(<EntriesTable />);
    act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
    await waitFor(() => expect(useAppStore.getState().rowsTotal).toBe(1000));
    act(() => useAppStore.getState().selectIndex(1_500_000, { scroll: 'center' }));
    // Not clamped to the end of the 1,000 rows known.
    expect(visibleFirst()).toBe(0);
    count = 2_000_000;
    act(() => useAppStore.getState().reloadRows());
    await waitFor(() => expect(useAppStore.getState().rowsTotal).toBe(2_000_000));
    await waitFor(() => expect(document.querySelector('[data-index="1500000"][aria-selected="true"]')).not.toBeNull());
    expect(Math.abs(visibleFirst() + 10 - 1_500_000)).toBeLessThanOrEqual(1);
  });
});
