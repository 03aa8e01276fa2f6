import type { TransactionFate } from '../verify/transaction-fates.js';
import { idText } from '../wal/fixed-bytes.js';
import type { WalRecord } from '../wal/records.js';
import type { EntryCursor } from '../wal/entry-cursor.js';
import { IdInterner } from '../wal/id-interner.js';
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
 * whose every entry has an id of its own, costs nothing here however long it is. Kept by
 * text (ids whose bytes differ but read the same are one transaction); entries under a
 * cursor find theirs by the id's bytes first (interned at the Begin), without decoding them.
 */
export class BegunTransactions {
  private readonly txs = new Map<string, Tx>();
  /** The bytes of every Begin's id → its transaction, by interned id. */
  private readonly ids = new IdInterner();
  private readonly byId: Tx[] = [];

  add(record: WalRecord, segmentIndex: number): void {
    if (record.kind !== 'entry') return;
    const type = record.entry.entryType;
    if (type !== 'Begin' && type !== 'Commit' && type !== 'Rollback') return;
    const text = idText(record.entry.transactionId).text;
    if (type === 'Begin') this.begin(text);
    else this.end(this.txs.get(text), type === 'Commit', segmentIndex, record.offset);
  }

  /** `add` for the entry under a cursor. */
  addAt(c: EntryCursor, segmentIndex: number): void {
    const t = c.typeIndex;
    if (t === BEGIN) {
      const at = this.ids.intern(c.txBuf, c.txStart, 32);
      this.byId[at] ??= this.begin(idText(c.transactionIdBytes()).text);
    } else if (t === COMMIT || t === ROLLBACK) this.end(this.txAt(c), t === COMMIT, segmentIndex, c.offset);
  }

  private begin(text: string): Tx {
    let tx = this.txs.get(text);
    if (!tx) this.txs.set(text, (tx = {}));
    return tx;
  }

  private end(open: Tx | undefined, committed: boolean, segmentIndex: number, offset: number): void {
    if (open && open.fate === undefined) {
      open.fate = committed ? 'committed' : 'rolled-back';
      open.end = { segment: segmentIndex, offset };
    }
  }

  /** The transaction of the entry under a cursor, if a Begin opened it: by its id's bytes, else (other bytes, same text) by its text. */
  private txAt(c: EntryCursor): Tx | undefined {
    const at = this.ids.find(c.txBuf, c.txStart, 32);
    if (at >= 0) return this.byId[at];
    return this.txs.size === 0 ? undefined : this.txs.get(idText(c.transactionIdBytes()).text);
  }

  fateOf(transactionId: string): TransactionFate | undefined {
    return fateOfTx(this.txs.get(transactionId));
  }

  /** fateOf the transaction of the entry under a cursor. */
  fateAt(c: EntryCursor): TransactionFate | undefined {
    return fateOfTx(this.txAt(c));
  }

  /** The Commit or Rollback that decided it, when one did. */
  endOf(transactionId: string): ChainPosition | undefined {
    return this.txs.get(transactionId)?.end;
  }

  /** Some transaction was rolled back or never terminated. */
  get anyUncommitted(): boolean {
    for (const t of this.txs.values()) if (t.fate !== 'committed') return true;
    return false;
  }
}

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
