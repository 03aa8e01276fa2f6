import { type LogEntry } from '../../core/wal/log-entry.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { ENTRY_TYPES } from '../../core/wal/entry-type.js';

/** Small deterministic PRNG (mulberry32) so that generated logs and mutations are seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

/** A realistic mix: mostly Insert/Update with documents of varied size, some Delete and txn markers. */
export function randomEntry(rand: () => number, i: number, baseTs = 1_732_400_000_000n): LogEntry {
  const r = rand();
  const type = r < 0.45 ? 'Insert' : r < 0.8 ? 'Update' : r < 0.9 ? 'Delete' : ENTRY_TYPES[[0, 4, 5][Math.floor(rand() * 3)]!]!;
  const withData = type === 'Insert' || type === 'Update';
  const size = Math.floor(20 + rand() * rand() * 2000);
  const data = withData
    ? JSON.stringify({ i, name: randomId(rand, 8), note: 'x'.repeat(size), tags: ['a', 'b'], n: Math.floor(rand() * 1e6) })
    : null;
  return createEntry({
    entryType: type,
    transactionId: randomId(rand, 32),
    collection: ['users', 'orders', 'events'][Math.floor(rand() * 3)]!,
    documentId: `doc-${Math.floor(rand() * 5000)}`,
    timestamp: baseTs + BigInt(i * 37),
    data,
  });
}
