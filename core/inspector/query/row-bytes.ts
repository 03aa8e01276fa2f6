import { DECODE_CRC_MISMATCH, DECODE_OK, decodeLayout, layoutTimestamp, newLayout } from '../../wal/binary-layout.js';
import { ByteWindow, type ByteSource } from '../../wal/byte-source.js';
import { detectFormat } from '../../wal/detect-format.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import { openSegment } from '../../wal/read-log.js';
import type { WalFormatName } from '../../contract/contract-types.js';
import type { LocatedSegment } from '../open-location.js';
import { TX_IN_LINE } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const NO_BYTES = new Uint8Array(0);

/**
 * Reads back, outside a session, the few fields the row index does not keep: transaction id
 * bytes (to confirm rows whose hashes agree) and exact timestamps past 2^53. Rows are best
 * read in ascending order: one segment is open at a time, read through a window.
 */
export class RowBytes {
  private open: { index: number; source: ByteSource; window: ByteWindow; format: WalFormatName } | null = null;

  constructor(private readonly store: RowStore, private readonly segments: readonly LocatedSegment[], private readonly format?: WalFormatName) {}

  private async segment(index: number) {
    if (this.open?.index === index) return this.open;
    this.close();
    const seg = this.segments[index]!;
    const { source } = await openSegment(seg);
    const format = this.format ?? (source.size() > 0 ? detectFormat(source) : 'binary');
    this.open = { index, source, window: new ByteWindow(source, 64 << 10), format };
    return this.open;
  }

  private async line(row: number): Promise<ReturnType<typeof decodeJsonlLine>> {
    const o = await this.segment(this.store.segment(row));
    const at = this.store.offset(row);
    const len = this.store.length(row);
    o.window.ensure(at, at + len);
    return decodeJsonlLine(trimLikeRust(decoder.decode(o.window.buf.subarray(at - o.window.start, at - o.window.start + len))));
  }

  /** The transaction id of an entry row without its zero padding (a view valid until the next call). */
  txBytes(row: number): Uint8Array | Promise<Uint8Array> {
    const s = this.store;
    const o = this.open;
    // Synchronous while the row's segment is open (the common case: rows in file order).
    if (o?.index === s.segment(row) && s.txAt(row) !== TX_IN_LINE) return this.rawTx(o.window, row);
    return this.txBytesOpening(row);
  }

  private async txBytesOpening(row: number): Promise<Uint8Array> {
    const s = this.store;
    if (s.txAt(row) === TX_IN_LINE) {
      const d = await this.line(row);
      return d.ok ? trimmed(d.entry.transactionId) : NO_BYTES;
    }
    return this.rawTx((await this.segment(s.segment(row))).window, row);
  }

  private rawTx(window: ByteWindow, row: number): Uint8Array {
    const s = this.store;
    const o = { window };
    const at = s.offset(row) + s.txAt(row);
    o.window.ensure(at, at + 32);
    const rel = at - o.window.start;
    return trimmed(o.window.buf.subarray(rel, rel + 32));
  }

  /** The exact u64 timestamp of an entry row, read from its bytes. */
  async timestamp(row: number): Promise<bigint> {
    const s = this.store;
    if (s.txAt(row) === TX_IN_LINE) {
      const d = await this.line(row);
      if (d.ok) return d.entry.timestamp;
    } else {
      const o = await this.segment(s.segment(row));
      const at = s.offset(row);
      o.window.ensure(at, at + s.length(row));
      const l = newLayout();
      const st = decodeLayout(o.window.buf, at - o.window.start, at - o.window.start + s.length(row), l);
      if (st === DECODE_OK || st === DECODE_CRC_MISMATCH) return layoutTimestamp(o.window.buf, l);
    }
    return BigInt(s.time(row)); // the entry no longer decodes (the file changed): the index's value
  }

  close(): void {
    this.open?.source.close();
    this.open = null;
  }
}

function trimmed(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}
