import { beforeEach, describe, expect, it } from 'vitest';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { selectTickedCollections } from '../../../renderer/src/store/slices/store-session-slice.js';
import { createFakeApi, emptyTimeline, fakeSession, pagedRows } from '../support/fake-api.js';
import { fakeCollection, fakeStoreSession } from '../support/fake-store-session.js';

const store = fakeStoreSession([fakeCollection('.keys'), fakeCollection('orders'), fakeCollection('users')]);

beforeEach(() => resetAppStore());

function open(info: typeof store) {
  setInspectorApi(createFakeApi({ 'session.open': () => info, 'rows.page': pagedRows(10), 'timeline.get': () => emptyTimeline(), 'recent.list': () => [] }).api);
  return useAppStore.getState().openPath(info.input);
}

describe('a store session in the renderer', () => {
  it('opens sorted by time (one log of every collection), a collection in file order', async () => {
    await open(store);
    expect(useAppStore.getState().sort).toEqual({ key: 'time', direction: 'asc' });
    await open(fakeSession(10));
    expect(useAppStore.getState().sort).toEqual({ key: 'file', direction: 'asc' });
  });

  it('ticks every collection but system ones until the user ticks, then exactly those, in the list order', async () => {
    await open(store);
    expect(selectTickedCollections(useAppStore.getState())).toEqual(['orders', 'users']);
    useAppStore.getState().toggleStoreCollection('.keys', true);
    useAppStore.getState().toggleStoreCollection('orders', false);
    expect(selectTickedCollections(useAppStore.getState())).toEqual(['.keys', 'users']);
    await open(store);
    expect(useAppStore.getState().storeTicked).toBeNull();
  });
});
