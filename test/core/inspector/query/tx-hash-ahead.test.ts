import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexLog } from '../../../../core/inspector/index/index-log.js';
import type { RowStore } from '../../../../core/inspector/index/row-store.js';
import { openLocation } from '../../../../core/inspector/open-location.js';
import { Session } from '../../../../core/inspector/session.js';
import { hashTxGroups, TxHasher, type HashedTxGroups } from '../../../../core/inspector/query/tx-groups.js';
import { buildTxTable } from '../../../../core/inspector/query/tx-table.js';
import { txState } from '../../../../core/inspector/query/tx-state.js';
import { transactionsPage } from '../../../../core/inspector/query/transactions.js';
import { generateTxLog } from '../../../bench/generate-tx-log.js';
import { seededRandom } from '../../../support/random-entries.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-tx-ahead-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// ~30 MB: indexed on two threads in pieces (split-scan from 8 MiB), transactions cut across them, rows across many chunks.
const ENTRIES = 120_000;
const file = path.join(tmp, 'tx.wal');
const { transactions } = generateTxLog(file, ENTRIES);

function plain(g: HashedTxGroups) {
  const rows = g.groupOf.length;
  return {
    rows, groups: g.groups, anyShared: g.anyShared, groupOf: Buffer.from(g.groupOf.buffer, g.groupOf.byteOffset, rows * 4).toString('base64'),
    firstRow: Array.from(g.firstRow.subarray(0, rows + 1)), shared: Array.from(g.shared.subarray(0, rows + 1)),
  };
}

async function indexed(): Promise<RowStore> {
  return indexLog([{ name: 'tx.wal', path: file, compression: 'none', fileBytes: fs.statSync(file).size }], { idsUtf8: true });
}

describe('TxHasher (hashing rows as they come)', () => {
  it('answers hashTxGroups\' groups, table and all, however the rows are cut into steps', async () => {
    const store = await indexed();
    expect(store.rows).toBe(ENTRIES);
    const whole = await hashTxGroups(store);
    expect(whole.groups).toBe(transactions);
    expect(whole.anyShared).toBe(true);
    const rand = seededRandom(11);
    for (const steps of [1, 2, 7, 40]) {
      const h = new TxHasher(1 << 10);
      // Step ends at random rows (mid-chunk, a chunk's end, the last row), each step yielding to the event loop as a session's does.
      const ends = Array.from({ length: steps - 1 }, () => Math.floor(rand() * ENTRIES)).sort((a, b) => a - b);
      for (const end of [...ends, 65_536, ENTRIES].sort((a, b) => a - b)) {
        const at = h.done;
        await h.extend(store, end, () => new Promise((r) => setImmediate(r)));
        expect(h.done).toBe(Math.max(at, end));
        // A copy of the groups so far: those of the first rows alone.
        if (end === 65_536) expect(plain(h.result(false))).toEqual(plain(await hashTxGroups(store, 65_536)));
      }
      const got = h.result(true);
      expect(plain(got), `${steps} steps`).toEqual(plain(whole));
      expect(await buildTxTable(store, got)).toEqual(await buildTxTable(store, whole));
      await expect(h.extend(store, ENTRIES + 1)).rejects.toThrow(/handed over/);
    }
  }, 60_000);
});

describe('a session hashing its transactions while it indexes', () => {
  let session: Session | undefined;
  afterAll(() => session?.close());

  it('answers the same transactions pages as grouping after indexing', async () => {
    let aheadSeen = 0;
    session = new Session({
      id: 'a', input: file, located: await openLocation(file), followPollMs: 1000,
      emit: (e) => {
        if (e.type !== 'index.progress' || !session) return;
        if (session.cache.lasting.has('tx-hash-ahead')) aheadSeen++;
      },
    });
    await session.indexer.whenDone();
    expect(aheadSeen, 'no grouping was made while indexing').toBeGreaterThan(0);
    const s = txState(session, true);
    expect(session.cache.lasting.has('tx-hash-ahead'), 'the grouping made ahead was handed over').toBe(false);
    const hashed = await s.hashed;
    const old = await hashTxGroups(session.store);
    expect(plain(hashed)).toEqual(plain(old));
    expect(await s.table).toEqual(await buildTxTable(session.store, old));
    // The pages the view asks for, against a session that groups after indexing (the way before).
    const other = new Session({ id: 'b', input: file, located: await openLocation(file), followPollMs: 1000, emit: () => {} });
    try {
      await other.indexer.whenDone();
      await new Promise((r) => setTimeout(r, 0));
      // Grouped from the start after indexing, as before: the state made in the background (perhaps from the grouping made ahead) dropped.
      other.cache.lasting.delete('tx-hash-ahead');
      other.cache.lasting.delete('tx-state');
      for (const args of [
        { offset: 0, limit: 200, status: ['committed', 'rolled-back', 'incomplete'] as const, sort: { key: 'first', direction: 'asc' } as const },
        { offset: 5_000, limit: 300, sort: { key: 'entries', direction: 'desc' } as const },
      ]) {
        const a = await transactionsPage(session, { ...args, status: args.status && [...args.status] });
        const b = await transactionsPage(other, { ...args, status: args.status && [...args.status] });
        expect(a.items.length).toBeGreaterThan(0);
        expect({ ...a, ids_confirmed: null }).toEqual({ ...b, ids_confirmed: null });
      }
    } finally {
      await other.close();
    }
  }, 120_000);
});
