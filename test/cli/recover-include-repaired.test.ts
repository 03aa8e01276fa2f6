import { afterEach, describe, expect, it } from 'vitest';
import { ins, liveData, makeStore, walBytes, type TestStore } from '../core/store/store-fixture.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

/** Three inserts; the middle one has one flipped bit in its data, so without repair it is a lost range. */
async function storeWithFlippedBit(): Promise<TestStore> {
  const entries = [ins('a', '{"v":1}'), ins('b', '{"name":"Bob"}'), ins('c', '{"v":3}')];
  const bytes = walBytes(entries);
  const first = walBytes(entries.slice(0, 1)).length;
  const second = walBytes(entries.slice(1, 2)).length;
  const at = first + second - 4 - 3; // the last b of "Bob" becomes B
  bytes[at] = bytes[at]! ^ 0x20;
  const s = await makeStore({}, bytes);
  stores.push(s);
  return s;
}

describe('recover --include-repaired', () => {
  it('off (the default): the flipped entry is lost, and the preview says one bit explains it', async () => {
    const s = await storeWithFlippedBit();
    const r = await runCliCaptured(['recover', s.collDir, '--mode', 'safe', '--dry-run', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.changes.map((c: { document_id: string }) => c.document_id)).toEqual(['a', 'c']);
    expect(out.lost).toHaveLength(1);
    expect(out.include_repaired).toBe(false);
    expect(out.repaired_entries).toBeUndefined();
    expect(out.notes).toContain('1 of the lost ranges is a single-bit error: --include-repaired (include_repaired) replays the repaired entry');
  });

  it('on: the repaired entry is replayed, listed and its change marked; applying writes it', async () => {
    const s = await storeWithFlippedBit();
    const dry = await runCliCaptured(['recover', s.collDir, '--mode', 'safe', '--dry-run', '--json', '--include-repaired']);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.lost).toEqual([]);
    expect(plan.include_repaired).toBe(true);
    expect(plan.repaired_entries).toEqual([expect.objectContaining({ document_id: 'b', entry_type: 'Insert', field: 'data', before: 0x42, after: 0x62, damage: ['crc-mismatch'] })]);
    expect(plan.changes.map((c: { document_id: string; includes_repaired?: boolean }) => [c.document_id, c.includes_repaired ?? false]))
      .toEqual([['a', false], ['b', true], ['c', false]]);
    expect(plan.notes).toContain('1 entry was repaired (one flipped bit each, located by the CRC) and is replayed as read back');
    const human = await runCliCaptured(['recover', s.collDir, '--mode', 'safe', '--dry-run', '--include-repaired']);
    expect(human.stdout).toContain('note: 1 entry was repaired');

    const applied = await runCliCaptured(['recover', s.collDir, '--mode', 'safe', '--yes', '--json', '--include-repaired']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).repaired_entries).toEqual(plan.repaired_entries);
    expect(await liveData(s.collDir)).toEqual({ a: '{"v":1}', b: '{"name":"Bob"}', c: '{"v":3}' });
  });

  it('--committed-only reads the log twice: each repaired entry is listed once', async () => {
    const s = await storeWithFlippedBit();
    const r = await runCliCaptured(['recover', s.collDir, '--mode', 'force', '--dry-run', '--json', '--include-repaired', '--committed-only']);
    expect(JSON.parse(r.stdout).repaired_entries).toHaveLength(1);
  });
});
