import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../../core/verify/verify-log.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { damagedTransactionsLog } from '../../support/damaged-transactions-log.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-damaged-tx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("Verify's findings name the damaged transactions", () => {
  it('one damaged-transaction finding per transaction, saying how it was damaged', async () => {
    const file = path.join(dir, 'damaged.wal');
    fs.writeFileSync(file, damagedTransactionsLog().bytes);
    const location = await locateLog(file);
    const result = await verifyLog(() => readLog(location), undefined);
    const found = result.findings.filter((f) => f.kind === 'damaged-transaction');
    expect(found.map((f) => f.transactionId).sort()).toEqual(['solo-1', 'txn-a', 'txn-b']);
    const a = found.find((f) => f.transactionId === 'txn-a')!;
    expect(a.documentId).toBe('order-1');
    expect(a.description).toMatch(/an Insert of order-1 is unverified \(crc-mismatch at damaged\.wal:\d+/);
    const b = found.find((f) => f.transactionId === 'txn-b')!;
    expect(b.description).toContain('a damaged range lies between its Begin and its end');
    // Findings never change the verdict.
    expect(found.every((f) => f.segment === 'damaged.wal' && typeof f.offset === 'number')).toBe(true);
  });

  it('a range inside a transaction that never ends, or before one begins: only the open one is damaged', async () => {
    const { createEntry } = await import('../../../core/wal/new-entry.js');
    const at = (offset: number, type: 'Begin' | 'Insert', tx: string) => ({
      kind: 'entry' as const, segment: 's.wal', offset, length: 10,
      entry: createEntry({ entryType: type, transactionId: tx, collection: 'c', documentId: `d${offset}`, timestamp: BigInt(offset), data: type === 'Insert' ? '{}' : null }),
    });
    const records = [
      at(0, 'Begin', 'open-1'), at(10, 'Insert', 'open-1'),
      { kind: 'damage' as const, segment: 's.wal', offset: 20, length: 7, damage: 'undecodable' as const, detail: 'x' },
      { kind: 'damage' as const, segment: 's.wal', offset: 27, length: 3, damage: 'undecodable' as const, detail: 'x' },
      at(30, 'Begin', 'later'), at(40, 'Insert', 'later'),
    ];
    const result = await verifyLog(records, undefined);
    const found = result.findings.filter((f) => f.kind === 'damaged-transaction');
    expect(found.map((f) => f.transactionId)).toEqual(['open-1']);
    expect(found[0]!.offset).toBe(20);
    expect(found[0]!.description).toContain('and 1 more damaged range touches it');
  });
});
