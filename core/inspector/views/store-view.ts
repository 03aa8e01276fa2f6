import type { CheckpointPreview, CheckpointResult, RecoveryPreview, RecoveryResult, VerifyReport } from '../../contract/contract-jobs.js';
import type {
  CollectionPart, CollectionStats, CollectionWalConfig, SkippedCollection, StoreCheckpointPreview, StoreCheckpointResult,
  StoreRecoveryPreview, StoreRecoveryResult, StoreRecoveryTotals, StoreStats, StoreVerifyReport,
} from '../../contract/contract-store.js';
import type { DamageKindName } from '../../contract/contract-types.js';
import type { CollectionMetadata } from '../../store/collection-metadata.js';

/** `.metadata.json`'s WAL settings under the contract's names. */
export function walConfigView(m: CollectionMetadata): CollectionWalConfig {
  const w = m.wal;
  return {
    write_mode: w.writeMode, verification_mode: w.verificationMode, auto_verify: w.autoVerify, enable_recovery: w.enableRecovery,
    max_wal_size_bytes: w.maxWalSizeBytes, max_records_per_file: w.maxRecordsPerFile, compression: w.compression, format: w.format,
    source: m.walFromFile ? 'file' : 'defaults', problems: [...m.problems],
  };
}

const DAMAGE_ZERO = { 'crc-mismatch': 0, 'truncated-tail': 0, undecodable: 0, 'invalid-json-line': 0, 'corrupt-compression': 0 } as const satisfies Record<DamageKindName, number>;

const sum = <T>(items: readonly T[], f: (x: T) => number): number => items.reduce((n, x) => n + f(x), 0);

/** Key by key sums of records of counts (by_type, by_damage, transactions…). */
function sumRecords<R extends object>(items: readonly R[], zero: R): R {
  const out: Record<string, number> = { ...(zero as Record<string, number>) };
  for (const r of items) for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + (v as number);
  return out as R;
}

// u64 ms as decimal strings: compared as bigints, so times past 2^53 stay exact.
function extreme(times: readonly (string | null)[], pick: 'min' | 'max'): string | null {
  let best: bigint | null = null;
  for (const t of times) {
    if (t === null) continue;
    const v = BigInt(t);
    if (best === null || (pick === 'min' ? v < best : v > best)) best = v;
  }
  return best === null ? null : best.toString();
}

/** Each collection's result first, as that collection alone answers it, under its name. */
export function part<T extends object>(collection: string, value: T): CollectionPart & T {
  return { collection, ...value };
}

export function storeStatsView(store: string, collections: readonly CollectionStats[], skipped: readonly SkippedCollection[]): StoreStats {
  const empty = { Begin: 0, Insert: 0, Update: 0, Delete: 0, Commit: 0, Rollback: 0 };
  return {
    store, collections, skipped_collections: skipped,
    rows: sum(collections, (c) => c.rows), entries: sum(collections, (c) => c.entries),
    by_type: sumRecords(collections.map((c) => c.by_type), empty),
    bytes_by_type: sumRecords(collections.map((c) => c.bytes_by_type), empty),
    damaged: sum(collections, (c) => c.damaged), damaged_bytes: sum(collections, (c) => c.damaged_bytes),
    by_damage: sumRecords(collections.map((c) => c.by_damage), DAMAGE_ZERO),
    documents: sum(collections, (c) => c.documents),
    transactions: sumRecords(collections.map((c) => c.transactions), { ids: 0, with_begin: 0, committed: 0, rolled_back: 0, never_terminated: 0, without_begin: 0 }),
    with_data: sum(collections, (c) => c.with_data), data_bytes: sum(collections, (c) => c.data_bytes),
    entries_with_invalid_utf8_ids: sum(collections, (c) => c.entries_with_invalid_utf8_ids),
    segments: sum(collections, (c) => c.segments.length), file_bytes: sum(collections, (c) => sum(c.segments, (s) => s.file_bytes)),
    first_time: extreme(collections.map((c) => c.first_time), 'min'), last_time: extreme(collections.map((c) => c.last_time), 'max'),
    complete: collections.every((c) => c.complete),
  };
}

export function storeVerifyView(store: string, collections: readonly (CollectionPart & VerifyReport)[], skipped: readonly SkippedCollection[]): StoreVerifyReport {
  return {
    store, collections, skipped_collections: skipped,
    passed: collections.every((c) => c.passed),
    entries_processed: sum(collections, (c) => c.entries_processed), affected_documents: sum(collections, (c) => c.affected_documents),
    issue_counts: { critical: sum(collections, (c) => c.issue_counts.critical), warning: sum(collections, (c) => c.issue_counts.warning) },
    finding_counts: { false_alarms: sum(collections, (c) => c.finding_counts.false_alarms), other: sum(collections, (c) => c.finding_counts.other) },
    failed_collections: collections.filter((c) => !c.passed).length,
  };
}

function recoveryTotals(collections: readonly (RecoveryPreview | RecoveryResult)[], o: Pick<StoreRecoveryTotals, 'mode' | 'committed_only' | 'dry_run'>): StoreRecoveryTotals {
  return {
    recovered_operations: sum(collections, (c) => c.recovered_operations), skipped_operations: sum(collections, (c) => c.skipped_operations),
    failed_operations: sum(collections, (c) => c.failed_operations),
    ...(o.committed_only ? { dropped_entries: sum(collections, (c) => c.dropped_entries ?? 0) } : {}),
    document_changes: sum(collections, (c) => c.changes.length), lost_ranges: sum(collections, (c) => c.lost.length),
    foreign_collection_entries: sum(collections, (c) => c.flagged.length), ...o,
  };
}

export function storeRecoveryPreviewView(
  store: string, collections: readonly (CollectionPart & RecoveryPreview)[], skipped: readonly SkippedCollection[], o: Pick<StoreRecoveryTotals, 'mode' | 'committed_only'>,
): StoreRecoveryPreview {
  return { store, collections, skipped_collections: skipped, ...recoveryTotals(collections, { ...o, dry_run: true }) };
}

export function storeRecoveryResultView(
  store: string, collections: readonly (CollectionPart & RecoveryResult)[], skipped: readonly SkippedCollection[], o: Pick<StoreRecoveryTotals, 'mode' | 'committed_only'>,
): StoreRecoveryResult {
  return { store, collections, skipped_collections: skipped, ...recoveryTotals(collections, { ...o, dry_run: false }), applied: sum(collections, (c) => c.applied) };
}

export function storeCheckpointPreviewView(store: string, collections: readonly (CollectionPart & CheckpointPreview)[], skipped: readonly SkippedCollection[], compact: boolean): StoreCheckpointPreview {
  return {
    store, collections, skipped_collections: skipped, compact,
    refused_collections: collections.filter((c) => c.refused !== null).length,
    entries_processed: sum(collections, (c) => c.entries_processed), critical_issues: sum(collections, (c) => c.critical_issues),
    blocked_total: sum(collections, (c) => c.blocked_total),
    seals: collections.filter((c) => c.seal !== null).length, removals: sum(collections, (c) => c.remove.length),
  };
}

export function storeCheckpointResultView(store: string, collections: readonly (CollectionPart & CheckpointResult)[], skipped: readonly SkippedCollection[]): StoreCheckpointResult {
  return {
    store, collections, skipped_collections: skipped,
    sealed: collections.filter((c) => c.sealed !== null).length, removed: sum(collections, (c) => c.removed.length),
    kept: sum(collections, (c) => c.kept.length), synced: collections.every((c) => c.synced),
  };
}
