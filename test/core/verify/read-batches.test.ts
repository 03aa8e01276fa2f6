import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogBatches } from '../../../core/wal/read-log-batches.js';
import { verifyLog } from '../../../core/verify/verify-log.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import type { WalRecord } from '../../../core/wal/records.js';
import { GOLDEN } from '../../support/paths.js';
import { begin, commit, del, ins, rollback, toRecords, upd, walBytes } from '../store/store-fixture.js';

const LOGS = [...readdirSync(GOLDEN).filter((f) => /\.(wal|jsonl)$/.test(f) && !f.includes('.expected')), 'chain'];

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('readLogBatches', () => {
  it.each(LOGS)('%s: the records readLog gives, in its order (entries, damage, compressed segments)', async (name) => {
    const location = await locateLog(join(GOLDEN, name));
    const batches = await all(readLogBatches(location));
    expect(batches.flat()).toEqual(await all(readLog(location)));
    expect(batches.every((b) => b.length > 0)).toBe(true);
  });

  it('cuts a long segment into batches that keep their bytes after the window moved on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wal-inspector-batches-'));
    try {
      const specs = Array.from({ length: 10_000 }, (_, i) => ins(`d${i}`, JSON.stringify({ i, pad: 'x'.repeat(i % 300) })));
      await writeFile(join(dir, 'transactions.wal'), walBytes(specs));
      const location = await locateLog(join(dir, 'transactions.wal'));
      const batches = await all(readLogBatches(location));
      expect(batches.length).toBeGreaterThan(2);
      expect(batches.flat()).toEqual(await all(readLog(location)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('verifyLog over batches', () => {
  it('gives what it gives record by record, and which documents the log deletes last', async () => {
    const T = 'tx-rolled-00000000000000000000x1';
    const records = toRecords([
      ins('a', '{"v":1}'), del('a'), ins('b', '{"v":1}'), del('b'), upd('b', '{"v":2}'), begin(T), del('c', T), rollback(T),
      ins('d', '{}'), begin('tx-commit-0000000000000000000000x2'), del('d', 'tx-commit-0000000000000000000000x2'), commit('tx-commit-0000000000000000000000x2'),
    ]);
    const batched: (readonly WalRecord[])[] = [records.slice(0, 5), records.slice(5)];
    const one = await verifyLog(records, undefined);
    const two = await verifyLog((async function* () { yield* batched; })(), undefined);
    expect(two).toEqual(one);
    // A rolled-back Delete is still the last operation the log holds for `c`.
    expect([...one.deletedLast!].sort()).toEqual(['a', 'c', 'd']);
  });
});
