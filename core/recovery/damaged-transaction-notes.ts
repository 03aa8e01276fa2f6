import type { EntryText } from '../wal/log-entry.js';
import type { DamageRecord } from '../wal/records.js';

/** Notes about damaged transactions a plan lists at most (the rest are counted in one more). */
const LISTED = 20;

interface Tally {
  /** Entries of it read intact so far. */
  intact: number;
  /** Entries read from damaged ranges (unverified), with where, in the order they came. */
  readonly lost: { position: number; what: string; at: string }[];
  /** A damaged range without fields lay inside it. */
  maybe: string | null;
  ended: boolean;
  /** Ranges without fields seen when it began (those after it lie inside it while it is open). */
  since: number;
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
const article = (t: string) => (/^[AEIOU]/.test(t) ? 'an' : 'a');

/**
 * The damaged transactions of a log as the plan reads it, for the preview's notes: a
 * transaction whose entry a damaged range's unverified fields name, or that is open (Begun,
 * not ended) around a range whose fields do not decode. Keeps open transactions and damaged
 * ones only, so memory follows them, not the log; constant work per record (a Begin remembers
 * how many field-less ranges came before it, its end compares).
 */
export class DamagedTransactionNotes {
  private readonly open = new Map<string, Tally>();
  private readonly damaged = new Map<string, Tally>();
  /** Where each range without fields is, in log order. */
  private readonly unknown: string[] = [];

  /** An intact entry, as text (the plan has it already). */
  entry(t: EntryText): void {
    const id = t.transactionId;
    if (t.entryType === 'Begin' && !this.open.has(id) && !this.damaged.has(id)) this.open.set(id, { intact: 0, lost: [], maybe: null, ended: false, since: this.unknown.length });
    const tally = this.damaged.get(id) ?? this.open.get(id);
    if (!tally) return;
    tally.intact++;
    if (t.entryType === 'Commit' || t.entryType === 'Rollback') {
      tally.ended = true;
      this.open.delete(id);
      this.checkInside(id, tally);
    }
  }

  damage(r: DamageRecord): void {
    const at = `${r.segment}:${r.offset}`;
    const u = r.analysis?.unverified;
    if (u) {
      const tally = this.damaged.get(u.transaction_id) ?? this.open.get(u.transaction_id) ?? { intact: 0, lost: [], maybe: null, ended: false, since: Infinity };
      tally.lost.push({ position: tally.intact + tally.lost.length + 1, what: `${article(u.entry_type)} ${u.entry_type}${u.document_id ? ` of ${u.document_id}` : ''}`, at });
      this.damaged.set(u.transaction_id, tally);
      return;
    }
    this.unknown.push(at);
  }

  /** A range without fields after its Begin lies inside a transaction that ended (or is still open at the end). */
  private checkInside(id: string, tally: Tally): void {
    if (tally.since >= this.unknown.length) return;
    tally.maybe ??= this.unknown[tally.since]!;
    this.damaged.set(id, tally);
  }

  /** One sentence per damaged transaction (the first LISTED), in the words of the plan's mode. */
  notes(mode: string, committedOnly: boolean): string[] {
    const who = committedOnly ? 'committed-only' : mode;
    for (const [id, tally] of this.open) this.checkInside(id, tally);
    const out: string[] = [];
    for (const [id, t] of this.damaged) {
      if (out.length === LISTED) break;
      const total = t.intact + t.lost.length;
      const parts: string[] = [];
      if (t.lost.length > 0) {
        const l = t.lost[0]!;
        const more = t.lost.length > 1 ? ` (and ${t.lost.length - 1} more)` : '';
        parts.push(`${who} will apply ${t.intact} of its ${total} entries: the ${ordinal(l.position)}, ${l.what}, is lost at ${l.at} (its bytes are damaged; read unverified)${more}`);
      }
      if (t.maybe) parts.push(`a damaged range at ${t.maybe} lies inside it and may have held more of its entries${t.lost.length === 0 ? `; ${who} applies the ${t.intact} intact ones` : ''}`);
      out.push(`transaction ${id} is damaged: ${parts.join('; ')}`);
    }
    if (this.damaged.size > out.length) out.push(`${this.damaged.size - out.length} more damaged transactions (verify lists them)`);
    return out;
  }
}
