import { layoutTimestamp, layoutTimestampNumber, type EntryLayout } from './binary-layout.js';
import type { LogEntry } from './log-entry.js';
import { decodeUtf8 } from './utf8.js';

/**
 * One entry's fields read where they lie, without building an entry object: a reader moves
 * it from entry to entry (`atLayout` over a scanner's window, `atEntry` over a decoded entry)
 * and a pass over millions of entries asks only for what it uses. The bytes are borrowed:
 * valid until the cursor moves (copy what is kept). Text is built on demand only.
 */
export class EntryCursor {
  /** ENTRY_TYPES index. */
  typeIndex = 0;
  segment = '';
  offset = 0;
  /** The document id: bytes [docStart, docStart + docLen) of docBuf. */
  docBuf: Uint8Array = EMPTY;
  docStart = 0;
  docLen = 0;
  /** The transaction id: 32 bytes from txStart of txBuf. */
  txBuf: Uint8Array = EMPTY;
  txStart = 0;
  private buf: Uint8Array = EMPTY;
  private layout: EntryLayout | null = null;
  private entry: LogEntry | null = null;

  /** An intact binary entry in a scanner's window (the layout decoded OK). */
  atLayout(buf: Uint8Array, l: EntryLayout, segment: string, offset: number): this {
    this.typeIndex = l.typeIndex;
    this.segment = segment;
    this.offset = offset;
    this.docBuf = buf;
    this.docStart = l.docStart;
    this.docLen = l.docLen;
    this.txBuf = buf;
    this.txStart = l.txStart;
    this.buf = buf;
    this.layout = l;
    this.entry = null;
    return this;
  }

  /** A decoded entry (JSON Lines, a repaired entry, a record source). */
  atEntry(typeIndex: number, entry: LogEntry, segment: string, offset: number): this {
    this.typeIndex = typeIndex;
    this.segment = segment;
    this.offset = offset;
    this.docBuf = entry.documentId;
    this.docStart = 0;
    this.docLen = entry.documentId.length;
    this.txBuf = entry.transactionId;
    this.txStart = 0;
    this.layout = null;
    this.entry = entry;
    return this;
  }

  /**
   * The timestamp: a number when it is a safe integer (any real clock), else the bigint. Either
   * compares exactly with a number or a bigint (JavaScript compares the two by value), and the
   * number costs no allocation.
   */
  time(): number | bigint {
    const l = this.layout;
    if (l === null) return this.entry!.timestamp;
    // Seven varint bytes hold 49 bits: exact as a double.
    return l.tsEnd - l.tsStart <= 7 ? layoutTimestampNumber(this.buf, l) : layoutTimestamp(this.buf, l);
  }

  timestamp(): bigint {
    const l = this.layout;
    return l === null ? this.entry!.timestamp : layoutTimestamp(this.buf, l);
  }

  /** The data as text (decoded now: call once), or null. */
  data(): string | null {
    const l = this.layout;
    if (l === null) return this.entry!.data;
    return l.dataLen < 0 ? null : decodeUtf8(this.buf.subarray(l.dataStart, l.dataStart + l.dataLen));
  }

  /** The data's UTF-8 bytes, borrowed, when the entry lies in a window (null otherwise, or without data). */
  dataBytes(): Uint8Array | null {
    const l = this.layout;
    return l === null || l.dataLen < 0 ? null : this.buf.subarray(l.dataStart, l.dataStart + l.dataLen);
  }

  /** The document id's bytes, borrowed. */
  documentIdBytes(): Uint8Array {
    return this.docBuf.subarray(this.docStart, this.docStart + this.docLen);
  }

  /** The transaction id's bytes, borrowed. */
  transactionIdBytes(): Uint8Array {
    return this.txBuf.subarray(this.txStart, this.txStart + 32);
  }
}

const EMPTY = new Uint8Array(0);
