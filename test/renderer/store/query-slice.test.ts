import { beforeEach, describe, expect, it } from 'vitest';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { normalizeFilter } from '../../../renderer/src/store/slices/query-slice.js';
import { createFakeApi, emptyTimeline, fakeSession, pagedRows, type FakeApi } from '../support/fake-api.js';

let fake: FakeApi;

beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'rows.page': pagedRows(5000),
    'timeline.get': emptyTimeline,
    'session.open': ({ path }) => ({ ...fakeSession(5000), input: path }),
    'session.close': () => null,
    'recent.list': () => [],
  });
  setInspectorApi(fake.api);
});

const flush = () => new Promise((r) => setTimeout(r, 0));
const lastCall = (op: string) => fake.calls.filter((c) => c.op === op).at(-1)?.args as Record<string, unknown> | undefined;

describe('query slice', () => {
  it('drops empty values so equal filters serialise equal', () => {
    expect(normalizeFilter({ collection: '', damage: 'include', text_case_sensitive: true, document_id: 'a' })).toEqual({ document_id: 'a' });
  });

  it('sends the filter and sort to rows.page and reloads the timeline only when it depends on the change', async () => {
    await useAppStore.getState().openPath('/data/store');
    await flush();
    const timelines = () => fake.calls.filter((c) => c.op === 'timeline.get').length;
    const before = timelines();
    useAppStore.getState().toggleType('Insert');
    useAppStore.getState().toggleType('Delete');
    await flush();
    expect(lastCall('rows.page')!['filter']).toEqual({ types: ['Insert', 'Delete'] });
    expect(timelines()).toBe(before + 2);
    useAppStore.getState().setTimeRange({ from: 10, to: 20 });
    await flush();
    expect(lastCall('rows.page')!['filter']).toEqual({ types: ['Insert', 'Delete'], time_from: 10, time_to: 20 });
    expect(timelines()).toBe(before + 2);
    useAppStore.getState().setSort('time');
    useAppStore.getState().setSort('time');
    await flush();
    expect(lastCall('rows.page')!['sort']).toEqual({ key: 'time', direction: 'desc' });
  });

  it('reveals a row: clears filter and sort so the index is the row, selects it and closes dialogs', async () => {
    await useAppStore.getState().openPath('/data/store');
    useAppStore.getState().setFilter({ collection: 'users' });
    useAppStore.setState({ dialog: 'recovery', view: 'verify' });
    useAppStore.getState().revealRow(4321);
    await flush();
    await flush();
    const s = useAppStore.getState();
    expect(s.filter).toEqual({});
    expect(s.sort).toEqual({ key: 'file', direction: 'asc' });
    expect([s.view, s.dialog, s.selectedIndex, s.scrollRequest?.index]).toEqual(['entries', null, 4321, 4321]);
    expect(s.selectedRow).toBe(4321);
  });

  it('keeps a failed open on the start screen with its error', async () => {
    fake = createFakeApi({});
    setInspectorApi(fake.api);
    await useAppStore.getState().openPath('/nope');
    const s = useAppStore.getState();
    expect(s.session).toBeNull();
    expect(s.openError?.path).toBe('/nope');
    expect(s.openError?.error.code).toBe('NOT_AVAILABLE');
  });

  it('zooms the timeline into a range (inclusive end sent exclusive) and out again; a new log starts unzoomed', async () => {
    await useAppStore.getState().openPath('/data/store');
    await flush();
    useAppStore.getState().setFilter({ collection: 'users' });
    useAppStore.getState().zoomTimeline({ from: 1000, to: 1999 });
    await flush();
    expect(lastCall('timeline.get')).toMatchObject({ time_from: 1000, time_to: 2000, filter: { collection: 'users' } });
    useAppStore.getState().zoomTimeline(null);
    await flush();
    expect(lastCall('timeline.get')!['time_from']).toBeUndefined();
    useAppStore.getState().zoomTimeline({ from: 5, to: 6 });
    await useAppStore.getState().openPath('/data/other');
    expect(useAppStore.getState().timelineZoom).toBeNull();
  });
});
