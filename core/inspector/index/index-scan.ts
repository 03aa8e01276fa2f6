import { layoutTimestampNumber } from '../../wal/binary-layout.js';
import { BinaryScanner, SCAN_DAMAGE, SCAN_END } from '../../wal/binary-scanner.js';
import type { ByteWindow } from '../../wal/byte-source.js';
import { entryTypeIndex } from '../../wal/entry-type.js';
import { JsonlScanner } from '../../wal/jsonl-scanner.js';
import type { WalFormatName } from '../contract-types.js';
import { TX_IN_LINE } from './index-layout.js';
import type { IndexWriter } from './index-writer.js';

export interface ScanOptions {
  readonly segment: number;
  readonly format: WalFormatName;
  readonly startAt: number;
  /** Follow: an incomplete entry at the end is waited for, not reported. */
  readonly holdIncompleteTail: boolean;
  /** Called every few thousand rows with the scan position; return false to stop early. */
  readonly tick: (pos: number) => boolean;
}

const TICK_EVERY = 4096;

/**
 * Scans one (decompressed) segment from `startAt` into the index, on the core's
 * allocation-free scanners. Returns the position where scanning stopped.
 */
export function scanSegment(writer: IndexWriter, window: ByteWindow, o: ScanOptions): number {
  return o.format === 'jsonl' ? scanJsonl(writer, window, o) : scanBinary(writer, window, o);
}

function scanBinary(writer: IndexWriter, window: ByteWindow, o: ScanOptions): number {
  const s = new BinaryScanner(window, { holdIncompleteTail: o.holdIncompleteTail });
  s.pos = o.startAt;
  const l = s.layout;
  let n = 0;
  for (;;) {
    const step = s.next();
    if (step === SCAN_END) return s.pos;
    if (step === SCAN_DAMAGE) {
      writer.addDamage(o.segment, s.damageOffset, s.damageLength, s.damageKind, s.damageDetail);
    } else {
      const buf = window.buf;
      writer.addEntry(
        o.segment, s.entryOffset, s.entryLength, l.typeIndex, layoutTimestampNumber(buf, l), l.dataLen >= 0,
        writer.intern(buf, l.colStart, l.colLen), writer.intern(buf, l.docStart, l.docLen),
        buf, l.txStart, 32, l.txStart - (s.entryOffset - window.start),
      );
    }
    if (++n % TICK_EVERY === 0 && !o.tick(s.pos)) return s.pos;
  }
}

function scanJsonl(writer: IndexWriter, window: ByteWindow, o: ScanOptions): number {
  const s = new JsonlScanner(window, { holdIncompleteTail: o.holdIncompleteTail });
  s.pos = o.startAt;
  let n = 0;
  for (;;) {
    const step = s.next();
    if (step.kind === 'end') return s.pos;
    if (step.kind === 'damage') {
      writer.addDamage(o.segment, step.offset, step.length, 'invalid-json-line', step.detail);
    } else {
      const e = step.entry;
      writer.addEntry(
        o.segment, step.offset, step.length, entryTypeIndex(e.entryType), Number(e.timestamp), e.data !== null,
        writer.intern(e.collection, 0, e.collection.length), writer.intern(e.documentId, 0, e.documentId.length),
        e.transactionId, 0, e.transactionId.length, TX_IN_LINE,
      );
    }
    if (++n % TICK_EVERY === 0 && !o.tick(s.pos)) return s.pos;
  }
}
