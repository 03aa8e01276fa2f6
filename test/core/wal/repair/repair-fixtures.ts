import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { BufferByteSource } from '../../../../core/wal/byte-source.js';
import { DECODE_OK, decodeLayout, newLayout, type EntryLayout } from '../../../../core/wal/binary-layout.js';
import { repairSteps, type RepairStep } from '../../../../core/wal/repair/repair-steps.js';
import { readSegmentRecords } from '../../../../core/wal/segment-reader.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import { randomEntry, randomId, seededRandom } from '../../../support/random-entries.js';

/** An Insert (or Delete without data when size is null) whose data text is `size` bytes. */
export function entryOfSize(size: number | null, seed: number): Uint8Array {
  const rand = seededRandom(seed);
  const data = size === null ? null : size < 2 ? 'x'.repeat(size) : JSON.stringify({ n: randomId(rand, Math.max(0, size - 8)) }).slice(0, size);
  return encodeBinaryEntry(createEntry({
    entryType: size === null ? 'Delete' : 'Insert', transactionId: randomId(rand, 32), collection: 'orders',
    documentId: `order-${seed}`, timestamp: 1_732_400_000_000n + BigInt(seed) * 7919n, data,
  }));
}

export function layoutOf(entry: Uint8Array): EntryLayout {
  const l = newLayout();
  if (decodeLayout(entry, 0, entry.length, l) !== DECODE_OK) throw new Error('fixture entry does not decode');
  return l;
}

/** Byte positions of every kind of field of an entry, named. */
export function fieldPositions(entry: Uint8Array): Array<[string, number]> {
  const l = layoutOf(entry);
  const out: Array<[string, number]> = [['type', 0]];
  for (let p = l.txLenPos; p < l.txStart; p++) out.push(['tx-length', p]);
  out.push(['tx-id first', l.txStart], ['tx-id last', l.txStart + 31]);
  for (let p = l.colLenPos; p < l.colStart; p++) out.push(['collection-length', p]);
  out.push(['collection', l.colStart]);
  for (let p = l.docLenPos; p < l.docStart; p++) out.push(['document-length', p]);
  out.push(['document-id', l.docStart], ['document-id padding', l.docStart + l.docLen - 1]);
  for (let p = l.tsStart; p < l.tsEnd; p++) out.push([`timestamp byte ${p - l.tsStart}`, p]);
  out.push(['data tag', l.tagPos]);
  if (l.dataLenPos >= 0) for (let p = l.dataLenPos; p < l.dataStart; p++) out.push([`data-length byte ${p - l.dataLenPos}`, p]);
  if (l.dataLen > 0) out.push(['data first', l.dataStart], ['data middle', l.dataStart + (l.dataLen >> 1)], ['data last', l.dataStart + l.dataLen - 1]);
  for (let p = l.crcPos; p < l.end; p++) out.push([`crc byte ${p - l.crcPos}`, p]);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The repair steps of a whole file held in memory. */
export function stepsOf(file: Uint8Array): RepairStep[] {
  const source = new BufferByteSource('t.wal', file);
  return [...repairSteps(source, readSegmentRecords(source), 'binary')];
}

/** A seeded log of `count` realistic entries; returns the file bytes and each entry's [start, end). */
export function seededLog(count: number, seed: number): { bytes: Uint8Array; spans: Array<[number, number]> } {
  const rand = seededRandom(seed);
  const entries: Uint8Array[] = [];
  for (let i = 0; i < count; i++) entries.push(encodeBinaryEntry(randomEntry(rand, i)));
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const e of entries) {
    spans.push([at, at + e.length]);
    at += e.length;
  }
  return { bytes: concat(entries), spans };
}

/**
 * Flips one bit in each of `count` entries (never two neighbours), at a seeded position
 * anywhere in the entry; returns the damaged copy and the entries hit.
 */
export function flipBits(log: { bytes: Uint8Array; spans: Array<[number, number]> }, count: number, seed: number): { bytes: Uint8Array; hit: number[] } {
  const rand = seededRandom(seed);
  const bytes = log.bytes.slice();
  const hit = new Set<number>();
  while (hit.size < count) {
    const i = Math.floor(rand() * log.spans.length);
    if (hit.has(i) || hit.has(i - 1) || hit.has(i + 1)) continue;
    hit.add(i);
    const [a, b] = log.spans[i]!;
    const at = a + Math.floor(rand() * (b - a));
    bytes[at] = bytes[at]! ^ (1 << Math.floor(rand() * 8));
  }
  return { bytes, hit: [...hit].sort((x, y) => x - y) };
}
