import { ENTRY_TYPES, type EntryType } from './entry-type.js';
import { idText } from './fixed-bytes.js';
import type { DamageKind, WalRecord } from './records.js';

/** A summary of a log, like pg_waldump --stats. Counts are plain integers. */
export interface LogStats {
  entries: number;
  entryBytes: number;
  dataBytes: number;
  byType: Record<EntryType, { count: number; bytes: number }>;
  byCollection: Record<string, number>;
  segments: { name: string; entries: number; bytes: number; damaged: number }[];
  /** Milliseconds as decimal strings (u64 may exceed 2^53); null when there are no entries. */
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  transactions: { withBegin: number; committed: number; rolledBack: number; unterminated: number; standalone: number };
  damage: { ranges: number; bytes: number; byKind: Partial<Record<DamageKind, number>> };
  invalidUtf8Ids: number;
}

type TxState = 'open' | 'committed' | 'rolledBack';

/** Accumulates statistics one record at a time (so callers can stream). */
export class LogStatsBuilder {
  private readonly stats: LogStats = {
    entries: 0, entryBytes: 0, dataBytes: 0,
    byType: Object.fromEntries(ENTRY_TYPES.map((t) => [t, { count: 0, bytes: 0 }])) as LogStats['byType'],
    byCollection: {}, segments: [], firstTimestamp: null, lastTimestamp: null,
    transactions: { withBegin: 0, committed: 0, rolledBack: 0, unterminated: 0, standalone: 0 },
    damage: { ranges: 0, bytes: 0, byKind: {} }, invalidUtf8Ids: 0,
  };
  private min: bigint | null = null;
  private max: bigint | null = null;
  private readonly tx = new Map<string, TxState>();
  private readonly noBegin = new Set<string>();

  add(record: WalRecord): void {
    const s = this.stats;
    let seg = s.segments[s.segments.length - 1];
    if (!seg || seg.name !== record.segment) {
      seg = { name: record.segment, entries: 0, bytes: 0, damaged: 0 };
      s.segments.push(seg);
    }
    seg.bytes = Math.max(seg.bytes, record.offset + record.length);
    if (record.kind === 'damage') {
      seg.damaged++;
      s.damage.ranges++;
      s.damage.bytes += record.length;
      s.damage.byKind[record.damage] = (s.damage.byKind[record.damage] ?? 0) + 1;
      return;
    }
    const e = record.entry;
    seg.entries++;
    s.entries++;
    s.entryBytes += record.length;
    s.byType[e.entryType].count++;
    s.byType[e.entryType].bytes += record.length;
    if (e.data !== null) s.dataBytes += Buffer.byteLength(e.data);
    const col = idText(e.collection);
    const txt = idText(e.transactionId);
    if (!col.utf8Valid || !txt.utf8Valid || !idText(e.documentId).utf8Valid) s.invalidUtf8Ids++;
    s.byCollection[col.text] = (s.byCollection[col.text] ?? 0) + 1;
    if (this.min === null || e.timestamp < this.min) this.min = e.timestamp;
    if (this.max === null || e.timestamp > this.max) this.max = e.timestamp;
    const state = this.tx.get(txt.text);
    if (e.entryType === 'Begin') {
      if (state === undefined) this.tx.set(txt.text, 'open');
      this.noBegin.delete(txt.text);
    } else if (state === 'open' && (e.entryType === 'Commit' || e.entryType === 'Rollback')) {
      this.tx.set(txt.text, e.entryType === 'Commit' ? 'committed' : 'rolledBack');
    } else if (state === undefined) {
      this.noBegin.add(txt.text);
    }
  }

  result(): LogStats {
    const s = this.stats;
    s.firstTimestamp = this.min === null ? null : this.min.toString();
    s.lastTimestamp = this.max === null ? null : this.max.toString();
    const t = { withBegin: this.tx.size, committed: 0, rolledBack: 0, unterminated: 0, standalone: this.noBegin.size };
    for (const state of this.tx.values()) {
      if (state === 'committed') t.committed++;
      else if (state === 'rolledBack') t.rolledBack++;
      else t.unterminated++;
    }
    s.transactions = t;
    return s;
  }
}
