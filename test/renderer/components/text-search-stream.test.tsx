// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EntriesTable } from '../../../renderer/src/components/entries-table.js';
import { TableStatus } from '../../../renderer/src/components/table-status.js';
import type { ArgsOf, RowPage } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, syntheticRow, type FakeApi } from '../support/fake-api.js';

const TOTAL = 100_000;
const STEP = 25_000;

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? 240 : 0;
    },
  });
});

/** A service whose search scans STEP rows a call; every 100th row matches. */
let scanned = 0;
let fake: FakeApi;
const statuses: string[] = [];
function page(args: ArgsOf<'rows.page'>): RowPage {
  if (!args.filter?.text) {
    const rows = Array.from({ length: Math.min(args.limit, TOTAL - args.offset) }, (_, k) => syntheticRow(args.offset + k));
    return { rows, total: TOTAL, total_unfiltered: TOTAL, offset: args.offset, complete: true };
  }
  scanned = Math.min(TOTAL, scanned + STEP);
  const found = Math.floor(scanned / 100);
  const rows = [];
  for (let i = args.offset; i < Math.min(found, args.offset + args.limit); i++) rows.push(syntheticRow(i * 100));
  return { rows, total: found, total_unfiltered: TOTAL, offset: args.offset, complete: true, scanned };
}

beforeEach(() => {
  resetAppStore();
  scanned = 0;
  statuses.length = 0;
  fake = createFakeApi({ 'rows.page': page });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(TOTAL) });
});
afterEach(() => cleanup());

describe('text search in the table', () => {
  it('streams: found so far and rows scanned until done, never the whole log as matching', async () => {
    render(<><EntriesTable /><TableStatus /></>);
    act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
    await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('100,000 rows'));
    const unsubscribe = useAppStore.subscribe(() => {
      const text = document.querySelector('[data-testid="row-count"]')?.textContent ?? '';
      if (statuses.at(-1) !== text) statuses.push(text);
    });
    act(() => useAppStore.getState().setFilter({ text: 'needle' }));
    await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('1,000 of 100,000 rows'));
    unsubscribe();
    const calls = fake.calls.filter((c) => c.op === 'rows.page' && (c.args as ArgsOf<'rows.page'>).filter?.text);
    expect(calls.every((c) => (c.args as ArgsOf<'rows.page'>).answer_within_ms! > 0)).toBe(true);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    // Each step said what it had; none claimed 100,000 matches.
    expect(statuses.filter((s) => s.includes('scanned'))).toEqual(expect.arrayContaining([
      '250 found so far · scanned 25,000 of 100,000 rows',
      '500 found so far · scanned 50,000 of 100,000 rows',
    ]));
    expect(statuses.some((s) => s.startsWith('100,000 of'))).toBe(false);
    expect(screen.getAllByRole('row').some((r) => r.getAttribute('data-row') === '0')).toBe(true);
  });
});
