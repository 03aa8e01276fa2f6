import type { CompressionName, DamageKindName, EntryTypeName, Stats } from '../../contract/contract-types.js';
import { ENTRY_TYPE_NAMES } from '../../contract/contract.js';
import type { RowStats } from '../query/log-stats.js';

const DAMAGE_KINDS: readonly DamageKindName[] = ['crc-mismatch', 'truncated-tail', 'undecodable', 'invalid-json-line', 'corrupt-compression'];

/** What a segment is on disk, beside what its rows count: a session's SegmentState, or the CLI's located segment. */
export interface StatsSegment {
  readonly compression: CompressionName;
  readonly fileBytes: number;
  /** Decompressed size; null while a compressed segment was not opened. */
  readonly bytes: number | null;
}

export interface StatsIndexState {
  readonly complete: boolean;
  readonly indexMs: number;
}

/** The one mapping from counted rows to the contract's Stats (stats.get and `stats --json`). */
export function statsView(r: RowStats, segments: readonly StatsSegment[], index: StatsIndexState): Stats {
  const byType = (f: (v: { count: number; bytes: number }) => number) =>
    Object.fromEntries(ENTRY_TYPE_NAMES.map((t) => [t, f(r.byType[t])])) as Record<EntryTypeName, number>;
  const t = r.transactions;
  return {
    rows: r.rows,
    entries: r.entries,
    by_type: byType((v) => v.count),
    bytes_by_type: byType((v) => v.bytes),
    damaged: r.damage.ranges,
    damaged_bytes: r.damage.bytes,
    by_damage: Object.fromEntries(DAMAGE_KINDS.map((k) => [k, r.damage.byKind[k] ?? 0])) as Record<DamageKindName, number>,
    collections: r.collections,
    // Most entries first; ties in order of first appearance (sort is stable).
    by_collection: Object.entries(r.byCollection).map(([collection, entries]) => ({ collection, entries })).sort((a, b) => b.entries - a.entries),
    documents: r.documents,
    transactions: {
      ids: r.transactionIds, with_begin: t.withBegin, committed: t.committed, rolled_back: t.rolledBack,
      never_terminated: t.unterminated, without_begin: t.standalone, damaged: r.damagedTransactions,
    },
    entry_bytes: { min: r.entrySize.min, max: r.entrySize.max, mean: r.entries ? r.entryBytes / r.entries : 0, total: r.entryBytes },
    with_data: r.withData,
    data_bytes: r.dataBytes,
    entries_with_invalid_utf8_ids: r.invalidUtf8Ids,
    first_time: r.firstTimestamp,
    last_time: r.lastTimestamp,
    segments: r.segments.map((s, index) => {
      const seg = segments[index]!;
      return {
        index, name: s.name, compression: seg.compression, file_bytes: seg.fileBytes, bytes: seg.bytes,
        entries: s.entries, damaged: s.damaged, damaged_bytes: s.damagedBytes, first_time: s.firstTimestamp, last_time: s.lastTimestamp,
      };
    }),
    complete: index.complete,
    index_ms: index.indexMs,
  };
}
