import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../../core/verify/verify-log.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import type { WalRecord } from '../../../core/wal/records.js';
import { locateLog, verifyLocation } from '../../../core/inspector/use-cases/verify.js';
import { begin, commit, ins, makeStore, memoryStore, rollback, toRecords, upd } from '../store/store-fixture.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const DOCS = 50;
const bio = 'x'.repeat(300);

/** `rounds` transactions over the same DOCS documents, made as they are read (none kept). */
function* repeated(rounds: number): Generator<WalRecord> {
  let offset = 0;
  const at = (entry: ReturnType<typeof createEntry>): WalRecord => {
    const r: WalRecord = { kind: 'entry', segment: 'transactions.wal', offset, length: 400, entry };
    offset += 400;
    return r;
  };
  for (let n = 0; n < rounds; n++) {
    const transactionId = `t${n.toString(36)}`.padEnd(32, 'x');
    const base = { transactionId, collection: 'users', timestamp: 1_732_400_000_000n + BigInt(n) };
    yield at(createEntry({ ...base, entryType: 'Begin', documentId: 'transaction', data: null }));
    const d = n % DOCS;
    yield at(createEntry({ ...base, entryType: n < DOCS ? 'Insert' : 'Update', documentId: `doc-${d}`, data: `{"n":${n},"bio":"${bio}"}` }));
    yield at(createEntry({ ...base, entryType: 'Commit', documentId: 'transaction', data: null }));
  }
}

/** Heap in use (after a full GC) when `at` records have been read, during the verification. */
async function heapWhileReading(rounds: number, at: number[]): Promise<number[]> {
  const store = await memoryStore({});
  const out: number[] = [];
  await verifyLog(() => repeated(rounds), store, {
    onProgress: (p) => {
      if (p.phase === 'read' && at.includes(p.done)) {
        gc();
        out.push(process.memoryUsage().heapUsed);
      }
    },
  });
  return out;
}

describe('verification keeps per-document state, not per-entry', () => {
  it('the heap does not grow with repeated entries of the same documents', async () => {
    // 4096 records (progress comes every 4096), then 60× as many over the same 50 documents.
    const [early, late] = await heapWhileReading(90_000, [4096, 4096 * 60]);
    // Keeping each entry (its data, ~330 bytes, and position) would add well over 50 MB here.
    expect(late! - early!).toBeLessThan(4 * 2 ** 20);
  });
});

describe('a Begin after its operations', () => {
  const T = 'tx-late-000000000000000000000000';
  // The Insert carries T before T's Begin: it belongs to T, which is rolled back.
  const specs = [ins('a', '{"v":1}', T), begin(T), upd('b', '{"w":2}', T), rollback(T)];

  it('reads the chain again and gets the fates right (records given as an array or a function)', async () => {
    const expectOn = (r: Awaited<ReturnType<typeof verifyLog>>) => {
      const on = r.findings.filter((f) => f.kind === 'uncommitted-on-disk');
      expect(on.map((f) => [f.documentId, f.transactionId])).toEqual([['a', T], ['b', T]]);
    };
    const records = toRecords(specs);
    expectOn(await verifyLog(records, await memoryStore({ a: '{"v":1}', b: '{"w":2}' })));
    let reads = 0;
    expectOn(await verifyLog(() => (reads++, records), await memoryStore({ a: '{"v":1}', b: '{"w":2}' })));
    expect(reads).toBe(2);
  });

  it('a log whose transactions all begin first is read once', async () => {
    let reads = 0;
    const records = toRecords([begin(T), ins('a', '{"v":1}', T), commit(T), ins('c', '{}')]);
    const r = await verifyLog(() => (reads++, records), await memoryStore({ a: '{"v":1}', c: '{}' }));
    expect(reads).toBe(1);
    expect(r.passed).toBe(true);
  });

  it('verify of a collection on disk reads it again too (the use case gives its records as a function)', async () => {
    const store = await makeStore({ a: '{"v":1}', b: '{"w":2}' }, specs);
    try {
      const r = await verifyLocation(await locateLog(store.collDir), { store: store.collDir, listed: 'all' });
      expect(r.findings.filter((f) => f.kind === 'uncommitted-on-disk').map((f) => f.document_id)).toEqual(['a', 'b']);
    } finally {
      await store.cleanup();
    }
  });

  it('refuses, as a programming error, a one-shot source it would have to read twice', async () => {
    async function* once() {
      yield* toRecords(specs);
    }
    await expect(verifyLog(once(), await memoryStore({}))).rejects.toThrow(TypeError);
  });
});
