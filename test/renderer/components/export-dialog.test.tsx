// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportDialog } from '../../../renderer/src/components/export-dialog.js';
import type { AppInfo } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';

const info = (mode: AppInfo['mode'], downloads: boolean): AppInfo => ({
  mode, version: '0', platform: 'linux', dialogs: mode === 'electron', file_browser: mode !== 'electron', demo_store: null,
  cwd: '/srv', home: '/home/me', open_on_start: null, downloads,
});

let fake: FakeApi;
let clicked: Array<{ href: string; download: string }>;
beforeEach(() => {
  resetAppStore();
  clicked = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
  });
  fake = createFakeApi({
    'export.download': (a) => ({ url: `/download/${'t'.repeat(43)}`, file_name: `wal-export-2026-12-02T06-00-00.${a.format}`, expires_at: 0 }),
    'export.rows': (a) => ({ path: a.path, rows: 3, bytes: 99 }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(3), rowsTotal: 3, filter: { types: ['Delete'] } });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ExportDialog', () => {
  it('in browser mode hands the export to the browser as a download of the filtered rows', async () => {
    useAppStore.setState({ appInfo: info('browser', true) });
    act(() => useAppStore.getState().openExport());
    render(<ExportDialog />);
    expect(screen.queryByLabelText('Export path')).toBeNull();
    fireEvent.click(screen.getByLabelText('CSV'));
    fireEvent.click(screen.getByRole('button', { name: 'Download 3 rows' }));
    await screen.findByText(/Download started/);
    expect(fake.calls.find((c) => c.op === 'export.download')!.args).toEqual({ session_id: 's1', filter: { types: ['Delete'] }, sort: { key: 'file', direction: 'asc' }, format: 'csv' });
    expect(clicked).toEqual([{ href: `/download/${'t'.repeat(43)}`, download: 'wal-export-2026-12-02T06-00-00.csv' }]);
    expect(fake.calls.some((c) => c.op === 'export.rows')).toBe(false);
    // The anchor does not stay in the page.
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
  });

  it('in browser mode can still write a file on the server where asked', async () => {
    useAppStore.setState({ appInfo: info('browser', true) });
    act(() => useAppStore.getState().openExport());
    render(<ExportDialog />);
    fireEvent.click(screen.getByLabelText('Write a file on the server'));
    fireEvent.change(screen.getByLabelText('Export path'), { target: { value: '/tmp/out.jsonl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export 3 rows' }));
    await screen.findByText(/Wrote 3 rows/);
    expect(fake.calls.find((c) => c.op === 'export.rows')!.args).toMatchObject({ path: '/tmp/out.jsonl', format: 'jsonl' });
    expect(clicked).toEqual([]);
  });

  it('in the desktop app writes where the user picks, with no download choice', async () => {
    useAppStore.setState({ appInfo: info('electron', false) });
    act(() => useAppStore.getState().openExport());
    render(<ExportDialog />);
    expect(screen.queryByLabelText('Download through the browser')).toBeNull();
    expect((screen.getByLabelText('Export path') as HTMLInputElement).value).toMatch(/^\/home\/me\/wal-export-.*\.jsonl$/);
    fireEvent.click(screen.getByRole('button', { name: 'Export 3 rows' }));
    await waitFor(() => expect(fake.calls.some((c) => c.op === 'export.rows')).toBe(true));
    expect(fake.calls.some((c) => c.op === 'export.download')).toBe(false);
  });
});
