import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { ENTRY_TYPES } from '../../../../core/wal/entry-type.js';
import { type LogEntry } from '../../../../core/wal/log-entry.js';
import { createEntry } from '../../../../core/wal/new-entry.js';

/** Deterministic pseudo-random numbers (tests must not depend on Math.random). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/** Realistic entries: all six types, with and without data, varied ids and documents. */
export function makeEntries(count: number, seed = 1): LogEntry[] {
  const r = rng(seed);
  const out: LogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const type = ENTRY_TYPES[i % ENTRY_TYPES.length]!;
    const hasData = type === 'Insert' || type === 'Update';
    const doc = { name: `User ${i}`, email: `u${i}@example.com`, score: Math.floor(r() * 1e6), tags: ['a', 'b'].slice(0, 1 + (i % 2)), note: 'x'.repeat(Math.floor(r() * 200)) };
    out.push(
      createEntry({
        entryType: type,
        transactionId: `tx${String(i).padStart(10, '0')}${Math.floor(r() * 1e9).toString(36)}`.padEnd(32, 'q').slice(0, 32),
        collection: 'users',
        documentId: `user-${i}`,
        timestamp: 1732400000000n + BigInt(i),
        data: hasData ? JSON.stringify(doc) : null,
      }),
    );
  }
  return out;
}

export function walBytes(entries: readonly LogEntry[]): Buffer {
  return Buffer.concat(entries.map((e) => encodeBinaryEntry(e)));
}

/** Whole WAL entries, at least `size` bytes of them. */
export function walBytesOfSize(size: number, seed = 1): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  let n = 0;
  while (total < size) {
    const chunk = walBytes(makeEntries(500, seed + n++));
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts);
}

export async function tempDir(prefix = 'wal-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
