import type { RestoreChangeView, RestoreConflictView, RestoreIncompleteView, RestoreSelection } from '../contract/contract-history.js';
import type { DocumentOutcomes } from './collection-changes.js';
import { HistoryError } from '../history/history-error.js';
import { rewriteLog, type RewriteOptions, type RewriteSource, type RewriteSpec } from '../history/rewrite-log.js';
import { systemClock, type Clock } from '../store/timestamp.js';
import { locateLog, type LogLocation } from '../wal/log-location.js';
import type { WalRecord } from '../wal/records.js';
import { visitRepairSteps, type RecordVisitor } from '../wal/repair/visit-repair-steps.js';
import { collectionChanges } from './collection-changes.js';
import { logRanges, segmentSizes } from './log-digest.js';
import { restoreNotes } from './restore-notes.js';
import { RestoreError } from './restore-error.js';
import { PLAN_FORMAT, PLAN_VERSION, type LogRange, type RestoreOperation, type RestorePlan } from './restore-types.js';
import { resolveStore } from './store-layout.js';

export interface RestoreRequest {
  /** `--store`: a collection directory or a store root. */
  readonly store: string;
  /** A store root: the one collection to restore (system collections only this way). */
  readonly collection?: string;
  /** A collection: where its log is (a segment, `.wal/`, the collection); default the collection's own `.wal/`. */
  readonly log?: string;
  readonly spec: RewriteSpec;
  /** As the user gave it, for the report. */
  readonly selection: Omit<RestoreSelection, 'uncommitted'>;
  readonly into?: string | null;
  /** Digest every log byte range read (for a plan file). */
  readonly digestLog?: boolean;
}

export interface PlanRestoreOptions extends RewriteOptions {
  readonly clock?: Clock;
  /** The chain's records (the service time-slices them); default: told to a visitor, as `visit`. */
  readonly records?: (location: LogLocation) => AsyncIterable<WalRecord | readonly WalRecord[]>;
  /**
   * The chain's records told to a visitor, intact binary entries in place (visit-repair-steps.ts:
   * nothing built per entry); default readLog's records so. Ignored when `records` is given.
   */
  readonly visit?: (location: LogLocation, visitor: RecordVisitor) => Promise<void>;
}

interface Totals {
  excluded: number;
  uncommitted: number;
  entries: number;
  damaged: number;
  invalidIds: number;
  unknownTx: Set<string>;
  uncommittedMode: 'excluded' | 'included';
}

/**
 * Plans a restore (issue 14's semantics, README "Restore"): for each collection, streams its
 * chain once (twice when a transaction target or uncommitted work needs a first pass),
 * rewrites the history of the documents selected, and compares the result with the store:
 * the exact operations to make, the conflicts and incomplete histories left alone. Writes nothing.
 */
export async function planRestore(req: RestoreRequest, options: PlanRestoreOptions = {}): Promise<RestorePlan> {
  const layout = await resolveStore(req.store, req.collection);
  const withLog = layout.collections.filter((c) => c.hasLog || (layout.kind === 'collection' && req.log !== undefined));
  if (withLog.length === 0) throw new RestoreError('NOT_A_STORE', `${req.store}: no collection with a log (.wal/) to restore from`, { file: layout.dir });
  const until = req.spec.until;
  if (until && until.kind !== 'time' && withLog.length > 1) {
    throw new HistoryError('INVALID_ARGUMENT', `--until ${until.text}: a ${until.kind === 'position' ? 'position' : 'transaction'} names a place in one collection's log; this store has ${withLog.length} (name one with --collection, or cut by time)`);
  }
  const clock = options.clock ?? systemClock;
  const signal = options.signal ? { signal: options.signal } : {};
  const { records, visit } = options;
  const sourceOf = (at: LogLocation): RewriteSource => {
    if (records) return () => records(at);
    if (visit) return { visit: (v) => visit(at, v) };
    return { visit: (v) => visitRepairSteps(at, signal, (part) => part.records, v) };
  };
  const operations: RestoreOperation[] = [];
  const changes: RestoreChangeView[] = [];
  const conflicts: RestoreConflictView[] = [];
  const incomplete: RestoreIncompleteView[] = [];
  const logs: LogRange[] = [];
  const totals: Totals = { excluded: 0, uncommitted: 0, entries: 0, damaged: 0, invalidIds: 0, unknownTx: new Set(req.spec.excludeTransactions ?? []), uncommittedMode: req.spec.includeUncommitted ? 'included' : 'excluded' };
  let resigned = 0;
  for (const c of withLog) {
    const location = await locateLog(layout.kind === 'collection' && req.log !== undefined ? req.log : c.dir);
    const sizes = req.digestLog ? await segmentSizes(location) : undefined;
    const rewrite = await rewriteLog(sourceOf(location), location.segments.map((s) => s.name), req.spec, options);
    totals.excluded += rewrite.excludedEntries;
    totals.uncommitted += rewrite.uncommittedEntries;
    totals.entries += rewrite.entries;
    totals.damaged += rewrite.damagedRanges;
    totals.invalidIds += rewrite.invalidIds;
    const unknownHere = new Set(rewrite.unknownTransactions);
    for (const tx of [...totals.unknownTx]) if (!unknownHere.has(tx)) totals.unknownTx.delete(tx);
    const found: DocumentOutcomes = await collectionChanges(c.name, c.dir, rewrite.outcomes, clock, req.spec.onConflict ?? 'keep');
    operations.push(...found.operations);
    changes.push(...found.changes);
    conflicts.push(...found.conflicts);
    incomplete.push(...found.incomplete);
    resigned += found.resigned;
    if (sizes) logs.push(...(await logRanges(c.name, sizes)));
  }
  const selection: RestoreSelection = { ...req.selection, uncommitted: totals.uncommittedMode };
  const notes = restoreNotes({
    uncommitted: totals.uncommittedMode, uncommittedEntries: totals.uncommitted, damaged: totals.damaged, invalidIds: totals.invalidIds,
    unknownTransactions: [...totals.unknownTx], resigned, conflicts: conflicts.length, incomplete: incomplete.length,
    withoutLog: layout.collections.filter((c) => !withLog.includes(c)).map((c) => c.name), onConflict: req.spec.onConflict ?? 'keep',
  });
  return {
    format: PLAN_FORMAT, version: PLAN_VERSION, kind: 'restore', created_at: clock(), store: layout.dir, store_kind: layout.kind,
    into: req.into ?? null, logs, operations,
    report: {
      store: layout.dir, collections: withLog.map((c) => c.name), into: req.into ?? null, selection, changes, conflicts,
      incomplete: incomplete.map((i) => i.document_id), incomplete_documents: incomplete, excluded_entries: totals.excluded,
      uncommitted_entries: totals.uncommitted, entries_read: totals.entries, damaged_ranges: totals.damaged, notes, dry_run: true,
    },
  };
}
