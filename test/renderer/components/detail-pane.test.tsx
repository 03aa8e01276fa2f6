// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DetailPane } from '../../../renderer/src/components/detail-pane.js';
import { EntriesTable } from '../../../renderer/src/components/entries-table.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import type { ArgsOf, EntryDetail } from '../../../renderer/src/contract.js';
import { createFakeApi, fakeSession, pagedRows, syntheticRow, type FakeApi } from '../support/fake-api.js';

const TOTAL = 3000;

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? 480 : 0;
    },
  });
});

function detailOf(row: number): EntryDetail {
  return {
    row: syntheticRow(row), data: '{"a":1}', data_pretty: '{\n  "a": 1\n}', data_error: null,
    transaction_id_hex: '', collection_hex: '', document_id_hex: '', time_iso: null,
    raw: { offset: row * 600, length: 4, base64: 'AAECAw==', truncated: false }, spans: [], crc_stored: 1, crc_computed: 1,
  };
}

/** rows.page filtered to one type, as the service would: only Updates (row % 3 === 1). */
function pages(args: ArgsOf<'rows.page'>) {
  if (!args.filter?.types) return pagedRows(TOTAL)(args);
  const rows = [];
  for (let i = 1; i < TOTAL; i += 3) rows.push(syntheticRow(i));
  return { rows: rows.slice(args.offset, args.offset + args.limit), total: rows.length, total_unfiltered: TOTAL, offset: args.offset, complete: true };
}

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'rows.page': pages,
    'entry.get': (args) => detailOf(args.row),
    'rows.locate': (args) => {
      const row = Number(args.query.replace('row:', ''));
      const index = !args.filter?.types ? row : args.filter.types.includes('Update') && row % 3 === 1 ? (row - 1) / 3 : null;
      return { kind: 'row', row, index, exact: true, description: `row ${row}` };
    },
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(TOTAL) });
});
afterEach(() => cleanup());

async function renderWithRow(index: number) {
  render(
    <>
      <EntriesTable />
      <DetailPane />
    </>,
  );
  act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
  await waitFor(() => expect(document.querySelector('[data-kind="entry"]')).not.toBeNull());
  act(() => useAppStore.getState().selectIndex(index));
  await screen.findByText(/— row 7$/);
}

describe('DetailPane', () => {
  it('gives the keyboard back to the table on Escape', async () => {
    await renderWithRow(7);
    const pane = document.getElementById('detail-pane')!;
    pane.focus();
    fireEvent.keyDown(pane, { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByRole('grid', { name: 'Entries' }));
  });

  it('offers "Show in table" once the filter changed, and selects the row in the new view', async () => {
    await renderWithRow(7);
    expect(screen.queryByRole('button', { name: 'Show in table' })).toBeNull();
    act(() => useAppStore.getState().setFilter({ types: ['Update'] }));
    // Row 7 is an Update: in the filtered view it is the third one (index 2).
    fireEvent.click(await screen.findByRole('button', { name: 'Show in table' }));
    await waitFor(() => expect(useAppStore.getState().selectedIndex).toBe(2));
    expect(useAppStore.getState().filter).toEqual({ types: ['Update'] });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show in table' })).toBeNull());
  });

  it('shows a row the new filter hides in the whole log', async () => {
    await renderWithRow(7);
    act(() => useAppStore.getState().setFilter({ types: ['Delete'] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show in table' }));
    await waitFor(() => expect(useAppStore.getState().selectedIndex).toBe(7));
    expect(useAppStore.getState().filter).toEqual({});
  });
});
