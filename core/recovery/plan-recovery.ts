import type { SnapshotStore } from '../store/document-ops.js';
import { isValidDocumentId } from '../store/names.js';
import { systemClock, type Clock } from '../store/timestamp.js';
import { damageText } from '../verify/original-rules.js';
import { FateBook } from '../verify/fate-book.js';
import { isDroppedByCommittedOnly } from '../verify/transaction-fates.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { entryText } from '../wal/log-entry.js';
import type { WalRecord } from '../wal/records.js';
import { DamagedTransactionNotes } from './damaged-transaction-notes.js';
import { planNotes } from './plan-notes.js';
import { PlanOverlay } from './plan-overlay.js';
import { ForceReplay } from './replay-force.js';
import { SafeReplay } from './replay-safe.js';
import type {
  DroppedEntry, FlaggedEntry, LostRange, PlanOptions, RecordSource, RecoveryFailure, RecoveryPlan, SkippedEntry, UncommittedMark,
} from './recovery-types.js';

const BATCH = 1024;

async function* batches(source: AsyncIterable<WalRecord> | Iterable<WalRecord>): AsyncGenerator<WalRecord[]> {
  let batch: WalRecord[] = [];
  for await (const r of source) {
    batch.push(r);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Committed-only needs every fate before the replay: a first read of the control entries. */
async function transactionFates(source: RecordSource, options: PlanOptions): Promise<FateBook> {
  const book = new FateBook();
  let n = 0;
  for await (const r of source()) {
    if (r.kind === 'entry') {
      const type = r.entry.entryType;
      if (type === 'Begin' || type === 'Commit' || type === 'Rollback') book.control(type, r.entry.transactionId, r);
    }
    if (++n % 4096 === 0) {
      throwIfAborted(options.signal, 'recovery plan');
      options.onProgress?.({ phase: 'scan', done: n });
    }
  }
  return book.settle();
}

const MARKS_PER_DOCUMENT = 20;

/**
 * Marks each document the replay writes from a rolled-back or never-terminated transaction.
 * Per open transaction, its writes wait for its end (a Commit forgets them), so memory follows
 * the open transactions, not the log. (A transaction whose Begin follows its writes, which
 * Sentinel does not write, leaves those writes unmarked.)
 */
class UncommittedMarks {
  readonly byDocument = new Map<string, UncommittedMark[]>();
  private readonly pending = new Map<number, { documentId: string; mark: Omit<UncommittedMark, 'fate'> }[]>();

  constructor(private readonly book: FateBook) {}

  wrote(documentId: string, tx: number, mark: Omit<UncommittedMark, 'fate'>): void {
    const fate = this.book.fateAt(tx);
    if (fate === 'open') {
      let list = this.pending.get(tx);
      if (!list) this.pending.set(tx, (list = []));
      list.push({ documentId, mark });
    } else if (fate === 'rolled-back' || fate === 'unterminated') this.add(documentId, { ...mark, fate });
  }

  decided(tx: number, fate: 'committed' | 'rolled-back'): void {
    const list = this.pending.get(tx);
    this.pending.delete(tx);
    if (fate === 'rolled-back') for (const p of list ?? []) this.add(p.documentId, { ...p.mark, fate });
  }

  finish(): void {
    for (const list of this.pending.values()) for (const p of list) this.add(p.documentId, { ...p.mark, fate: 'unterminated' });
    this.pending.clear();
  }

  private add(documentId: string, mark: UncommittedMark): void {
    let marks = this.byDocument.get(documentId);
    if (!marks) this.byDocument.set(documentId, (marks = []));
    if (marks.length < MARKS_PER_DOCUMENT) marks.push(mark);
  }
}

/**
 * Computes what a safe or force recovery would do to `store`, writing nothing: the
 * original's counts and failures, the net change of each document (marked where rolled-back
 * or never-committed work made it), the entries skipped and why, the entries lost to damage,
 * the entries committed-only leaves out, and entries naming another collection. Per-entry
 * state is only what is listed; the rest is per document and per transaction.
 */
export async function planRecovery(
  source: RecordSource, store: SnapshotStore, options: PlanOptions & { readonly clock?: Clock },
): Promise<RecoveryPlan> {
  const committedOnly = options.committedOnly ?? false;
  const book = committedOnly ? await transactionFates(source, options) : new FateBook();
  const marks = new UncommittedMarks(book);
  const overlay = new PlanOverlay(store, options.clock ?? systemClock);
  const replay = options.mode === 'safe' ? new SafeReplay(overlay) : new ForceReplay(overlay);
  const counts = { recovered: 0, skipped: 0, failed: 0 };
  const failures: RecoveryFailure[] = [];
  const lost: LostRange[] = [];
  const dropped: DroppedEntry[] = [];
  const flagged: FlaggedEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const skippedByReason = new Map<string, number>();
  const listed = options.listed ?? 2000;
  let entries = 0;
  let done = 0;
  const damagedTx = new DamagedTransactionNotes();

  for await (const batch of batches(source())) {
    throwIfAborted(options.signal, 'recovery plan');
    await overlay.prefetch(batch.flatMap((r) => {
      if (r.kind !== 'entry' || r.entry.entryType === 'Begin' || r.entry.entryType === 'Commit' || r.entry.entryType === 'Rollback') return [];
      const id = entryText(r.entry).documentId;
      return isValidDocumentId(id) ? [id] : [];
    }));
    for (const record of batch) {
      const at = { segment: record.segment, offset: record.offset };
      if (record.kind === 'damage') {
        counts.failed++;
        failures.push({ transactionId: 'unknown', documentId: 'unknown', operationType: 'read', reason: damageText(record), ...at });
        lost.push({ ...at, length: record.length, damage: record.damage, detail: record.detail });
        damagedTx.damage(record);
        continue;
      }
      entries++;
      const e = record.entry;
      const control = e.entryType === 'Begin' || e.entryType === 'Commit' || e.entryType === 'Rollback';
      let tx: number;
      if (control) {
        const known = book.indexOf(e.transactionId);
        const before = book.fateAt(known);
        tx = book.control(e.entryType as 'Begin', e.transactionId, at, known);
        const after = book.fateAt(tx);
        if (before === 'open' && (after === 'committed' || after === 'rolled-back')) marks.decided(tx, after);
      } else tx = book.operation(e.transactionId);
      const t = entryText(e);
      damagedTx.entry(t);
      const ids = { transactionId: t.transactionId, documentId: t.documentId };
      if (t.collection !== store.collection) flagged.push({ ...ids, entryType: t.entryType, collection: t.collection, ...at });
      const fate = committedOnly ? book.fateOf(tx) : undefined;
      if (committedOnly && isDroppedByCommittedOnly(t.entryType, fate)) {
        dropped.push({ ...ids, entryType: t.entryType as DroppedEntry['entryType'], fate: fate as DroppedEntry['fate'], ...at });
        continue;
      }
      const outcome = await replay.replay(t);
      if (outcome.kind === 'failed') {
        counts.failed++;
        failures.push({ ...ids, operationType: t.entryType, reason: outcome.reason, ...at });
        continue;
      }
      counts[outcome.kind]++;
      if (outcome.kind === 'skipped') {
        skippedByReason.set(outcome.reason, (skippedByReason.get(outcome.reason) ?? 0) + 1);
        if (!control && skipped.length < listed) skipped.push({ ...ids, entryType: t.entryType, reason: outcome.reason, ...at });
      } else if (!control) marks.wrote(t.documentId, tx, { transactionId: t.transactionId, entryType: t.entryType as UncommittedMark['entryType'], ...at });
    }
    done += batch.length;
    options.onProgress?.({ phase: 'replay', done });
  }
  marks.finish();

  const planned = await overlay.changes();
  const changes = planned.changes.map((c) => {
    const m = marks.byDocument.get(c.documentId);
    return m ? { ...c, uncommitted: m } : c;
  });
  const plan = {
    mode: options.mode, committedOnly, collection: store.collection, counts, failures, changes, lost, dropped, flagged,
    skipped, skippedByReason: [...skippedByReason].map(([reason, count]) => ({ reason, count })),
    entries, basis: planned.basis, notes: [] as string[],
  };
  for (const note of planNotes(plan)) plan.notes.push(note);
  for (const note of damagedTx.notes(options.mode, committedOnly)) plan.notes.push(note);
  return plan;
}
