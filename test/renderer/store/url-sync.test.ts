// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { connectUrl, type UrlPage } from '../../../renderer/src/store/url-sync.js';
import type { ArgsOf } from '../../../renderer/src/contract.js';
import { createFakeApi, emptyTimeline, fakeSession, pagedRows, type FakeApi } from '../support/fake-api.js';

/** A window stand-in: the address and a history that back() walks like a browser's. */
function fakePage(hash = '') {
  const entries = [hash];
  let at = 0;
  const listeners = new Set<() => void>();
  const location = { hash, pathname: '/', search: '' };
  const go = (url: string) => {
    const i = url.indexOf('#');
    location.hash = i < 0 ? '' : url.slice(i);
  };
  const page: UrlPage & { back(): void; forward(): void; pushes: number; entries: string[] } = {
    location,
    pushes: 0,
    entries,
    history: {
      pushState: (_d, _u, url) => {
        entries.splice(at + 1, entries.length, url);
        at++;
        page.pushes++;
        go(url);
      },
      replaceState: (_d, _u, url) => {
        entries[at] = url;
        go(url);
      },
    },
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
    back() {
      at--;
      go(entries[at]!);
      listeners.forEach((l) => l());
    },
    forward() {
      at++;
      go(entries[at]!);
      listeners.forEach((l) => l());
    },
  };
  return page;
}

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 600 && !until(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(until()).toBe(true);
};

let fake: FakeApi;
let stop: (() => void) | null = null;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    // Opened by its collection directory unless the link names a collection (a store root).
    'session.open': (args) => ({ ...fakeSession(5000), input: args.collection ? args.path : `${args.path}/data/users` }),
    'session.close': () => null,
    'recent.list': () => [],
    'rows.page': pagedRows(5000),
    'timeline.get': () => emptyTimeline(),
    'entry.get': () => ({}) as never,
    'rows.locate': (args: ArgsOf<'rows.locate'>) => {
      const row = Number(args.query.replace('row:', ''));
      return { kind: 'row', row, index: args.sort?.direction === 'desc' ? 4999 - row : row, exact: true, description: `row ${row}` };
    },
  });
  setInspectorApi(fake.api);
});
afterEach(() => {
  stop?.();
  stop = null;
});

