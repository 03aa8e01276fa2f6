import type { DamageKindName, EntryTypeName } from '../../contract/contract-types.js';
import { ENTRY_TYPE_NAMES } from '../../contract/contract.js';
import { IdTable } from './id-table.js';
import { CHUNK_MASK, CHUNK_SHIFT, TYPE_DAMAGE, chunkViews, type RowChunk } from './index-layout.js';
import type { DamageAnalysis } from '../../wal/damage/damage-types.js';
import type { DamageNote } from './index-messages.js';
import type { RowCountsData } from './row-counts.js';
import type { LaneOrder } from './tx-lane-sort.js';

export interface DamageInfo {
  readonly damage: DamageKindName;
  readonly detail: string;
  readonly analysis?: DamageAnalysis;
}

/**
 * The service's read side of the row index: the worker's shared chunks, the id table, the
 * damage details. `rows` grows as the worker commits; `version` changes whenever rows are
 * added or withdrawn, so caches built on the rows know when to rebuild.
 */
export class RowStore {
  rows = 0;
  version = 0;
  readonly ids = new IdTable();
  private readonly chunks: RowChunk[] = [];
  private readonly buffers: SharedArrayBuffer[] = [];
  /** Damage rows in row order. */
  readonly damageRows: number[] = [];
  private readonly damage = new Map<number, DamageInfo>();
  /** `stats`' counts of rows [0, counts.rows), made while they were indexed (indexLog's `counts`); null otherwise. */
  counts: RowCountsData | null = null;
  /** Entry rows [0, lanes.rows) by transaction lane, sorted on both threads (indexLog's `counts`); null otherwise. */
  lanes: (LaneOrder & { readonly rows: number }) | null = null;

  addChunk(sab: SharedArrayBuffer): void {
    this.chunks.push(chunkViews(sab));
    this.buffers.push(sab);
  }

  /** The shared chunks, for a worker that continues the index (follow). */
  chunkBuffers(): SharedArrayBuffer[] {
    return [...this.buffers];
  }

  addDamage(items: readonly DamageNote[]): void {
    for (const d of items) {
      const info = { damage: d.damage, detail: d.detail, ...(d.analysis ? { analysis: d.analysis } : {}) };
      if (d.amend) {
        // A row withdrawn since (follow) stays withdrawn.
        if (this.damage.has(d.row)) this.damage.set(d.row, info);
        continue;
      }
      this.damage.set(d.row, info);
      this.damageRows.push(d.row);
    }
  }

  commit(rows: number): void {
    if (rows !== this.rows) {
      this.rows = rows;
      this.version++;
    }
  }

  /** Withdraws rows from `rows` on. */
  retract(rows: number): void {
    if (this.counts && this.counts.rows > rows) this.counts = null;
    if (this.lanes && this.lanes.rows > rows) this.lanes = null;
    while (this.damageRows.length > 0 && this.damageRows[this.damageRows.length - 1]! >= rows) {
      this.damage.delete(this.damageRows.pop()!);
    }
    this.rows = Math.min(this.rows, rows);
    this.version++;
  }

  private c(row: number): RowChunk {
    return this.chunks[row >>> CHUNK_SHIFT]!;
  }
  time(row: number): number {
    return this.c(row).time[row & CHUNK_MASK]!;
  }
  offset(row: number): number {
    return this.c(row).offset[row & CHUNK_MASK]!;
  }
  length(row: number): number {
    return this.c(row).length[row & CHUNK_MASK]!;
  }
  type(row: number): number {
    return this.c(row).type[row & CHUNK_MASK]!;
  }
  flags(row: number): number {
    return this.c(row).flags[row & CHUNK_MASK]!;
  }
  segment(row: number): number {
    return this.c(row).segment[row & CHUNK_MASK]!;
  }
  collection(row: number): number {
    return this.c(row).collection[row & CHUNK_MASK]!;
  }
  document(row: number): number {
    return this.c(row).document[row & CHUNK_MASK]!;
  }
  txLo(row: number): number {
    return this.c(row).txLo[row & CHUNK_MASK]!;
  }
  txHi(row: number): number {
    return this.c(row).txHi[row & CHUNK_MASK]!;
  }
  dataBytes(row: number): number {
    return this.c(row).dataBytes[row & CHUNK_MASK]!;
  }
  txAt(row: number): number {
    return this.c(row).txAt[row & CHUNK_MASK]!;
  }
  isDamage(row: number): boolean {
    return this.type(row) === TYPE_DAMAGE;
  }
  entryType(row: number): EntryTypeName | null {
    return ENTRY_TYPE_NAMES[this.type(row)] ?? null;
  }
  damageInfo(row: number): DamageInfo | undefined {
    return this.damage.get(row);
  }

  /** The chunks holding rows [0, rows), for tight loops: `forEachChunk((chunk, base, n) => …)`. */
  forEachChunk(fn: (chunk: RowChunk, base: number, count: number) => void, rows = this.rows): void {
    for (let k = 0; k * (CHUNK_MASK + 1) < rows; k++) {
      const base = k << CHUNK_SHIFT;
      fn(this.chunks[k]!, base, Math.min(CHUNK_MASK + 1, rows - base));
    }
  }
}
