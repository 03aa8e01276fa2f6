// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntriesView } from '../../../renderer/src/components/entries-view.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, pagedRows } from '../support/fake-api.js';

beforeEach(() => {
  resetAppStore();
  localStorage.clear();
  setInspectorApi(createFakeApi({ 'rows.page': pagedRows(50) }).api);
  useAppStore.setState({ session: fakeSession(50) });
});
afterEach(() => cleanup());

const filters = () => document.getElementById('entries-filters')!;
const query = () => document.getElementById('entries-query')!;

describe('the rows over the entries table', () => {
  it('are one toolbar (fold toggles, Go to, Columns, Export) over foldable filters and query', () => {
    render(<EntriesView />);
    const toggle = screen.getByRole('button', { name: 'Filters' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.closest('.entries-toolbar')).toBe(screen.getByRole('textbox', { name: 'Go to' }).closest('.entries-toolbar'));
    expect(screen.getByRole('button', { name: 'Export…' }).closest('.entries-toolbar')).not.toBeNull();
    expect(filters().hidden).toBe(false);
    fireEvent.click(toggle);
    expect(filters().hidden).toBe(true);
    expect(screen.getByRole('button', { name: 'Filters' }).getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Query' }));
    expect(query().hidden).toBe(true);
  });

  it('remember being folded, and say a folded section holds something', () => {
    const first = render(<EntriesView />);
    fireEvent.click(screen.getByRole('button', { name: 'Filters' }));
    fireEvent.click(screen.getByRole('button', { name: 'Query' }));
    first.unmount();
    useAppStore.setState({ filter: { collection: 'users', where: 'size > 10' } });
    render(<EntriesView />);
    expect(filters().hidden).toBe(true);
    expect(query().hidden).toBe(true);
    expect(screen.getByRole('button', { name: /^Filters/ }).textContent).toMatch(/Filters \(\d+\)/);
    expect(screen.getByRole('button', { name: /^Query/ }).textContent).toContain('Query (on)');
  });
});
