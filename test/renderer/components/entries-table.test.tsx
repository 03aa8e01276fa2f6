// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EntriesTable, ROW_HEIGHT } from '../../../renderer/src/components/entries-table.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, pagedRows, type FakeApi } from '../support/fake-api.js';
import type { ArgsOf } from '../../../renderer/src/contract.js';

const VIEWPORT = 240;
const TOTAL = 1_000_000;

beforeAll(() => {
  // jsdom has no layout: give the scroll area a height so the window has rows to show.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? VIEWPORT : 0;
    },
  });
});

let fake: FakeApi;

beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({ 'rows.page': pagedRows(TOTAL) });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(TOTAL) });
});

afterEach(() => cleanup());

async function renderLoaded() {
  render(<EntriesTable />);
  act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
  await waitFor(() => expect(screen.getAllByRole('row').some((r) => r.getAttribute('data-kind') === 'entry')).toBe(true));
}

function bodyRows() {
  return screen.getAllByRole('row').filter((r) => r.hasAttribute('data-index'));
}

describe('EntriesTable', () => {
  it('exposes an ARIA grid with the full row count but renders only the rows in view', async () => {
    await renderLoaded();
    const grid = screen.getByRole('grid', { name: 'Entries' });
    expect(grid.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    const rows = bodyRows();
    const visible = Math.ceil(VIEWPORT / ROW_HEIGHT);
    expect(rows.length).toBeGreaterThanOrEqual(visible);
    expect(rows.length).toBeLessThanOrEqual(visible + 13);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, ''))).toContain('Time');
    expect(rows[0]!.querySelectorAll('[role="gridcell"]').length).toBe(8);
    // The spacer is capped below the browser's height limit.
    const spacer = grid.querySelector('.grid-spacer') as HTMLElement;
    expect(parseInt(spacer.style.height, 10)).toBeLessThanOrEqual(8_000_000);
  });

  it('renders other rows, not more rows, after scrolling far down', async () => {
    await renderLoaded();
    const scroller = screen.getByTestId('entries-scroll');
    act(() => {
      scroller.scrollTop = 4_000_000;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(bodyRows()[0]!.getAttribute('data-index')).not.toBe('0'));
    const first = Number(bodyRows()[0]!.getAttribute('data-index'));
    expect(first).toBeGreaterThan(400_000);
    expect(bodyRows().length).toBeLessThanOrEqual(Math.ceil(VIEWPORT / ROW_HEIGHT) + 13);
    await waitFor(() => expect(bodyRows().filter((r) => r.getAttribute('data-kind') === 'entry').length).toBeGreaterThan(5));
    const calls = fake.calls.filter((c) => c.op === 'rows.page').map((c) => (c.args as { offset: number }).offset);
    expect(calls.some((offset) => offset > 400_000)).toBe(true);
  });

  it('moves the selection with the keyboard and jumps to the end', async () => {
    await renderLoaded();
    const scroller = screen.getByTestId('entries-scroll');
    fireEvent.keyDown(scroller, { key: 'ArrowDown' });
    expect(useAppStore.getState().selectedIndex).toBe(0);
    fireEvent.keyDown(scroller, { key: 'ArrowDown' });
    fireEvent.keyDown(scroller, { key: 'PageDown' });
    expect(useAppStore.getState().selectedIndex).toBe(1 + Math.floor(VIEWPORT / ROW_HEIGHT) - 1);
    fireEvent.keyDown(scroller, { key: 'End' });
    expect(useAppStore.getState().selectedIndex).toBe(TOTAL - 1);
    await waitFor(() => expect(screen.getByRole('row', { selected: true }).getAttribute('data-index')).toBe(String(TOTAL - 1)));
    expect(screen.getByRole('grid').getAttribute('aria-activedescendant')).toBe(`entries-row-${TOTAL - 1}`);
  });

  it('shows a damaged range as its own highlighted row saying what, where and how much', async () => {
    await renderLoaded();
    act(() => useAppStore.getState().selectIndex(999, { scroll: 'center' }));
    await waitFor(() => expect(document.querySelector('[data-kind="damage"]')).not.toBeNull());
    const damage = document.querySelector('[data-kind="damage"]') as HTMLElement;
    expect(damage.className).toContain('damage-row');
    expect(damage.textContent).toContain('CRC mismatch');
    expect(damage.textContent).toContain('offset 0x092568 (599400)');
    expect(damage.textContent).toContain('1200 bytes skipped');
  });

  it('asks the service to sort when a column header is clicked', async () => {
    await renderLoaded();
    fireEvent.click(screen.getByRole('button', { name: /Time/ }));
    await waitFor(() => {
      const last = fake.calls.filter((c) => c.op === 'rows.page').at(-1)!.args as { sort: { key: string; direction: string } };
      expect(last.sort).toEqual({ key: 'time', direction: 'asc' });
    });
    expect(screen.getByRole('columnheader', { name: /Time/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('hides a column on request and keeps damage rows spanning the rest', async () => {
    await renderLoaded();
    act(() => useAppStore.getState().setColumnVisible('transaction', false));
    expect(bodyRows()[0]!.querySelectorAll('[role="gridcell"]').length).toBe(7);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).not.toContain('Transaction');
    expect(screen.getByRole('grid').getAttribute('aria-colcount')).toBe('7');
  });

  it('stays at the end while following when new rows arrive', async () => {
    let count = 1000;
    fake = createFakeApi({ 'rows.page': (args: ArgsOf<'rows.page'>) => pagedRows(count)(args) });
    setInspectorApi(fake.api);
    useAppStore.setState({ session: { ...fakeSession(1000), following: true } });
    render(<EntriesTable />);
    act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
    await waitFor(() => expect(useAppStore.getState().rowsTotal).toBe(1000));
    const scroller = screen.getByTestId('entries-scroll');
    // jsdom has no layout: the scroll height is the spacer's.
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, get: () => parseInt((scroller.firstChild as HTMLElement).style.height, 10) });
    fireEvent.keyDown(scroller, { key: 'End' });
    await waitFor(() => expect(document.querySelector('[data-index="999"][data-kind]')).not.toBeNull());
    count = 1100;
    act(() => useAppStore.getState().reloadRows());
    await waitFor(() => expect(useAppStore.getState().rowsTotal).toBe(1100));
    await waitFor(() => expect(document.querySelector('[data-index="1099"][data-kind="entry"]')).not.toBeNull());
  });
});
