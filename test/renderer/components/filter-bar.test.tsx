// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FilterBar } from '../../../renderer/src/components/filter-bar.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, emptyTimeline, fakeSession, pagedRows, type FakeApi } from '../support/fake-api.js';

let fake: FakeApi;

beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'rows.page': pagedRows(100),
    'timeline.get': emptyTimeline,
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(100) });
});

afterEach(() => cleanup());

const lastFilter = () => (fake.calls.filter((c) => c.op === 'rows.page').at(-1)?.args as Record<string, unknown> | undefined)?.['filter'];

describe('document id filter', () => {
  it('is an exact id, or a prefix when it ends in *', async () => {
    render(<FilterBar />);
    const input = screen.getByRole('searchbox', { name: 'Document id' }) as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'order-*' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(useAppStore.getState().filter).toEqual({ document_id_prefix: 'order-' });
    expect(lastFilter()).toEqual({ document_id_prefix: 'order-' });
    expect(screen.getByRole('button', { name: /Clear \(1\)/ })).toBeTruthy();

    fireEvent.change(input, { target: { value: 'order-7' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(useAppStore.getState().filter).toEqual({ document_id: 'order-7' });

    // Set from elsewhere (a prefix in the store) shows with its *.
    act(() => useAppStore.getState().setFilter({ document_id: undefined, document_id_prefix: 'user' }));
    expect(input.value).toBe('user*');
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(useAppStore.getState().filter).toEqual({});
  });
});

describe('Clear after Enter', () => {
  it('stays cleared: the debounce does not commit again what Enter committed', async () => {
    vi.useFakeTimers();
    try {
      render(<FilterBar />);
      const input = screen.getByRole('searchbox', { name: 'Collection' }) as HTMLInputElement;
      fireEvent.change(input, { target: { value: 'orders' } });
      fireEvent.keyDown(input, { key: 'Enter' });
      expect(useAppStore.getState().filter).toEqual({ collection: 'orders' });
      act(() => vi.advanceTimersByTime(100));
      fireEvent.click(screen.getByRole('button', { name: /Clear/ }));
      expect(useAppStore.getState().filter).toEqual({});
      act(() => vi.advanceTimersByTime(1000));
      expect(useAppStore.getState().filter).toEqual({});
      expect(input.value).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });
});
