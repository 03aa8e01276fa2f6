// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApi, type OperationName, type Outcome, type RowFilter } from '../../../renderer/src/contract.js';
import { FilterBar } from '../../../renderer/src/components/filter-bar.js';
import { QueryBox } from '../../../renderer/src/components/query-box.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { emptyTimeline, fakeSession, pagedRows } from '../support/fake-api.js';

const calls: { op: OperationName; args: Record<string, unknown> }[] = [];
const rows = pagedRows(100);

beforeEach(() => {
  resetAppStore();
  localStorage.clear();
  calls.length = 0;
  setInspectorApi(buildApi(async (op, args) => {
    calls.push({ op, args: args as Record<string, unknown> });
    const a = args as { filter?: RowFilter };
    if (op === 'query.fields') return { ok: true, value: { data_paths: ['counters', 'counters.views', 'counters.likes', 'active', 'name'], sampled: 10 } } as Outcome<never>;
    if (op === 'timeline.get') return { ok: true, value: emptyTimeline() } as Outcome<never>;
    if (op === 'rows.page') {
      if (a.filter?.where?.includes('>>')) {
        return { ok: false, error: { code: 'INVALID_QUERY', message: 'column 11: found ">": expected a value or a field', context: { column: 11 } } } as Outcome<never>;
      }
      const page = rows(args as never);
      return { ok: true, value: a.filter?.where ? { ...page, total: 7, scanned: 100 } : page } as Outcome<never>;
    }
    return { ok: false, error: { code: 'NOT_AVAILABLE', message: `${op} is not faked`, context: {} } } as Outcome<never>;
  }, () => () => undefined));
  useAppStore.setState({ session: fakeSession(100) });
});

afterEach(() => cleanup());

const box = () => screen.getByRole('combobox', { name: 'Query' }) as HTMLInputElement;
const type = (text: string) => fireEvent.change(box(), { target: { value: text, selectionStart: text.length } });
const options = () => within(screen.getByRole('listbox', { name: 'Completions' })).getAllByRole('option').map((o) => o.textContent);
const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

describe('query box', () => {
  it('completes variable names and data paths seen in the log, one level at a time', async () => {
    render(<><FilterBar /><QueryBox /></>);
    fireEvent.focus(box());
    await settle();
    type('entry_t');
    expect(options()).toEqual(['entry_type']);
    fireEvent.keyDown(box(), { key: 'Tab' });
    expect(box().value).toBe('entry_type');
    type('data.c');
    expect(options()).toEqual(['data.counters']);
    type('data.counters.');
    expect(options()).toEqual(['data.counters.views', 'data.counters.likes']);
    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe('data.counters.likes');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('highlights the text, runs on Enter and says how many matched of how many scanned', async () => {
    render(<><FilterBar /><QueryBox /></>);
    type('data.views > 40000 && entry_type == "Update"');
    const hl = document.querySelector('.query-highlight')!;
    expect(hl.querySelector('.tok-variable')?.textContent).toBe('data');
    expect(hl.querySelector('.tok-string')?.textContent).toBe('"Update"');
    expect(hl.querySelector('.tok-number')?.textContent).toBe('40000');
    fireEvent.keyDown(box(), { key: 'Escape' });
    fireEvent.keyDown(box(), { key: 'Enter' });
    await settle();
    expect(useAppStore.getState().filter).toEqual({ where: 'data.views > 40000 && entry_type == "Update"' });
    expect(calls.filter((c) => c.op === 'rows.page').at(-1)?.args['filter']).toEqual({ where: 'data.views > 40000 && entry_type == "Update"' });
    expect(screen.getByText('matched 7 of 100 scanned')).toBeTruthy();
  });

  it('shows the service\'s message for a malformed query under the box', async () => {
    render(<><FilterBar /><QueryBox /></>);
    type('data.age >> 3');
    fireEvent.keyDown(box(), { key: 'Enter' });
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('column 11: found ">": expected a value or a field');
    expect(box().getAttribute('aria-invalid')).toBe('true');
  });

  it('turns the simple filters into the same expression', async () => {
    render(<><FilterBar /><QueryBox /></>);
    act(() => useAppStore.getState().setFilter({ types: ['Insert', 'Update'], collection: 'orders', damage: 'exclude' }));
    fireEvent.click(screen.getByRole('button', { name: 'Filters as query' }));
    expect(useAppStore.getState().filter).toEqual({ damage: 'exclude', where: 'entry_type in ["Insert", "Update"] && collection == "orders"' });
    expect(box().value).toBe('entry_type in ["Insert", "Update"] && collection == "orders"');
  });

  it('saves queries by name and runs a saved one', async () => {
    render(<><FilterBar /><QueryBox /></>);
    type('size > 100');
    fireEvent.click(screen.getByRole('button', { name: 'Save query' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Query name' }), { target: { value: 'big ones' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(JSON.parse(localStorage.getItem('wal-inspector.saved-queries')!)).toEqual([{ name: 'big ones', where: 'size > 100' }]);
    type('');
    fireEvent.change(screen.getByRole('combobox', { name: 'Saved queries' }), { target: { value: 'big ones' } });
    expect(useAppStore.getState().filter).toEqual({ where: 'size > 100' });
    expect(box().value).toBe('size > 100');
  });
});
