// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VerifyView } from '../../../renderer/src/components/verify-view.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession } from '../support/fake-api.js';

beforeEach(() => {
  resetAppStore();
  setInspectorApi(createFakeApi({}).api);
});
afterEach(() => cleanup());

describe('VerifyView', () => {
  it('offers the store only when the log lies in a collection', () => {
    useAppStore.setState({ session: { ...fakeSession(10), collection_dir: null } });
    const { unmount } = render(<VerifyView />);
    const select = screen.getByRole('combobox', { name: 'Check against' }) as HTMLSelectElement;
    expect(select.value).toBe('log');
    expect((screen.getByRole('option', { name: /the store/ }) as HTMLOptionElement).disabled).toBe(true);
    unmount();

    useAppStore.setState({ session: { ...fakeSession(10), collection_dir: '/data/users' } });
    render(<VerifyView />);
    expect((screen.getByRole('combobox', { name: 'Check against' }) as HTMLSelectElement).value).toBe('store');
    expect(screen.getByRole('option', { name: 'the store (/data/users)' })).toBeTruthy();
  });
});
