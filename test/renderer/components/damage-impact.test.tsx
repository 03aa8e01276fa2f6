// @vitest-environment jsdom
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrcStatus } from '../../../renderer/src/components/crc-status.js';
import { DetailPane } from '../../../renderer/src/components/detail-pane.js';
import { repairedCopyPath } from '../../../renderer/src/components/damage-impact.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/app-store.js';
import type { EntryDetail, Row, SessionInfo } from '../../../renderer/src/contract.js';
import { withImpact } from '../../../core/wal/damage/impact-stream.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import type { DamageRecord, WalRecord } from '../../../core/wal/records.js';
import { GOLDEN } from '../../support/paths.js';
import { createFakeApi } from '../support/fake-api.js';

// The impact comes from the real core reading golden files (the service's index workers do not
// start under jsdom; test/core/inspector/service-damage-impact.test.ts holds the service to the
// same answer); the detail is shaped as entry.get shapes it.
async function damageDetail(file: string, nth = 0): Promise<{ info: SessionInfo; detail: EntryDetail }> {
  const p = path.join(GOLDEN, file);
  const records: WalRecord[] = [];
  for await (const r of withImpact(readLog(await locateLog(p)))) records.push(r);
  const index = records.findIndex((r, i) => r.kind === 'damage' && records.slice(0, i).filter((x) => x.kind === 'damage').length === nth);
  const d = records[index] as DamageRecord;
  const bytes = fs.readFileSync(p);
  const from = Math.max(0, d.offset - 64);
  const raw = bytes.subarray(from, Math.min(bytes.length, d.offset + d.length + 64));
  const row: Row = {
    row: index, kind: 'damage', segment_index: 0, segment: d.segment, offset: d.offset, length: d.length, entry_type: null,
    transaction_id: '', collection: '', document_id: '', timestamp: '', time: null, has_data: false, id_utf8_valid: true,
    damage: d.damage, detail: d.detail, impact: d.impact!,
  };
  const detail: EntryDetail = {
    row, data: null, data_pretty: null, data_error: null, transaction_id_hex: '', collection_hex: '', document_id_hex: '', time_iso: null,
    raw: { offset: from, length: raw.length, base64: Buffer.from(raw).toString('base64'), truncated: false },
    spans: [{ field: 'damage', start: d.offset - from, end: d.offset - from + d.length, label: `${d.damage}: ${d.length} bytes` }],
    crc_stored: null, crc_computed: null, impact: d.impact!,
  };
  const info: SessionInfo = {
    session_id: 's1', input: p, kind: 'segment', wal_dir: null, collection_dir: null, collection: null,
    segments: [{ index: 0, name: file, path: p, compression: 'none', file_bytes: bytes.length, bytes: bytes.length, format: 'binary', active: true }],
    warnings: [], progress: { bytes_done: bytes.length, bytes_total: bytes.length, rows: records.length, entries: records.length - 1, damaged: 1, complete: true, error: null },
    first_time: null, last_time: null, following: false, opened_at: 0,
  };
  return { info, detail };
}

let repairCalls: { path: string }[] = [];
function show(info: SessionInfo, detail: EntryDetail) {
  const fake = createFakeApi({
    'entry.get': () => detail,
    'repair.apply': (args) => {
      repairCalls.push({ path: args.path });
      return { repaired: 1, unrepaired: 0, repairs: [], left_out: [], left_out_bytes: 0, segments: [], path: args.path, bytes: 0 } as never;
    },
  });
  setInspectorApi(fake.api);
  useAppStore.setState({ session: info, detail, selectedRow: detail.row.row });
  render(<DetailPane />);
}

beforeEach(() => {
  resetAppStore();
  repairCalls = [];
});
afterEach(() => cleanup());

describe('the detail pane of a damaged range says what it cost, in sentences', () => {
  it('a single-bit error: the sentence, the cause, the gap, the repaired entry, the flipped byte, the next steps', async () => {
    const { info, detail } = await damageDetail('damaged-data-bitflip.wal');
    show(info, detail);
    const pane = screen.getByTestId('damage-impact');
    expect(pane.querySelector('.damage-sentence')!.textContent).toMatch(
      /^1 entry lost: an Insert of order-1001 at \d\d:\d\d:\d\d\.\d{3} in transaction \S+, bytes 0x1b0–0x285; its CRC differs in one bit, so it can be repaired\.$/,
    );
    expect(pane.textContent).toContain('Likely cause: One bit differs (bit 5 of byte');
    expect(pane.textContent).toMatch(/Between the intact entries of .* and .* \(4\.4 s apart\)\./);
    const fields = screen.getByTestId('unverified-fields');
    expect(fields.textContent).toContain('The entry with that bit flipped back');
    expect(fields.textContent).toContain('order-1001');
    expect(fields.textContent).toContain('"items"');
    for (const name of ['Show in context', 'Recover the intact entries…', 'Committed only…', 'Write a repaired copy…']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    // The flipped byte is ringed in the hex view: 'I' (0x49) where the log had 'i' (0x69).
    const flipped = document.querySelectorAll('.hex-byte.hex-flipped');
    expect(flipped).toHaveLength(1);
    expect(flipped[0]!.textContent).toBe('49');
    expect(screen.getByTestId('hex-flipped-legend').textContent).toContain('flipped bit: bit 5 of this byte (data)');
  });

  it('"Write a repaired copy…" calls repair.apply with a new path beside the input', async () => {
    const { info, detail } = await damageDetail('damaged-data-bitflip.wal');
    show(info, detail);
    fireEvent.click(screen.getByRole('button', { name: 'Write a repaired copy…' }));
    const input = screen.getByLabelText('Path of the repaired copy') as HTMLInputElement;
    expect(input.value).toBe(repairedCopyPath(info));
    expect(input.value).toMatch(/damaged-data-bitflip\.repaired\.wal$/);
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    await waitFor(() => expect(screen.getByTestId('repair-result').textContent).toContain('1 entry repaired'));
    expect(repairCalls).toEqual([{ path: input.value }]);
  });

  it('a zeroed run across two entries: part 1 of 2 of one stretch, no repair offered', async () => {
    const { info, detail } = await damageDetail('damaged-zero-run.wal', 1);
    show(info, detail);
    const pane = screen.getByTestId('damage-impact');
    expect(pane.querySelector('.damage-sentence')!.textContent).toMatch(/^about 1 entry lost \(estimated from the size of the entries beside it\), bytes 0x916–0x9a4; \d+ bytes of it are zero/);
    expect(pane.textContent).toContain('Part 2 of 2 of one damaged stretch, bytes 0x888–0x9a4 (285 bytes); it touches evt-0001 (unverified).');
    expect(screen.queryByRole('button', { name: 'Write a repaired copy…' })).toBeNull();
    expect(document.querySelectorAll('.hex-flipped')).toHaveLength(0);
  });

  it('a torn tail names the entry it cut', async () => {
    const { info, detail } = await damageDetail('damaged-truncated.wal');
    show(info, detail);
    expect(screen.getByTestId('damage-impact').querySelector('.damage-sentence')!.textContent).toMatch(
      /^1 entry lost \(counted from the entry starts left in it\): an Insert of user-6 at .* \(its start only\), bytes 0xd69–0xdcc; the file ends inside it/,
    );
  });

  it('a stored CRC of 0 is never "changed after writing"', () => {
    render(<CrcStatus stored={0} computed={0x1234abcd} />);
    const text = screen.getByTestId('crc-status').textContent!;
    expect(text).toContain('no checksum was written (0x00000000)');
    expect(text).not.toContain('changed after writing');
  });
});
