import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { GOLDEN } from '../support/paths.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';

const basic = () => fs.readFileSync(path.join(GOLDEN, 'basic.wal'));

describe('repair', () => {
  it('a flipped data bit (golden damaged-data-bitflip.wal) comes back as basic.wal, byte for byte; exit 0', async () => {
    const out = path.join(tempDir('repair-cli-'), 'fixed.wal');
    const r = await runCliCaptured(['repair', path.join(GOLDEN, 'damaged-data-bitflip.wal'), out]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).equals(basic())).toBe(true);
    // "items" → "Items": bit 5 of the byte, 0x49 → 0x69.
    expect(r.stdout).toMatch(/^repaired damaged-data-bitflip\.wal:432 \(214 bytes, Insert order-1001\): bit \d+ in the data, byte 511 0x49 → 0x69\n1 repaired, 0 left out \(0 bytes\), 30 intact entries; written to .*fixed\.wal\n$/);
  });

  it('a flipped length varint (golden damaged-length-varint.wal), --json: the repair, what it was, and nothing left out', async () => {
    const out = path.join(tempDir('repair-cli-'), 'fixed.wal');
    const r = await runCliCaptured(['repair', path.join(GOLDEN, 'damaged-length-varint.wal'), out, '--json']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).equals(basic())).toBe(true);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ repaired: 1, unrepaired: 0, left_out: [], left_out_bytes: 0, entries: 30, path: out, bytes: basic().length });
    expect(result.repairs).toEqual([{
      segment: 'damaged-length-varint.wal', offset: 1420, length: 120, bit: 75 * 8 + 7, byte_offset: 1495, before: 0xa8, after: 0x28,
      field: 'data-length', damage: ['undecodable'], entry_type: 'Insert', transaction_id: 'mzploohftkdee36brmdev2ttf3e9ajlx', document_id: 'user-3',
    }]);
    expect(r.stderr).toMatch(/^1 repaired, 0 left out \(0 bytes\), 30 intact entries; written to /);
  });

  it('a zeroed run is left out, one line each and the total; exit 1', async () => {
    const out = path.join(tempDir('repair-cli-'), 'fixed.wal');
    const r = await runCliCaptured(['repair', path.join(GOLDEN, 'damaged-zero-run.wal'), out]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'left out crc-mismatch at damaged-zero-run.wal:2184, 142 bytes: no single-bit change makes it one entry with a valid CRC',
      'left out undecodable at damaged-zero-run.wal:2326, 143 bytes: no single-bit change makes it one entry with a valid CRC',
      expect.stringMatching(/^0 repaired, 2 left out \(285 bytes\), 29 intact entries; written to /), '',
    ]);
    const b = basic();
    expect(fs.readFileSync(out).equals(Buffer.concat([b.subarray(0, 2184), b.subarray(2184 + 285)]))).toBe(true);
  });

  it('--dry-run writes nothing; an existing output is refused by name (exit 2); so is a missing one', async () => {
    const dir = tempDir('repair-cli-');
    const dry = await runCliCaptured(['repair', path.join(GOLDEN, 'damaged-data-bitflip.wal'), '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ repaired: 1, unrepaired: 0 });
    expect(JSON.parse(dry.stdout).path).toBeUndefined();
    const out = path.join(dir, 'taken.wal');
    fs.writeFileSync(out, 'x');
    const r = await runCliCaptured(['repair', path.join(GOLDEN, 'damaged-data-bitflip.wal'), out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${out} already exists`);
    expect(fs.readFileSync(out, 'utf8')).toBe('x');
    expect(fs.readdirSync(dir)).toEqual(['taken.wal']);
    const usage = await runCliCaptured(['repair', path.join(GOLDEN, 'basic.wal')]);
    expect(usage.code).toBe(2);
  });
});
