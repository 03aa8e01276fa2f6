import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, decodeView, defaultSortFor, encodeView, sameViewBesidesRow, STORE_SORT, type ViewState } from '../../../renderer/src/lib/view-url.js';

describe('view-url', () => {
  it('round-trips a view with every filter, the sort and the row', () => {
    const view: ViewState = {
      log: '/srv/store with space/data',
      collection: 'users&more',
      view: 'transactions',
      filter: {
        types: ['Insert', 'Update'], collection: 'users', document_id: 'a=b&c', document_id_prefix: 'order-', transaction_id: 'tx#1',
        time_from: 1_700_000_000_000, time_to: 1_700_000_360_000, damage: 'only', text: '"name":"Zoë"', text_case_sensitive: true,
      },
      sort: { key: 'time', direction: 'desc' },
      row: 8_600_000,
    };
    const fragment = encodeView(view);
    expect(fragment).toContain('types=Insert%2CUpdate');
    expect(fragment).toContain('sort=time.desc');
    expect(decodeView(`#${fragment}`)).toEqual(view);
  });

  it('leaves defaults out and the start screen empty', () => {
    expect(encodeView({ log: '/x.wal', view: 'entries', filter: { damage: 'include' } })).toBe('log=%2Fx.wal');
    expect(encodeView({ log: null, view: 'entries', filter: { types: ['Begin'] }, sort: DEFAULT_SORT })).toBe('');
  });

  it('a view without a sort means the log\'s own order: file order, time for a store; a sort given is kept, file order too', () => {
    expect(decodeView('#log=%2Fstore').sort).toBeUndefined();
    expect(defaultSortFor(null)).toEqual(DEFAULT_SORT);
    expect(defaultSortFor({})).toEqual(DEFAULT_SORT);
    expect(defaultSortFor({ store: { root: '/store' } })).toEqual(STORE_SORT);
    // A store shown in file order says so (its default is time order).
    const fileOrder = encodeView({ log: '/store', view: 'entries', filter: {}, sort: DEFAULT_SORT });
    expect(fileOrder).toBe('log=%2Fstore&sort=file.asc');
    expect(decodeView(fileOrder).sort).toEqual(DEFAULT_SORT);
  });

  it('drops what it cannot read instead of failing (links get edited by hand)', () => {
    const v = decodeView('#log=%2Fx&types=Insert,Nope&from=soon&sort=colour.up&row=-3&view=elsewhere&damage=maybe&case=0');
    expect(v).toEqual({ log: '/x', view: 'entries', filter: { types: ['Insert'] } });
    expect(decodeView('')).toEqual({ log: null, view: 'entries', filter: {} });
  });

  it('tells a new selected row from a new view', () => {
    const a: ViewState = { log: '/x', view: 'entries', filter: {}, sort: DEFAULT_SORT, row: 1 };
    expect(sameViewBesidesRow(a, { ...a, row: 2 })).toBe(true);
    expect(sameViewBesidesRow(a, { ...a, filter: { types: ['Commit'] } })).toBe(false);
  });
});
