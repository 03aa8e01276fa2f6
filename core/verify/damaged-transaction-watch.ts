import type { DamageRecord } from '../wal/records.js';
import type { Finding } from './verify-types.js';

interface Loss {
  readonly transactionId: string;
  readonly documentId?: string;
  readonly segment: string;
  readonly offset: number;
  readonly what: string;
}

const article = (t: string) => (/^[AEIOU]/.test(t) ? 'an' : 'a');

/**
 * Notes, as the chain is read, the transactions that lost an entry to damage: the one a
 * damaged range's unverified fields name, or, for a range whose fields do not decode, every
 * transaction open (Begun, not yet ended) around it. One finding per transaction, at its first loss.
 */
export class DamagedTransactionWatch {
  private readonly open = new Set<string>();
  private readonly losses = new Map<string, { first: Loss; count: number }>();

  /** A Begin / Commit / Rollback of `transactionId` (text). */
  control(type: 'Begin' | 'Commit' | 'Rollback', transactionId: string): void {
    if (type === 'Begin') this.open.add(transactionId);
    else this.open.delete(transactionId);
  }

  damage(record: DamageRecord): void {
    const u = record.analysis?.unverified;
    const at = `${record.segment}:${record.offset}`;
    if (u) {
      const doc = u.document_id ? ` of ${u.document_id}` : '';
      this.note({
        transactionId: u.transaction_id, ...(u.document_id ? { documentId: u.document_id } : {}), segment: record.segment, offset: record.offset,
        what: `${article(u.entry_type)} ${u.entry_type}${doc} is unverified (${record.damage} at ${at}, ${record.length} bytes)`,
      });
      return;
    }
    for (const tx of this.open) {
      this.note({ transactionId: tx, segment: record.segment, offset: record.offset, what: `a damaged range lies between its Begin and its end (${record.damage} at ${at}, ${record.length} bytes): it may have held an entry of it` });
    }
  }

  private note(loss: Loss): void {
    const seen = this.losses.get(loss.transactionId);
    if (seen) seen.count++;
    else this.losses.set(loss.transactionId, { first: loss, count: 1 });
  }

  findings(): Finding[] {
    return [...this.losses.values()].map(({ first, count }) => ({
      kind: 'damaged-transaction' as const,
      description: `transaction ${first.transactionId} is damaged: ${first.what}${count > 1 ? `, and ${count - 1} more damaged range${count > 2 ? 's' : ''} touch it` : ''}; a recovery applies only its intact entries`,
      transactionId: first.transactionId, ...(first.documentId ? { documentId: first.documentId } : {}), segment: first.segment, offset: first.offset,
    }));
  }
}
