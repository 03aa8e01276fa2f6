import { idText } from '../wal/fixed-bytes.js';
import type { WalRecord } from '../wal/records.js';
import type { EntryPosition } from './verify-types.js';

/**
 * What became of a transaction (FORMAT.md, "Recovery", committed-only option): a transaction
 * is every entry sharing a transaction id with a Begin entry, wherever it stands; the first
 * Commit or Rollback after the first Begin decides its fate. Ids without a Begin are standalone.
 */
export type TransactionFate = 'committed' | 'rolled-back' | 'unterminated';

export interface TransactionInfo {
  readonly transactionId: string;
  readonly fate: TransactionFate;
  /** The first Begin entry. */
  readonly begin: EntryPosition;
  /** The Commit or Rollback that decided the fate (absent when unterminated). */
  readonly end?: EntryPosition;
  /** Insert/Update/Delete entries carrying this id, anywhere in the log. */
  readonly operations: number;
}

interface Open {
  begin: EntryPosition;
  end?: EntryPosition;
  fate?: 'committed' | 'rolled-back';
}

/** Fed every record in replay order, then asked for each transaction's fate. */
export class TransactionFateTracker {
  private readonly txs = new Map<string, Open>();
  private readonly ops = new Map<string, number>();

  add(record: WalRecord): void {
    if (record.kind !== 'entry') return;
    const type = record.entry.entryType;
    const tx = idText(record.entry.transactionId).text;
    if (type === 'Insert' || type === 'Update' || type === 'Delete') {
      this.ops.set(tx, (this.ops.get(tx) ?? 0) + 1);
      return;
    }
    const open = this.txs.get(tx);
    if (type === 'Begin') {
      if (!open) this.txs.set(tx, { begin: { segment: record.segment, offset: record.offset } });
      return;
    }
    if (open && open.fate === undefined) {
      open.fate = type === 'Commit' ? 'committed' : 'rolled-back';
      open.end = { segment: record.segment, offset: record.offset };
    }
  }

  /** The fate of a transaction id; undefined for a standalone id (no Begin anywhere). */
  fateOf(transactionId: string): TransactionFate | undefined {
    const open = this.txs.get(transactionId);
    return open ? (open.fate ?? 'unterminated') : undefined;
  }

  /** Every transaction (id with a Begin), in the order of their first Begin. */
  transactions(): TransactionInfo[] {
    return [...this.txs].map(([transactionId, t]) => ({
      transactionId,
      fate: t.fate ?? 'unterminated',
      begin: t.begin,
      ...(t.end ? { end: t.end } : {}),
      operations: this.ops.get(transactionId) ?? 0,
    }));
  }
}

/** True when an entry of this type and fate is left out of a committed-only replay. */
export function isDroppedByCommittedOnly(type: string, fate: TransactionFate | undefined): boolean {
  return (type === 'Insert' || type === 'Update' || type === 'Delete') && (fate === 'rolled-back' || fate === 'unterminated');
}
