import type { SnapshotStore } from '../store/document-ops.js';
import { systemClock, type Clock } from '../store/timestamp.js';
import { damageText } from '../verify/original-rules.js';
import { FateBook } from '../verify/fate-book.js';
import { isDroppedByCommittedOnly } from '../verify/transaction-fates.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { entryText, type EntryText } from '../wal/log-entry.js';
import type { EntryPosition } from '../verify/verify-types.js';
import type { EntryRecord, WalRecord } from '../wal/records.js';
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

/** Where a record lies, and the ids a listed row names: made only for the rows that are listed. */
const atOf = (r: EntryPosition) => ({ segment: r.segment, offset: r.offset });
const idsOf = (t: EntryText) => ({ transactionId: t.transactionId, documentId: t.documentId });

/**
 * Marks each document the replay writes from a rolled-back or never-terminated transaction.
 * Per open transaction, its writes wait for its end (a Commit forgets them), so memory follows
 * the open transactions, not the log. (A transaction whose Begin follows its writes, which
 * Sentinel does not write, leaves those writes unmarked.)
 */
class UncommittedMarks {
  readonly byDocument = new Map<string, UncommittedMark[]>();
  /**
   * Per open transaction, its writes flat (document id, transaction id, type, segment, offset
   * each): a mark object is made only for one that is kept, and no entry's data stays referenced.
   */
  private readonly pending = new Map<number, (string | number)[]>();

  constructor(private readonly book: FateBook) {}

  wrote(t: EntryText, tx: number, at: EntryPosition): void {
    const fate = this.book.fateAt(tx);
    if (fate === 'open') {
      let list = this.pending.get(tx);
      if (!list) this.pending.set(tx, (list = []));
      list.push(t.documentId, t.transactionId, t.entryType, at.segment, at.offset);
    } else if (fate === 'rolled-back' || fate === 'unterminated') this.add(t.documentId, t.transactionId, t.entryType, at.segment, at.offset, fate);
  }

  decided(tx: number, fate: 'committed' | 'rolled-back'): void {
    const list = this.pending.get(tx);
    this.pending.delete(tx);
    if (fate === 'rolled-back' && list) this.addAll(list, fate);
  }

  finish(): void {
    for (const list of this.pending.values()) this.addAll(list, 'unterminated');
    this.pending.clear();
  }

  private addAll(list: readonly (string | number)[], fate: UncommittedMark['fate']): void {
    for (let i = 0; i < list.length; i += 5) {
      this.add(list[i] as string, list[i + 1] as string, list[i + 2] as string, list[i + 3] as string, list[i + 4] as number, fate);
    }
  }

  private add(documentId: string, transactionId: string, entryType: string, segment: string, offset: number, fate: UncommittedMark['fate']): void {
    let marks = this.byDocument.get(documentId);
    if (!marks) this.byDocument.set(documentId, (marks = []));
    if (marks.length < MARKS_PER_DOCUMENT) {
      marks.push({ transactionId, entryType: entryType as UncommittedMark['entryType'], segment, offset, fate });
    }
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
  const checks = options.mode === 'force' ? await options.dataChecks?.() : undefined;
  // The record being replayed: the data checks answer by its position.
  let current: EntryRecord | undefined;
  const replay = options.mode === 'safe' ? new SafeReplay(overlay) : new ForceReplay(overlay, checks ? (data) => checks.errorOf(current!, data) : undefined);
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

  const force = replay instanceof ForceReplay ? replay : undefined;
  try {
    for await (const batch of batches(source())) {
      throwIfAborted(options.signal, 'recovery plan');
      if (checks) await checks.cover(batch[0]!, batch[batch.length - 1]!);
      // Each entry's text once (the prefetch and the replay both need it).
      const batchTexts: (EntryText | undefined)[] = [];
      const read: string[] = [];
      for (const r of batch) {
        if (r.kind !== 'entry') {
          batchTexts.push(undefined);
          continue;
        }
        const t = entryText(r.entry);
        batchTexts.push(t);
        const type = t.entryType;
        if (type !== 'Begin' && type !== 'Commit' && type !== 'Rollback') read.push(t.documentId);
      }
      await overlay.prefetch(read);
      for (let i = 0; i < batch.length; i++) {
        const record = batch[i]!;
        if (record.kind === 'damage') {
          const at = { segment: record.segment, offset: record.offset };
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
          tx = book.control(e.entryType as 'Begin', e.transactionId, record, known);
          const after = book.fateAt(tx);
          if (before === 'open' && (after === 'committed' || after === 'rolled-back')) marks.decided(tx, after);
        } else tx = book.operation(e.transactionId);
        const t = batchTexts[i]!;
        damagedTx.entry(t);
        if (t.collection !== store.collection) flagged.push({ ...idsOf(t), entryType: t.entryType, collection: t.collection, ...atOf(record) });
        const fate = committedOnly ? book.fateOf(tx) : undefined;
        if (committedOnly && isDroppedByCommittedOnly(t.entryType, fate)) {
          dropped.push({ ...idsOf(t), entryType: t.entryType as DroppedEntry['entryType'], fate: fate as DroppedEntry['fate'], ...atOf(record) });
          continue;
        }
        current = record;
        const outcome = force?.replayNow(t) ?? await replay.replay(t);
        if (outcome.kind === 'failed') {
          counts.failed++;
          failures.push({ ...idsOf(t), operationType: t.entryType, reason: outcome.reason, ...atOf(record) });
          continue;
        }
        counts[outcome.kind]++;
        if (outcome.kind === 'skipped') {
          skippedByReason.set(outcome.reason, (skippedByReason.get(outcome.reason) ?? 0) + 1);
          if (!control && skipped.length < listed) skipped.push({ ...idsOf(t), entryType: t.entryType, reason: outcome.reason, ...atOf(record) });
        } else if (!control) marks.wrote(t, tx, record);
      }
      done += batch.length;
      options.onProgress?.({ phase: 'replay', done });
    }
  } finally {
    checks?.close();
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
