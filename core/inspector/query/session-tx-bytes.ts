import { ByteWindow } from '../../wal/byte-source.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import { TX_IN_LINE } from '../index/index-layout.js';
import type { Session } from '../session.js';
import type { TxIdBytes } from './tx-groups.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const WINDOW = 256 << 10;
const NO_BYTES = new Uint8Array(0);

/**
 * Transaction id bytes of a session's rows, read through the session's own segment sources
 * (a compressed segment is not decompressed again). Synchronous while rows stay in one
 * segment, which is how transactionGroups asks for them (file order).
 */
export class SessionTxBytes implements TxIdBytes {
  private open: { index: number; window: ByteWindow } | null = null;

  constructor(private readonly session: Session) {}

  txBytes(row: number): Uint8Array | Promise<Uint8Array> {
    const s = this.session.store;
    const o = this.open;
    if (o?.index === s.segment(row)) return this.read(o.window, row);
    return this.opening(row);
  }

  private async opening(row: number): Promise<Uint8Array> {
    const index = this.session.store.segment(row);
    const source = await this.session.bytes.source(this.session.segments[index]!);
    this.open = { index, window: new ByteWindow(source, WINDOW) };
    return this.read(this.open.window, row);
  }

  private read(window: ByteWindow, row: number): Uint8Array {
    const s = this.session.store;
    const offset = s.offset(row);
    const at = s.txAt(row);
    if (at === TX_IN_LINE) {
      const length = s.length(row);
      window.ensure(offset, offset + length);
      const rel = offset - window.start;
      const d = decodeJsonlLine(trimLikeRust(decoder.decode(window.buf.subarray(rel, rel + length))));
      return d.ok ? trimmed(d.entry.transactionId) : NO_BYTES;
    }
    window.ensure(offset + at, offset + at + 32);
    const rel = offset + at - window.start;
    const buf = window.buf;
    let end = Math.min(rel + 32, window.end - window.start);
    while (end > rel && buf[end - 1] === 0) end--;
    return buf.subarray(rel, end);
  }
}

function trimmed(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}
