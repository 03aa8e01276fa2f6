import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeJsonlEntry } from '../../../../core/wal/jsonl-codec.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import { WalWriter } from '../../../../core/wal/writer/index.js';
import { makeEntries, tempDir } from '../compression/wal-bytes.js';
import { readBack } from './read-back.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('wal-writer-j-'));
});
afterEach(() => cleanup());

describe('JSON Lines format', () => {
  it('writes one line per entry, as the original to_json() + "\\n", and rotates by count', async () => {
    const entries = makeEntries(7, 20);
    let t = 1_700_000_000_000;
    const w = await WalWriter.open(dir, { format: 'jsonl', maxRecordsPerFile: 4, compression: 'none' }, { clock: () => (t += 1000) });
    await w.appendMany(entries);
    await w.close();
    expect(await readFile(join(dir, 'transactions.1700000001.wal'), 'utf8')).toBe(entries.slice(0, 4).map(encodeJsonlEntry).join(''));
    expect(await readFile(join(dir, 'transactions.wal'), 'utf8')).toBe(entries.slice(4).map(encodeJsonlEntry).join(''));
  });

  it('reopening counts non-blank lines and never glues an entry to a cut line', async () => {
    const entries = makeEntries(3, 21);
    const w1 = await WalWriter.open(dir, { format: 'jsonl', compression: 'none' });
    await w1.appendMany(entries.slice(0, 2));
    await w1.close();
    await appendFile(join(dir, 'transactions.wal'), '\n  \n{"collection":"users","da');
    const w2 = await WalWriter.open(dir, { format: 'jsonl', compression: 'none' });
    expect(w2.existing).toMatchObject({ format: 'jsonl', entries: 3, endsMidLine: true });
    expect(w2.entryCount()).toBe(3);
    await w2.append(entries[2]!);
    await w2.close();
    const text = await readFile(join(dir, 'transactions.wal'), 'utf8');
    expect(text.endsWith('{"collection":"users","da\n' + encodeJsonlEntry(entries[2]!))).toBe(true);
  });
});

describe('transactions', () => {
  it('Begin, entries and Commit/Rollback share one id', async () => {
    const w = await WalWriter.open(join(dir, 'users', '.wal'), { compression: 'none' }, { clock: () => 1_700_000_000_123 });
    const tx = await w.begin({ documentId: 'txn-1' });
    expect(tx).toHaveLength(32);
    expect(w.openTransactions()).toEqual([tx]);
    await w.append(createEntry({ entryType: 'Insert', transactionId: tx, collection: 'users', documentId: 'u1', data: '{"a":1}' }));
    await w.commit(tx, { documentId: 'txn-1' });
    const tx2 = await w.begin();
    await w.rollback(tx2);
    expect(w.openTransactions()).toEqual([]);
    await expect(w.commit(tx)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await w.close();
    const [seg] = await readBack(join(dir, 'users', '.wal'));
    const text = seg!.entries.map((e) => JSON.parse(encodeJsonlEntry(e)) as Record<string, unknown>);
    expect(text.map((e) => [e.entry_type, e.transaction_id, e.collection, e.document_id])).toEqual([
      ['Begin', tx, 'users', 'txn-1'],
      ['Insert', tx, 'users', 'u1'],
      ['Commit', tx, 'users', 'txn-1'],
      ['Begin', tx2, 'users', ''],
      ['Rollback', tx2, 'users', ''],
    ]);
    expect(text[0]!.timestamp).toBe(1_700_000_000_123);
  });
});
