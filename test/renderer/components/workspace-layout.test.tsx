// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../renderer/src/components/workspace.js';
import { columnTemplate, rowNumberWidth } from '../../../renderer/src/lib/column-template.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, emptyTimeline, fakeSession, pagedRows } from '../support/fake-api.js';

const BODY_WIDTH = 1024;
const TOTAL = 8_600_001;

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-scroll') ? 480 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('workspace-body') ? BODY_WIDTH : 0;
    },
  });
  // jsdom has no PointerEvent: a MouseEvent carries clientX and button, which is all the separator reads.
  if (typeof window.PointerEvent === 'undefined') {
    (window as unknown as { PointerEvent: typeof MouseEvent }).PointerEvent = class extends MouseEvent {
      readonly pointerId = 1;
    };
  }
});

beforeEach(() => {
  localStorage.clear();
  resetAppStore();
  setInspectorApi(createFakeApi({ 'rows.page': pagedRows(TOTAL), 'timeline.get': () => emptyTimeline() }).api);
  useAppStore.setState({ session: fakeSession(TOTAL) });
});
afterEach(() => cleanup());

const split = () => screen.getByRole('separator', { name: 'Width of the detail pane' });
const detailWidth = () => (document.querySelector('.workspace-body') as HTMLElement).style.getPropertyValue('--detail-width');

describe('the table/detail split', () => {
  it('moves with the arrow keys and by dragging, stays inside the body, and is remembered', () => {
    const { unmount } = render(<Workspace />);
    const start = Number(split().getAttribute('aria-valuenow'));
    expect(start).toBe(Math.round(BODY_WIDTH * 0.4));
    expect(detailWidth()).toBe(`${start}px`);
    fireEvent.keyDown(split(), { key: 'ArrowLeft' });
    expect(split().getAttribute('aria-valuenow')).toBe(String(start + 16));
    fireEvent.keyDown(split(), { key: 'ArrowRight', shiftKey: true });
    expect(split().getAttribute('aria-valuenow')).toBe(String(start + 16 - 80));
    fireEvent.keyDown(split(), { key: 'Home' });
    expect(split().getAttribute('aria-valuenow')).toBe(String(BODY_WIDTH - 360));
    fireEvent.keyDown(split(), { key: 'End' });
    expect(split().getAttribute('aria-valuenow')).toBe('260');
    // Drag 100 px to the left: the detail pane grows by 100.
    fireEvent.pointerDown(split(), { clientX: 700, button: 0 });
    fireEvent.pointerMove(split(), { clientX: 650 });
    fireEvent.pointerUp(split(), { clientX: 600 });
    expect(split().getAttribute('aria-valuenow')).toBe('360');
    expect(detailWidth()).toBe('360px');
    unmount();
    render(<Workspace />);
    expect(split().getAttribute('aria-valuenow')).toBe('360');
  });

  it('ignores a stored width that does not fit the window', () => {
    localStorage.setItem('wal-inspector.layout.detail-width', '5000');
    render(<Workspace />);
    expect(split().getAttribute('aria-valuenow')).toBe(String(BODY_WIDTH - 360));
    localStorage.setItem('wal-inspector.layout.detail-width', 'garbage');
    cleanup();
    render(<Workspace />);
    expect(split().getAttribute('aria-valuenow')).toBe(String(Math.round(BODY_WIDTH * 0.4)));
  });
});

describe('columns', () => {
  it('resize from the keyboard, keep the width in px and remember it', async () => {
    const { unmount } = render(<Workspace />);
    act(() => useAppStore.getState().reloadRows({ queryChanged: true }));
    await waitFor(() => expect(document.querySelector('[data-kind="entry"]')).not.toBeNull());
    const handle = screen.getByRole('separator', { name: 'Width of column Document' });
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    const grid = screen.getByRole('grid', { name: 'Entries' });
    // jsdom lays nothing out: the width on screen is the column's default, 180.
    expect(grid.style.getPropertyValue('--grid-columns')).toContain('212px');
    expect(JSON.parse(localStorage.getItem('wal-inspector.layout.columns')!)).toEqual({ document: 212 });
    unmount();
    render(<Workspace />);
    expect(screen.getByRole('grid', { name: 'Entries' }).style.getPropertyValue('--grid-columns')).toContain('212px');
    // The header keeps its column name: the handle inside it does not become part of it.
    expect(screen.getByRole('columnheader', { name: 'Document' })).toBeTruthy();
  });

  it('keeps the # column wide enough for the longest row number', () => {
    render(<Workspace />);
    const template = screen.getByRole('grid', { name: 'Entries' }).style.getPropertyValue('--grid-columns');
    const first = /^minmax\((\d+)px/.exec(template)!;
    expect(Number(first[1])).toBe(rowNumberWidth(TOTAL));
    // 8,600,000 is seven digits of a monospace face at ~7.5 px, plus the cell's 16 px padding.
    expect(rowNumberWidth(TOTAL)).toBeGreaterThanOrEqual(7 * 7.5 + 16);
    expect(rowNumberWidth(100_000_001)).toBeGreaterThan(rowNumberWidth(TOTAL));
  });
});

describe('columnTemplate', () => {
  it('shares the width among columns never resized, fixes resized ones, and scrolls rather than clip', () => {
    const t = columnTemplate([
      { id: 'row', size: 84, minWidth: 76, resized: false },
      { id: 'time', size: 200, minWidth: 192, resized: false },
      { id: 'document', size: 300, minWidth: 48, resized: true },
    ]);
    expect(t.template).toBe('minmax(76px, 84fr) minmax(192px, 200fr) 300px');
    expect(t.minWidth).toBe(76 + 192 + 300);
  });
});
