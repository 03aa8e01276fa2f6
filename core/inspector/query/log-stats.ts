import { ENTRY_TYPES } from '../../wal/entry-type.js';
import { damagedTransactions } from './damaged-transactions.js';
import { idText } from '../../wal/fixed-bytes.js';
import type { LogStats } from '../../wal/log-stats.js';
import type { DamageKind } from '../../wal/records.js';
import type { WalFormatName } from '../../contract/contract-types.js';
import type { LocatedSegment } from '../open-location.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';
import { RowCounter, type RowCountsData } from '../index/row-counts.js';
import { indexLog, type IndexLogOptions } from '../index/index-log.js';
import type { RowStore } from '../index/row-store.js';
import { RowBytes } from './row-bytes.js';
import { sortTxGroups } from './sorted-tx-groups.js';
import { confirmTxGroups, type TxGroups } from './tx-groups.js';

const BEGIN = ENTRY_TYPES.indexOf('Begin');
const COMMIT = ENTRY_TYPES.indexOf('Commit');
const ROLLBACK = ENTRY_TYPES.indexOf('Rollback');
const enum Tx { Unseen = 0, Open = 1, Committed = 2, RolledBack = 3 }

export interface RowSegmentStats {
  name: string;
  entries: number;
  /** Where the segment's last record ends. */
  bytes: number;
  damaged: number;
  damagedBytes: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
}

/**
 * Everything `stats.get` and `stats` report, counted once over the rows of an index: the serial
 * reference's LogStats (core/wal/log-stats.ts) plus what only the index knows cheaply.
 */
export interface RowStats extends Omit<LogStats, 'segments'> {
  rows: number;
  segments: RowSegmentStats[];
  collections: number;
  documents: number;
  /** Distinct transaction ids (every group, with or without Begin). */
  transactionIds: number;
  withData: number;
  entrySize: { min: number; max: number };
  /** Transactions with an unverified or lost entry (damaged-transactions.ts), those lost whole included. */
  damagedTransactions: number;
}

function damagedCount(store: RowStore, groups: TxGroups): number {
  const d = damagedTransactions(store, groups);
  return d.count + d.lostWhole.length;
}

/** What the index does not keep and a count needs read back: a session's readers or RowBytes. */
export interface RowStatsReader {
  /** Transaction groups of rows [0, rows). */
  groups(rows: number): Promise<TxGroups>;
  /** The exact u64 timestamp of an entry row flagged FLAG_TS_INEXACT. */
  timestamp(row: number): Promise<bigint>;
}

/**
 * The `stats` command's summary of a chain, from the product's index (both threads): indexes
 * it, then counts over the rows.
 */
export async function logStats(segments: readonly LocatedSegment[], o: IndexLogOptions = {}): Promise<RowStats> {
  const store = await indexLog(segments, { ...o, idsUtf8: true, counts: true });
  return rowStatsOfLog(store, segments, o.format);
}

/** RowStats over an index built outside a session with ids checked (WorkerInit.idsUtf8); `keep`: only rows marked 1 (a where). */
export async function rowStatsOfLog(store: RowStore, segments: readonly LocatedSegment[], format?: WalFormatName, keep?: Uint8Array): Promise<RowStats> {
  const bytes = new RowBytes(store, segments, format);
  try {
    // Sorted, not probed: the whole index at once, nothing else to answer meanwhile.
    const groups = async (rows: number) => confirmTxGroups(sortTxGroups(store, rows), bytes);
    return await rowStats(store, segments.map((s) => s.name), { groups, timestamp: (row) => bytes.timestamp(row) }, store.rows, keep);
  } finally {
    bytes.close();
  }
}

/** The counts that need no transaction grouping: the index's own (RowStore.counts) when they are of exactly these rows, else one pass. */
function countsOf(store: RowStore, rows: number, keep?: Uint8Array): RowCountsData {
  if (!keep && store.counts?.rows === rows) return store.counts;
  const counter = new RowCounter((id) => store.ids.bytes(id));
  store.forEachChunk((c, base, n) => counter.count(c, 0, n, base, keep), rows);
  return counter.data();
}

