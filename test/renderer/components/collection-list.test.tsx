// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectionList } from '../../../renderer/src/components/collection-list.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, pagedRows } from '../support/fake-api.js';
import { FAKE_WAL as WAL, fakeCollection as collection, fakeStoreSession as storeSession } from '../support/fake-store-session.js';

beforeEach(() => {
  resetAppStore();
  setInspectorApi(createFakeApi({ 'rows.page': pagedRows(100) }).api);
});
afterEach(() => cleanup());

describe('CollectionList', () => {
  it('shows each collection: entries, size, segments, damage, last write and its WAL configuration', () => {
    useAppStore.setState({
      session: storeSession([
        collection('.keys', { entries: 1, segments: 1, file_bytes: 120 }),
        collection('events', { entries: 3, damaged: 0, wal_config: { ...WAL, format: 'jsonl', compression: 'lz4', write_mode: 'warn' } }),
        collection('users', { entries: 12_345, damaged: 2, segments: 3, file_bytes: 3 * 1024 * 1024 }),
      ]),
    });
    render(<CollectionList open onToggle={() => undefined} />);
    const items = screen.getAllByTestId('collection-item');
    expect(items.map((i) => i.dataset.collection)).toEqual(['.keys', 'events', 'users']);
    const users = within(items[2]!);
    expect(users.getByText(/12,345 entries · 3\.0 MiB in 3 segments/)).toBeTruthy();
    expect(users.getByText('2 damaged')).toBeTruthy();
    expect(users.getByText(/last write/)).toBeTruthy();
    expect(users.getByTestId('wal-config').textContent).toBe('binary · zstd · write strict');
    expect(users.getByTestId('wal-config').getAttribute('title')).toMatch(/rotation: 10 MiB or 1,000 records/);
    expect(within(items[1]!).getByTestId('wal-config').textContent).toBe('JSON Lines · lz4 · write warn');
    expect(within(items[1]!).queryByText(/damaged/)).toBeNull();
    expect(within(items[0]!).getByText('system')).toBeTruthy();
  });

  it('ticks every collection but system ones by default; a click on a name shows only it in the table, again shows all', () => {
    useAppStore.setState({ session: storeSession([collection('.keys'), collection('orders'), collection('users')]) });
    render(<CollectionList open onToggle={() => undefined} />);
    const box = (name: string) => screen.getByRole('checkbox', { name: `Include ${name} in Verify and Recover` }) as HTMLInputElement;
    expect([box('.keys').checked, box('orders').checked, box('users').checked]).toEqual([false, true, true]);
    fireEvent.click(box('users'));
    expect(box('users').checked).toBe(false);
    expect(useAppStore.getState().storeTicked).toEqual(['orders']);

    fireEvent.click(screen.getByRole('button', { name: 'orders' }));
    expect(useAppStore.getState().filter.collection).toBe('orders');
    expect(screen.getByRole('button', { name: 'orders' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'orders' }));
    expect(useAppStore.getState().filter.collection).toBeUndefined();
  });
});
