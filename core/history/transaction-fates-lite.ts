import type { TransactionFate } from '../verify/transaction-fates.js';
import { idText } from '../wal/fixed-bytes.js';
import type { WalRecord } from '../wal/records.js';
import type { ChainPosition } from './cut-off.js';

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
    const tx = idText(record.entry.transactionId).text;
    const open = this.txs.get(tx);
    if (type === 'Begin') {
      if (!open) this.txs.set(tx, {});
      return;
    }
    if (open && open.fate === undefined) {
      open.fate = type === 'Commit' ? 'committed' : 'rolled-back';
      open.end = { segment: segmentIndex, offset: record.offset };
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