/** Counts over rows [0, rows) of `store` (built with ids checked, or invalidUtf8Ids misses transaction ids); with `keep`, those marked 1 only. */
export async function rowStats(store: RowStore, segmentNames: readonly string[], read: RowStatsReader, rows: number, keep?: Uint8Array): Promise<RowStats> {
  const { groupOf, groups } = await read.groups(rows);
  const counted = countsOf(store, rows, keep);
  const { entries, entryBytes, dataBytes, withData, invalidUtf8Ids } = counted;
  const segs = segmentNames.map((name, k) => {
    const s = counted.segments[k];
    return { name, entries: s?.entries ?? 0, bytes: s?.bytes ?? 0, damaged: s?.damaged ?? 0, damagedBytes: s?.damagedBytes ?? 0, first: s?.first ?? Infinity, last: s?.last ?? -Infinity };
  });
  const ids = store.ids;
  const txState = new Uint8Array(groups);
  const txNoBegin = new Uint8Array(groups);
  let noBegin = 0;
  store.forEachChunk((c, base, n) => {
    const types = c.type;
    for (let i = 0; i < n; i++) {
      if (keep && keep[base + i] !== 1) continue;
      const type = types[i]!;
      if (type === TYPE_DAMAGE) continue;
      const g = groupOf[base + i]!;
      const state = txState[g]!;
      if (type === BEGIN) {
        if (state === Tx.Unseen) txState[g] = Tx.Open;
        if (txNoBegin[g] === 1) {
          txNoBegin[g] = 0;
          noBegin--;
        }
      } else if (state === Tx.Open && (type === COMMIT || type === ROLLBACK)) {
        txState[g] = type === COMMIT ? Tx.Committed : Tx.RolledBack;
      } else if (state === Tx.Unseen && txNoBegin[g] === 0) {
        txNoBegin[g] = 1;
        noBegin++;
      }
    }
  }, rows);
  const inexact = counted.inexact;
  // Times past 2^53 are inexact in the index: read back exactly, per segment (rare).
  const span = segs.map((s) => ({ min: s.first === Infinity ? null : BigInt(s.first), max: s.last === -Infinity ? null : BigInt(s.last) }));
  for (const row of inexact) {
    const t = await read.timestamp(row);
    const s = span[store.segment(row)] ?? { min: null, max: null };
    if (s.min === null || t < s.min) s.min = t;
    if (s.max === null || t > s.max) s.max = t;
  }
  let min: bigint | null = null;
  let max: bigint | null = null;
  for (const s of span) {
    if (s.min !== null && (min === null || s.min < min)) min = s.min;
    if (s.max !== null && (max === null || s.max > max)) max = s.max;
  }
  const damage = { ranges: 0, bytes: 0, byKind: {} as Partial<Record<DamageKind, number>> };
  for (const row of store.damageRows) {
    if (row >= rows) break;
    if (keep && keep[row] !== 1) continue;
    const kind = store.damageInfo(row)!.damage;
    damage.ranges++;
    damage.bytes += store.length(row);
    damage.byKind[kind] = (damage.byKind[kind] ?? 0) + 1;
  }
  const byCollection: Record<string, number> = Object.create(null) as Record<string, number>;
  counted.collections.forEach((col, k) => {
    // Keyed by text: ids whose bytes are not UTF-8 may share their lossy text.
    const text = idText(ids.bytes(col)).text;
    byCollection[text] = (byCollection[text] ?? 0) + counted.collectionEntries[k]!;
  });
  const transactions = { withBegin: 0, committed: 0, rolledBack: 0, unterminated: 0, standalone: noBegin };
  for (let g = 0; g < groups; g++) {
    const state = txState[g]!;
    if (state === Tx.Unseen) continue;
    transactions.withBegin++;
    if (state === Tx.Committed) transactions.committed++;
    else if (state === Tx.RolledBack) transactions.rolledBack++;
    else transactions.unterminated++;
  }
  return {
    rows, entries, entryBytes, dataBytes,
    byType: Object.fromEntries(ENTRY_TYPES.map((t, i) => [t, { count: counted.typeCounts[i]!, bytes: counted.typeBytes[i]! }])) as LogStats['byType'],
    byCollection,
    segments: segs.map(({ first: _f, last: _l, ...s }, k) => ({ ...s, firstTimestamp: span[k]!.min?.toString() ?? null, lastTimestamp: span[k]!.max?.toString() ?? null })),
    firstTimestamp: min?.toString() ?? null, lastTimestamp: max?.toString() ?? null,
    transactions, damage, invalidUtf8Ids,
    collections: counted.collections.length, documents: counted.documents.length, transactionIds: groups, withData,
    entrySize: { min: entries === 0 ? 0 : counted.minSize, max: counted.maxSize },
    damagedTransactions: damagedCount(store, { groupOf, groups }),
  };
}
