import { ENTRY_TYPES } from '../../wal/entry-type.js';
import { idText } from '../../wal/fixed-bytes.js';
import type { LogStats } from '../../wal/log-stats.js';
import type { DamageKind } from '../../wal/records.js';
import type { WalFormatName } from '../../contract/contract-types.js';
import type { LocatedSegment } from '../open-location.js';
import { FLAG_TS_INEXACT, FLAG_TX_NOT_UTF8, TYPE_DAMAGE } from '../index/index-layout.js';
import { indexLog, type IndexLogOptions } from '../index/index-log.js';
import type { RowStore } from '../index/row-store.js';
import { RowBytes } from './row-bytes.js';
import { transactionGroups } from './tx-groups.js';

const BEGIN = ENTRY_TYPES.indexOf('Begin');
const COMMIT = ENTRY_TYPES.indexOf('Commit');
const ROLLBACK = ENTRY_TYPES.indexOf('Rollback');
const enum Tx { Unseen = 0, Open = 1, Committed = 2, RolledBack = 3 }

/**
 * The `stats` command's summary of a chain, from the product's index (both threads): indexes
 * it, then counts over the rows. The same numbers as LogStatsBuilder fed every record.
 */
export async function logStats(segments: readonly LocatedSegment[], o: IndexLogOptions = {}): Promise<LogStats> {
  const store = await indexLog(segments, { ...o, idsUtf8: true });
  return logStatsOfRows(store, segments, o.format);
}

/** LogStats over an index built with ids checked (WorkerInit.idsUtf8). */
export async function logStatsOfRows(store: RowStore, segments: readonly LocatedSegment[], format?: WalFormatName): Promise<LogStats> {
  const bytes = new RowBytes(store, segments, format);
  try {
    const { groupOf, groups } = await transactionGroups(store, bytes);
    const byType = ENTRY_TYPES.map(() => ({ count: 0, bytes: 0 }));
    const segs = segments.map((s) => ({ name: s.name, entries: 0, bytes: 0, damaged: 0 }));
    const collectionCounts = new Float64Array(store.ids.count);
    const collectionOrder: number[] = [];
    const txState = new Uint8Array(groups);
    const txNoBegin = new Uint8Array(groups);
    const ids = store.ids;
    let noBegin = 0;
    let entries = 0;
    let entryBytes = 0;
    let dataBytes = 0;
    let invalidUtf8Ids = 0;
    let first = Infinity;
    let last = -Infinity;
    const inexact: number[] = [];
    store.forEachChunk((c, base, n) => {
      for (let i = 0; i < n; i++) {
        const type = c.type[i]!;
        const len = c.length[i]!;
        const seg = segs[c.segment[i]!]!;
        seg.bytes = Math.max(seg.bytes, c.offset[i]! + len);
        if (type === TYPE_DAMAGE) {
          seg.damaged++;
          continue;
        }
        seg.entries++;
        entries++;
        entryBytes += len;
        byType[type]!.count++;
        byType[type]!.bytes += len;
        dataBytes += c.dataBytes[i]!;
        const col = c.collection[i]!;
        if (collectionCounts[col]!++ === 0) collectionOrder.push(col);
        const flags = c.flags[i]!;
        if ((flags & FLAG_TX_NOT_UTF8) !== 0 || !ids.isValidUtf8(col) || !ids.isValidUtf8(c.document[i]!)) invalidUtf8Ids++;
        if ((flags & FLAG_TS_INEXACT) !== 0) inexact.push(base + i);
        else {
          const t = c.time[i]!;
          if (t < first) first = t;
          if (t > last) last = t;
        }
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
    });
    let min = first === Infinity ? null : BigInt(first);
    let max = last === -Infinity ? null : BigInt(last);
    for (const row of inexact) {
      const t = await bytes.timestamp(row);
      if (min === null || t < min) min = t;
      if (max === null || t > max) max = t;
    }
    const damage = { ranges: 0, bytes: 0, byKind: {} as Partial<Record<DamageKind, number>> };
    for (const row of store.damageRows) {
      if (row >= store.rows) break;
      const kind = store.damageInfo(row)!.damage;
      damage.ranges++;
      damage.bytes += store.length(row);
      damage.byKind[kind] = (damage.byKind[kind] ?? 0) + 1;
    }
    const byCollection: Record<string, number> = {};
    for (const col of collectionOrder) {
      // Keyed by text: ids whose bytes are not UTF-8 may share their lossy text.
      const text = idText(ids.bytes(col)).text;
      byCollection[text] = (byCollection[text] ?? 0) + collectionCounts[col]!;
    }
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
      entries, entryBytes, dataBytes,
      byType: Object.fromEntries(ENTRY_TYPES.map((t, i) => [t, byType[i]!])) as LogStats['byType'],
      byCollection, segments: segs,
      firstTimestamp: entries === 0 ? null : String(min), lastTimestamp: entries === 0 ? null : String(max),
      transactions, damage, invalidUtf8Ids,
    };
  } finally {
    bytes.close();
  }
}
