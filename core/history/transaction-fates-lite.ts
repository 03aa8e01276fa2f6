import type { TransactionFate } from '../verify/transaction-fates.js';
import { idText } from '../wal/fixed-bytes.js';
import type { WalRecord } from '../wal/records.js';
import type { EntryCursor } from '../wal/entry-cursor.js';
import { entryTypeIndex } from '../wal/entry-type.js';
import { IdInterner } from '../wal/id-interner.js';
import { isUtf8 } from '../wal/utf8.js';
import type { ChainPosition } from './cut-off.js';

// ENTRY_TYPES indexes.
const BEGIN = 0, COMMIT = 4, ROLLBACK = 5;

interface Tx {
  fate?: 'committed' | 'rolled-back';
  end?: ChainPosition;
}

/**
 * The fates of transactions as verify's TransactionFateTracker decides them (the first Commit
 * or Rollback after the first Begin), keeping only ids opened by a Begin: a Sentinel log,
 * whose every entry has an id of its own, costs nothing here however long it is.
 *
 * Ids that read as the same text are one transaction (trailing NULs dropped, lossy UTF-8), as
 * everywhere; they are kept by that text's UTF-8 bytes (`canonical`), so an entry's id is found
 * from its bytes without building a string — for valid UTF-8 those are its own bytes without
 * the trailing zeros, and only an id that is not valid UTF-8 is decoded.
 */
export class BegunTransactions {
  private readonly ids = new IdInterner();
  private readonly byId: Tx[] = [];
  private readonly scratch = new Uint8Array(32);

  add(record: WalRecord, segmentIndex: number): void {
    if (record.kind !== 'entry') return;
    const t = entryTypeIndex(record.entry.entryType);
    if (t === BEGIN || t === COMMIT || t === ROLLBACK) this.note(t, record.entry.transactionId, 0, segmentIndex, record.offset);
  }

  /** `add` for the entry under a cursor. */
  addAt(c: EntryCursor, segmentIndex: number): void {
    const t = c.typeIndex;
    if (t === BEGIN || t === COMMIT || t === ROLLBACK) this.note(t, c.txBuf, c.txStart, segmentIndex, c.offset);
  }

  private note(type: number, buf: Uint8Array, start: number, segmentIndex: number, offset: number): void {
    const key = this.canonical(buf, start);
    if (type === BEGIN) {
      this.byId[this.ids.intern(key.buf, key.start, key.len)] ??= {};
      return;
    }
    const open = this.find(key);
    if (open && open.fate === undefined) {
      open.fate = type === COMMIT ? 'committed' : 'rolled-back';
      open.end = { segment: segmentIndex, offset };
    }
  }

  private readonly key = { buf: this.scratch as Uint8Array, start: 0, len: 0 };

  /** The UTF-8 bytes of the text the 32-byte id at `start` reads as (a view valid until the next call). */
  private canonical(buf: Uint8Array, start: number): { buf: Uint8Array; start: number; len: number } {
    let len = 32;
    while (len > 0 && buf[start + len - 1] === 0) len--;
    let ascii = true;
    for (let i = 0; i < len; i++) {
      if (buf[start + i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    const key = this.key;
    if (ascii || isUtf8(buf.subarray(start, start + len))) {
      key.buf = buf;
      key.start = start;
      key.len = len;
    } else {
      key.buf = encoder.encode(idText(buf.subarray(start, start + 32)).text);
      key.start = 0;
      key.len = key.buf.length;
    }
    return key;
  }

  private find(key: { buf: Uint8Array; start: number; len: number }): Tx | undefined {
    if (this.byId.length === 0) return undefined;
    const at = this.ids.find(key.buf, key.start, key.len);
    return at < 0 ? undefined : this.byId[at];
  }

  private ofText(text: string): Tx | undefined {
    const bytes = encoder.encode(text);
    // A string no id reads as (a lone surrogate, which encoding would replace): no transaction.
    if (decoder.decode(bytes) !== text) return undefined;
    return this.find({ buf: bytes, start: 0, len: bytes.length });
  }

  fateOf(transactionId: string): TransactionFate | undefined {
    return fateOfTx(this.ofText(transactionId));
  }

  /** fateOf the transaction of the entry under a cursor. */
  fateAt(c: EntryCursor): TransactionFate | undefined {
    return this.byId.length === 0 ? undefined : fateOfTx(this.find(this.canonical(c.txBuf, c.txStart)));
  }

  /** The Commit or Rollback that decided it, when one did. */
  endOf(transactionId: string): ChainPosition | undefined {
    return this.ofText(transactionId)?.end;
  }

  /** Some transaction was rolled back or never terminated. */
  get anyUncommitted(): boolean {
    for (const t of this.byId) if (t.fate !== 'committed') return true;
    return false;
  }
}

const encoder = new TextEncoder();
// ignoreBOM: ids keep a leading U+FEFF (fixed-bytes.ts idText decodes so).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const fateOfTx = (t: Tx | undefined): TransactionFate | undefined => (t ? (t.fate ?? 'unterminated') : undefined);

/**
 * Transaction ids' text by their bytes, decoded again only when the id differs from the last
 * one asked for: a transaction's entries lie together (Begin, its operations, Commit), so
 * most entries cost a 32-byte comparison. Holds one id, however many the log has.
 */
export class TransactionTexts {
  private readonly last = new Uint8Array(32);
  private text: string | undefined;

  of(c: EntryCursor): string {
    const buf = c.txBuf, at = c.txStart, last = this.last;
    if (this.text !== undefined) {
      let same = true;
      for (let i = 0; i < 32; i++) {
        if (buf[at + i] !== last[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.text;
    }
    last.set(c.transactionIdBytes());
    return (this.text = idText(last).text);
  }
}
