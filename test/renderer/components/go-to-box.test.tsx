// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EntriesTable } from '../../../renderer/src/components/entries-table.js';
import { GoToBox } from '../../../renderer/src/components/go-to-box.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import type { ArgsOf, ResultOf } from '../../../renderer/src/contract.js';
import { createFakeApi, fakeSession, pagedRows, type FakeApi } from '../support/fake-api.js';

const TOTAL = 10_000_000;

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? 480 : 0;
    },
  });
});

let fake: FakeApi;
let answer: (args: ArgsOf<'rows.locate'>) => ResultOf<'rows.locate'>;

beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({ 'rows.page': pagedRows(TOTAL), 'rows.locate': (args) => answer(args) });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(TOTAL) });
});
afterEach(() => cleanup());

async function renderLoaded() {
  render(
    <>
      <GoToBox />
      <EntriesTable />
    </>,
  );
  act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
  await waitFor(() => expect(document.querySelector('[data-kind="entry"]')).not.toBeNull());
}

function goTo(text: string) {
  const box = screen.getByRole('textbox', { name: 'Go to' });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.submit(box.closest('form')!);
}

describe('GoToBox', () => {
  it('asks the service with the view and selects and shows the row it names', async () => {
    answer = () => ({ kind: 'row', row: 8_600_000, index: 8_600_000, exact: true, description: 'row 8,600,000' });
    await renderLoaded();
    act(() => useAppStore.getState().setSort('time'));
    goTo('8,600,000');
    await waitFor(() => expect(useAppStore.getState().selectedIndex).toBe(8_600_000));
    const call = fake.calls.find((c) => c.op === 'rows.locate')!.args as ArgsOf<'rows.locate'>;
    expect(call).toMatchObject({ query: '8,600,000', sort: { key: 'time', direction: 'asc' } });
    expect(typeof call.time_zone).toBe('string');
    await waitFor(() => expect(screen.getByRole('row', { selected: true }).getAttribute('data-index')).toBe('8600000'));
    expect(screen.getByText('row 8,600,000')).toBeTruthy();
  });

  it('says why when nothing is there, and keeps the selection', async () => {
    // Without a rows.locate handler the fake answers NOT_AVAILABLE: an error outcome, shown as worded.
    fake = createFakeApi({ 'rows.page': pagedRows(TOTAL) });
    setInspectorApi(fake.api);
    await renderLoaded();
    goTo('99:0x10');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Go to' }).getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('go-to-message')!.textContent).toContain('rows.locate is not faked');
    expect(useAppStore.getState().selectedIndex).toBeNull();
  });

  it('offers to show a row the filter hides, in the whole log', async () => {
    answer = () => ({ kind: 'document', row: 4242, index: null, exact: true, description: 'row 4,242, the first of document user-4242' });
    await renderLoaded();
    act(() => useAppStore.getState().setFilter({ types: ['Delete'] }));
    goTo('doc:user-4242');
    const show = await screen.findByRole('button', { name: 'Show it in the whole log' });
    expect(document.getElementById('go-to-message')!.textContent).toContain('hidden by the filter');
    fireEvent.click(show);
    expect(useAppStore.getState().filter).toEqual({});
    await waitFor(() => expect(useAppStore.getState().selectedIndex).toBe(4242));
  });
});
