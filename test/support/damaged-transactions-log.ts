import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import type { EntryType } from '../../core/wal/entry-type.js';
import { createEntry } from '../../core/wal/new-entry.js';

const BASE = 1_732_400_000_000n;

/**
 * A log with damaged transactions, for stats, Transactions, Verify and recovery tests:
 * - txn-a: Begin, Insert order-1 (CRC broken: its fields still decode, unverified), Insert order-2, Commit;
 * - txn-b: Begin, Insert order-3, 40 foreign bytes (no fields), Insert order-4, Commit;
 * - txn-c: Begin, Insert order-5, Commit (intact);
 * - solo-1: an Insert of order-6, its own transaction, CRC broken (the transaction is lost whole);
 * - solo-2: an Insert of order-7, intact.
 * Damaged: txn-a (unverified entry), txn-b (a range inside it), solo-1 (lost whole).
 */
export function damagedTransactionsLog(): { bytes: Buffer; damagedIds: string[] } {
  let i = 0;
  const e = (type: EntryType, tx: string, doc: string) => Buffer.from(encodeBinaryEntry(createEntry({
    entryType: type, transactionId: tx, collection: 'orders', documentId: doc, timestamp: BASE + BigInt(1000 * i++),
    data: type === 'Insert' ? JSON.stringify({ doc, total: i }) : null,
  })));
  const broken = (b: Buffer) => {
    b[b.length - 8]! ^= 0x01; // a data byte: the fields still decode, the CRC does not hold
    return b;
  };
  const foreign = Buffer.from(Array.from({ length: 40 }, (_, k) => 0x80 | ((k * 37) & 0x7f)));
  const parts = [
    e('Begin', 'txn-a', 'txn-a'), broken(e('Insert', 'txn-a', 'order-1')), e('Insert', 'txn-a', 'order-2'), e('Commit', 'txn-a', 'txn-a'),
    e('Begin', 'txn-b', 'txn-b'), e('Insert', 'txn-b', 'order-3'), foreign, e('Insert', 'txn-b', 'order-4'), e('Commit', 'txn-b', 'txn-b'),
    e('Begin', 'txn-c', 'txn-c'), e('Insert', 'txn-c', 'order-5'), e('Commit', 'txn-c', 'txn-c'),
    broken(e('Insert', 'solo-1', 'order-6')), e('Insert', 'solo-2', 'order-7'),
  ];
  return { bytes: Buffer.concat(parts), damagedIds: ['txn-a', 'txn-b', 'solo-1'] };
}
