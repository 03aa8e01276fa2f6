// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DetailPane } from '../../../renderer/src/components/detail-pane.js';
import type { ArgsOf, EntryDetail, RestorePlanResult } from '../../../renderer/src/contract.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import { createFakeApi, fakeSession, syntheticRow, type FakeApi } from '../support/fake-api.js';

const detail = (row: number): EntryDetail => ({
  row: syntheticRow(row), data: '{"a":1}', data_pretty: '{\n  "a": 1\n}', data_error: null,
  transaction_id_hex: '', collection_hex: '', document_id_hex: '', time_iso: null,
  raw: { offset: 0, length: 4, base64: 'AAECAw==', truncated: false }, spans: [], crc_stored: 1, crc_computed: 1,
});

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = createFakeApi({
    'restore.plan': (a: ArgsOf<'restore.plan'>): RestorePlanResult => ({
      plan_id: 'p', store: '/s', collections: ['c'], into: null, selection: { until: a.until!, on_conflict: 'keep', uncommitted: 'excluded' },
      changes: [], conflicts: [], incomplete: [], incomplete_documents: [], excluded_entries: 0, uncommitted_entries: 0,
      entries_read: 1, damaged_ranges: 0, notes: [], dry_run: true,
    }),
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: fakeSession(100), detail: detail(7), selectedRow: 7 });
});
afterEach(cleanup);

describe('DetailPane: restore to here', () => {
  it("previews a restore until the selected entry's segment:offset", async () => {
    render(<DetailPane />);
    fireEvent.click(screen.getByRole('button', { name: 'Restore to here…' }));
    await screen.findByRole('region', { name: 'Restore to here preview' });
    const row = syntheticRow(7);
    expect(fake.calls.find((c) => c.op === 'restore.plan')?.args).toMatchObject({ until: `${row.segment}:${row.offset}` });
  });
});
