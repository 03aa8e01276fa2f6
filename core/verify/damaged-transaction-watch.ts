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
 * transaction open (Begun, not yet ended) around it. One finding per transaction, at its first
 * loss. Constant work per record: a Begin remembers how many field-less ranges came before it,
 * and its end (or the end of the log) compares.
 */
export class DamagedTransactionWatch {
  /** Open transactions: the number of field-less ranges seen when each began. */
  private readonly open = new Map<string, number>();
  /** Field-less ranges seen so far. */
  private unknownCount = 0;
  /**
   * Where the first field-less range after a Begin lies, kept only for positions some open
   * transaction waits on (with how many wait): a log of a million damaged ranges keeps a
   * handful of these, not a million.
   */
  private readonly firstAfter = new Map<number, { waiting: number; range: { segment: string; offset: number; text: string } | null }>();
  private readonly losses = new Map<string, { first: Loss; count: number }>();

  /** A Begin / Commit / Rollback of `transactionId` (text). */
  control(type: 'Begin' | 'Commit' | 'Rollback', transactionId: string): void {
    if (type === 'Begin') {
      if (this.open.has(transactionId)) return;
      const since = this.unknownCount;
      this.open.set(transactionId, since);
      const slot = this.firstAfter.get(since);
      if (slot) slot.waiting++;
      else this.firstAfter.set(since, { waiting: 1, range: null });
      return;
    }
    const since = this.open.get(transactionId);
    if (since === undefined) return;
    this.open.delete(transactionId);
    this.inside(transactionId, since);
    this.release(since);
  }

  private release(since: number): void {
    const slot = this.firstAfter.get(since);
    if (slot && --slot.waiting === 0) this.firstAfter.delete(since);
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
    const slot = this.firstAfter.get(this.unknownCount);
    if (slot) slot.range = { segment: record.segment, offset: record.offset, text: `${record.damage} at ${at}, ${record.length} bytes` };
    this.unknownCount++;
  }

  /** The field-less ranges that came after a transaction's Begin (up to now). */
  private inside(transactionId: string, since: number): void {
    const n = this.unknownCount - since;
    const u = this.firstAfter.get(since)?.range;
    if (n <= 0 || !u) return;
    this.note({ transactionId, segment: u.segment, offset: u.offset, what: `a damaged range lies between its Begin and its end (${u.text}): it may have held an entry of it` }, n);
  }

  private note(loss: Loss, count = 1): void {
    const seen = this.losses.get(loss.transactionId);
    if (seen) seen.count += count;
    else this.losses.set(loss.transactionId, { first: loss, count });
  }

  findings(): Finding[] {
    // Transactions never ended: every field-less range after their Begin lies inside them.
    for (const [tx, since] of this.open) this.inside(tx, since);
    this.open.clear();
    this.firstAfter.clear();
    return [...this.losses.values()].map(({ first, count }) => ({
      kind: 'damaged-transaction' as const,
      description: `transaction ${first.transactionId} is damaged: ${first.what}${count > 1 ? `, and ${count - 1} more damaged range${count > 2 ? 's touch' : ' touches'} it` : ''}; a recovery applies only its intact entries`,
      transactionId: first.transactionId, ...(first.documentId ? { documentId: first.documentId } : {}), segment: first.segment, offset: first.offset,
    }));
  }
}
