import * as zlib from 'node:zlib';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { randomId, seededRandom } from './random-entries.js';

/** Rewrites the entry's CRC (its last four bytes) to match its fields; returns it. */
export function withValidCrc(entry: Buffer): Buffer {
  entry.writeUInt32LE(zlib.crc32(entry.subarray(0, entry.length - 4)), entry.length - 4);
  return entry;
}

/** An entry whose data bytes are exactly `data` (any bytes, valid UTF-8 or not), with a valid CRC. */
export function entryWithData(data: Uint8Array, i = 0): Buffer {
  const e = Buffer.from(encodeBinaryEntry(createEntry({
    entryType: 'Insert', transactionId: randomId(seededRandom(i), 32), collection: 'users', documentId: `doc-${i}`,
    timestamp: 1_732_400_000_000n + BigInt(i), data: 'x'.repeat(data.length),
  })));
  e.set(data, e.length - 4 - data.length);
  return withValidCrc(e);
}

/** An intact entry whose every byte is ASCII, so that it can hide inside another entry's data. */
export function asciiEntry(): Buffer {
  const rand = seededRandom(3);
  for (;;) {
    const e = withValidCrc(Buffer.from(encodeBinaryEntry(createEntry({
      entryType: 'Delete', transactionId: randomId(rand, 32), collection: 'users', documentId: randomId(rand, 10), timestamp: 100n, data: null,
    }))));
    if (e.every((b) => b < 0x80)) return e;
  }
}
