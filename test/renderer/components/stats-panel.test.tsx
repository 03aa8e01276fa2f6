// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatsPanel } from '../../../renderer/src/components/stats-panel.js';
import type { SessionInfo, Stats } from '../../../renderer/src/contract.js';
import { formatLocalTime } from '../../../renderer/src/lib/format.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

const T0 = 1_732_700_000_000;

function chainSession(): SessionInfo {
  const s = fakeSession(30);
  return {
    ...s,
    segments: [
      { index: 0, name: 'transactions.1.wal.zst', path: '/w/transactions.1.wal.zst', compression: 'zstd', file_bytes: 300, bytes: 581, format: 'binary', active: false },
      { index: 1, name: 'transactions.wal', path: '/w/transactions.wal', compression: 'none', file_bytes: 485, bytes: 485, format: 'binary', active: true },
    ],
  };
}

function stats(entries: number): Stats {
  return {
    rows: entries + 1, entries,
    by_type: { Begin: 5, Insert: entries - 20, Update: 5, Delete: 4, Commit: 4, Rollback: 1 },
    bytes_by_type: { Begin: 395, Insert: 1346, Update: 698, Delete: 316, Commit: 316, Rollback: 79 },
    damaged: 1, damaged_bytes: 77,
    by_damage: { 'crc-mismatch': 1, 'truncated-tail': 0, undecodable: 0, 'invalid-json-line': 0, 'corrupt-compression': 0 },
    collections: 2, by_collection: [{ collection: 'users', entries: entries - 3 }, { collection: 'orders', entries: 3 }],
    documents: 12,
    transactions: { ids: 16, with_begin: 5, committed: 4, rolled_back: 1, never_terminated: 0, without_begin: 11, damaged: 1 },
    entry_bytes: { min: 79, max: 190, mean: 105, total: 3150 },
    with_data: 16, data_bytes: 764, entries_with_invalid_utf8_ids: 0,
    first_time: String(T0), last_time: String(T0 + 45_839),
    segments: [
      { index: 0, name: 'transactions.1.wal.zst', compression: 'zstd', file_bytes: 300, bytes: 581, entries: 5, damaged: 0, damaged_bytes: 0, first_time: String(T0), last_time: String(T0 + 9_000) },
      { index: 1, name: 'transactions.wal', compression: 'none', file_bytes: 485, bytes: 485, entries: entries - 5, damaged: 1, damaged_bytes: 77, first_time: String(T0 + 20_000), last_time: String(T0 + 45_839) },
    ],
    complete: true, index_ms: 12,
  };
}

let fake: FakeApi;
let current = stats(30);
beforeEach(() => {
  resetAppStore();
  current = stats(30);
  fake = createFakeApi({
    'stats.get': () => current,
    'rows.locate': (a) => ({ kind: 'offset', row: 5, index: a.query === '1:0' ? 5 : null, exact: true, description: 'row 5' }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: chainSession(), view: 'stats' });
});
afterEach(() => cleanup());

const stat = (name: string, root: HTMLElement = document.body) => root.querySelector(`[data-stat="${name}"]`)?.textContent;

describe('StatsPanel', () => {
  it('shows stats.get as the service counted it: types, collections, transactions, damage, time span', async () => {
    render(<StatsPanel />);
    await waitFor(() => expect(stat('entries')).toBe('30'));
    expect(fake.calls.filter((c) => c.op === 'stats.get')).toHaveLength(1);
    expect(stat('by_type.Insert')).toBe('10');
    expect(stat('bytes_by_type.Insert')).toBe('1.3 KiB');
    expect(document.querySelector('[data-stat="bytes_by_type.Insert"]')!.getAttribute('data-bytes')).toBe('1346');
    expect(stat('by_collection.orders')).toBe('3');
    expect(stat('transactions.committed')).toBe('4');
    expect(stat('transactions.without_begin')).toBe('11');
    expect(stat('by_damage.crc-mismatch')).toBe('1');
    expect(stat('first_time')).toBe(formatLocalTime(T0));
    // Kinds of damage that did not occur are not listed.
    expect(document.querySelector('[data-stat="by_damage.undecodable"]')).toBeNull();
  });

  it('lists the segments with compression, sizes, entries and first/last time, and shows one in the table', async () => {
    render(<StatsPanel />);
    const table = await screen.findByRole('table', { name: 'Segments' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(stat('compression', rows[0]!)).toBe('zstd');
    expect(stat('file_bytes', rows[0]!)).toBe('300 B');
    expect(stat('bytes', rows[0]!)).toBe('581 B');
    expect(stat('entries', rows[1]!)).toBe('25');
    expect(stat('damaged', rows[1]!)).toBe('1');
    expect(stat('first_time', rows[1]!)).toBe(formatLocalTime(T0 + 20_000));
    expect(stat('last_time', rows[1]!)).toBe(formatLocalTime(T0 + 45_839));
    expect(rows[1]!.textContent).toContain('(active)');
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Show in table' }));
    await waitFor(() => expect(useAppStore.getState().view).toBe('entries'));
    expect(useAppStore.getState().selectedIndex).toBe(5);
    expect(fake.calls.find((c) => c.op === 'rows.locate')!.args).toMatchObject({ query: '1:0' });
  });

  it('counts again when rows arrive (follow), not on every render', async () => {
    render(<StatsPanel />);
    await waitFor(() => expect(stat('entries')).toBe('30'));
    current = stats(40);
    const session = useAppStore.getState().session!;
    act(() => useAppStore.setState({ session: { ...session } }));
    expect(fake.calls.filter((c) => c.op === 'stats.get')).toHaveLength(1);
    act(() => useAppStore.setState({ session: { ...session, progress: { ...session.progress, rows: 41, entries: 40 } } }));
    await waitFor(() => expect(stat('entries')).toBe('40'));
    expect(fake.calls.filter((c) => c.op === 'stats.get')).toHaveLength(2);
  });
});