describe('connectUrl', () => {
  it('writes each view into the address: a new view pushes, a new selected row replaces', async () => {
    const page = fakePage();
    stop = connectUrl(useAppStore, page);
    await useAppStore.getState().openPath('/logs/big');
    expect(page.location.hash).toBe('#log=%2Flogs%2Fbig%2Fdata%2Fusers');
    expect(page.pushes).toBe(1);
    useAppStore.getState().toggleType('Insert');
    expect(page.location.hash).toBe('#log=%2Flogs%2Fbig%2Fdata%2Fusers&types=Insert');
    useAppStore.getState().setSort('time');
    expect(page.location.hash).toContain('sort=time.asc');
    expect(page.pushes).toBe(3);
    useAppStore.getState().selectIndex(42);
    await settle(() => page.location.hash.endsWith('&row=42'));
    expect(page.pushes).toBe(3);
    useAppStore.getState().setTimeRange({ from: 1_700_000_000_000, to: 1_700_000_100_000 });
    expect(page.location.hash).toContain('from=1700000000000&to=1700000100000');
    expect(page.pushes).toBe(4);
  });

  it('a store link without a sort opens the store in time order; file order is said in the address', async () => {
    fake = createFakeApi({
      'session.open': (args) => ({ ...fakeSession(5000), input: args.path, collection: null, store: { root: args.path, collections: [], skipped: [] } }),
      'session.close': () => null,
      'recent.list': () => [],
      'rows.page': pagedRows(5000),
      'timeline.get': () => emptyTimeline(),
    });
    setInspectorApi(fake.api);
    const page = fakePage('#log=%2Fstore&types=Insert');
    stop = connectUrl(useAppStore, page);
    await settle(() => useAppStore.getState().session !== null && useAppStore.getState().filter.types?.length === 1);
    expect(useAppStore.getState().sort).toEqual({ key: 'time', direction: 'asc' });
    expect(page.location.hash).toBe('#log=%2Fstore&types=Insert');
    useAppStore.getState().setSort('file');
    await settle(() => page.location.hash.includes('sort=file.asc'));
  });

  it('brings a pasted link back: opens the log, applies filter and sort, selects the row', async () => {
    const page = fakePage('#log=%2Fstore&c=users&types=Delete&sort=file.desc&row=120&view=entries');
    stop = connectUrl(useAppStore, page);
    await settle(() => useAppStore.getState().selectedIndex !== null);
    const open = fake.calls.find((c) => c.op === 'session.open')!.args;
    expect(open).toEqual({ path: '/store', collection: 'users' });
    const s = useAppStore.getState();
    expect(s.filter).toEqual({ types: ['Delete'] });
    expect(s.sort).toEqual({ key: 'file', direction: 'desc' });
    expect(s.selectedIndex).toBe(4999 - 120);
    const lastPage = fake.calls.filter((c) => c.op === 'rows.page').at(-1)!.args as ArgsOf<'rows.page'>;
    expect(lastPage).toMatchObject({ filter: { types: ['Delete'] }, sort: { key: 'file', direction: 'desc' } });
    expect(page.pushes).toBe(0);
  });

  it('selects the row of a link once indexing reaches it, unless the user chose another meanwhile', async () => {
    const session = fakeSession(5000);
    fake = createFakeApi({
      'session.open': (args) => ({ ...session, input: args.path, progress: { ...session.progress, rows: 10, complete: false } }),
      'recent.list': () => [],
      'rows.page': pagedRows(5000),
      'timeline.get': () => emptyTimeline(),
      'rows.locate': (args: ArgsOf<'rows.locate'>) => ({ kind: 'row', row: Number(args.query.slice(4)), index: Number(args.query.slice(4)), exact: true, description: '' }),
    });
    setInspectorApi(fake.api);
    const page = fakePage('#log=%2Fa%2Fdata%2Fusers&row=4000');
    stop = connectUrl(useAppStore, page);
    await settle(() => useAppStore.getState().session !== null);
    await new Promise((r) => setTimeout(r, 30));
    expect(fake.calls.some((c) => c.op === 'rows.locate')).toBe(false);
    useAppStore.getState().applyIndexProgress({ ...session.progress, rows: 4001, complete: false }, false);
    await settle(() => useAppStore.getState().selectedIndex === 4000);

    // Another link, but the user goes somewhere first: their choice stands.
    stop();
    resetAppStore();
    page.history.replaceState(null, '', '/#log=%2Fb%2Fdata%2Fusers&row=3000');
    stop = connectUrl(useAppStore, page);
    await settle(() => useAppStore.getState().session !== null);
    useAppStore.getState().selectIndex(5);
    useAppStore.getState().applyIndexProgress({ ...session.progress, rows: 5000, complete: true }, true);
    await new Promise((r) => setTimeout(r, 50));
    expect(useAppStore.getState().selectedIndex).toBe(5);
  });

  it('steps back and forward through views', async () => {
    const page = fakePage();
    stop = connectUrl(useAppStore, page);
    await useAppStore.getState().openPath('/logs/big');
    useAppStore.getState().toggleType('Insert');
    useAppStore.getState().toggleType('Update');
    expect(useAppStore.getState().filter).toEqual({ types: ['Insert', 'Update'] });
    page.back();
    await settle(() => JSON.stringify(useAppStore.getState().filter) === JSON.stringify({ types: ['Insert'] }));
    page.back();
    await settle(() => Object.keys(useAppStore.getState().filter).length === 0);
    expect(useAppStore.getState().session).not.toBeNull();
    page.forward();
    await settle(() => JSON.stringify(useAppStore.getState().filter) === JSON.stringify({ types: ['Insert'] }));
    // Stepping is not a new view: nothing was pushed meanwhile.
    expect(page.pushes).toBe(3);
    // Back to before the log was opened: the start screen.
    page.back();
    page.back();
    await settle(() => useAppStore.getState().session === null);
  });
});
