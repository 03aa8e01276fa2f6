// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntryData } from '../../../renderer/src/components/entry-data.js';
import type { EntryDetail } from '../../../renderer/src/contract.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';

const detail = { data: '{"name":"Alice","friend":"alice b"}', data_pretty: null, data_error: null } as unknown as EntryDetail;

beforeEach(() => resetAppStore());
afterEach(() => cleanup());

describe('EntryData with a text search', () => {
  it('highlights every match of the search in the stored data', () => {
    useAppStore.setState({ filter: { text: 'ALICE' } });
    render(<EntryData detail={detail} />);
    const section = screen.getByRole('region', { name: 'Matches of the text search' });
    expect(section.textContent).toContain('2 matches of “ALICE”');
    expect([...section.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Alice', 'alice']);
  });
  it('shows no match list without a search', () => {
    render(<EntryData detail={detail} />);
    expect(screen.queryByRole('region', { name: 'Matches of the text search' })).toBeNull();
  });
});
