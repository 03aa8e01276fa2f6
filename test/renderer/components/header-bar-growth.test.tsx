// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeaderBar } from '../../../renderer/src/components/header-bar.js';
import type { SessionInfo } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { connectEvents } from '../../../renderer/src/store/connect-events.js';
import { createFakeApi, fakeSession, type FakeApi } from '../support/fake-api.js';
import { fakeCollection, fakeStoreSession } from '../support/fake-store-session.js';

let fake: FakeApi;
let onDisk: SessionInfo;
let disconnect: () => void;
const base = fakeSession(10);
const grown = (bytes: number, unread: number, entries = 10, following = false): SessionInfo => ({
  ...base, following, unread_bytes: unread,
  segments: [{ ...base.segments[0]!, file_bytes: bytes, bytes }],
  progress: { ...base.progress, entries, rows: entries },
});

beforeEach(() => {
  resetAppStore();
  onDisk = grown(6000, 0);
  fake = createFakeApi({
    'session.info': () => onDisk,
    'follow.set': (a) => {
      onDisk = { ...onDisk, following: a.enabled };
      return { following: a.enabled };
    },
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: onDisk });
  disconnect = connectEvents(fake.api);
});
afterEach(() => {
  disconnect();
  cleanup();
});

describe('HeaderBar on a growing log', () => {
  it('shows the new size and what is not read yet when the service says the log grew, and offers Follow', async () => {
    render(<HeaderBar />);
    expect(screen.getByTestId('log-size').textContent).toBe('5.9 KiB');
    expect(screen.queryByTestId('log-grown')).toBeNull();
    onDisk = grown(6000 + 3 * 1024 * 1024, 3 * 1024 * 1024);
    fake.emit({ type: 'log.grown', session_id: 's1', file_bytes: 6000 + 3 * 1024 * 1024, unread_bytes: 3 * 1024 * 1024 });
    await waitFor(() => expect(screen.getByTestId('log-size').textContent).toBe('3.0 MiB'));
    expect(screen.getByTestId('log-grown').textContent).toContain('+3.0 MiB written since read');
    expect(screen.getByTestId('entry-count').textContent).toBe('10 entries');
    fireEvent.click(screen.getByRole('button', { name: 'Follow to show' }));
    await waitFor(() => expect(useAppStore.getState().session?.following).toBe(true));
    expect(screen.queryByTestId('log-grown')).toBeNull();
  });

  it('a log.grown of another session changes nothing', async () => {
    render(<HeaderBar />);
    fake.emit({ type: 'log.grown', session_id: 'other', file_bytes: 1, unread_bytes: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.some((c) => c.op === 'session.info')).toBe(false);
  });
});

describe('HeaderBar on a store session that grew', () => {
  it('offers to open the store again (Follow is for one collection), and Open again opens the same root', async () => {
    const store = { ...fakeStoreSession([fakeCollection('accounts'), fakeCollection('orders')]), input: '/s', unread_bytes: 2048 };
    const opened: string[] = [];
    fake = createFakeApi({
      'session.open': (a) => {
        opened.push(a.path);
        return { ...store, session_id: 's2', unread_bytes: 0 };
      },
      'session.info': () => ({ ...store, session_id: 's2', unread_bytes: 0 }),
    });
    setInspectorApi(fake.api);
    useAppStore.setState({ session: store });
    render(<HeaderBar />);
    expect(screen.getByTestId('log-grown').textContent).toContain('+2.0 KiB written since read');
    expect(screen.queryByRole('button', { name: 'Follow to show' })).toBeNull();
    expect((screen.getByRole('checkbox', { name: 'Follow' }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Open again to show' }));
    await waitFor(() => expect(opened).toEqual(['/s']));
  });
});
