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
 * whose every entry has an id of its own, costs nothing here however long it is.
 */
export class BegunTransactions {
  private readonly txs = new Map<string, Tx>();

  add(record: WalRecord, segmentIndex: number): void {
    if (record.kind !== 'entry') return;
    const type = record.entry.entryType;
    if (type !== 'Begin' && type !== 'Commit' && type !== 'Rollback') return;
    this.note(type === 'Begin' ? BEGIN : type === 'Commit' ? COMMIT : ROLLBACK, idText(record.entry.transactionId).text, segmentIndex, record.offset);
  }

  /**
   * `add` for the entry under a cursor (ENTRY_TYPES index `typeIndex`), its transaction id's
   * text asked of `texts` only for a Begin, Commit or Rollback.
   */
  addAt(c: EntryCursor, texts: TransactionTexts, segmentIndex: number): void {
    const t = c.typeIndex;
    if (t === BEGIN || t === COMMIT || t === ROLLBACK) this.note(t, texts.of(c), segmentIndex, c.offset);
  }

  private note(type: number, tx: string, segmentIndex: number, offset: number): void {
    const open = this.txs.get(tx);
    if (type === BEGIN) {
      if (!open) this.txs.set(tx, {});
      return;
    }
    if (open && open.fate === undefined) {
      open.fate = type === COMMIT ? 'committed' : 'rolled-back';
      open.end = { segment: segmentIndex, offset };
    }
  }

  fateOf(transactionId: string): TransactionFate | undefined {
    const t = this.txs.get(transactionId);
    return t ? (t.fate ?? 'unterminated') : undefined;
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

/**
 * Transaction ids' text by their bytes: decoded once per distinct id (a transaction's id is on
 * each of its entries). Ids whose bytes differ but read the same (padding, lossy UTF-8) get
 * the same text, so they still meet as one transaction wherever text is the key.
 */
export class TransactionTexts {
  private readonly ids = new IdInterner();
  private readonly texts: string[] = [];

  of(c: EntryCursor): string {
    const at = this.ids.intern(c.txBuf, c.txStart, 32);
    return (this.texts[at] ??= idText(c.transactionIdBytes()).text);
  }
}
