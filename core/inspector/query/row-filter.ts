import type { RowFilter } from '../../contract/contract-types.js';
import { ENTRY_TYPE_NAMES } from '../../contract/contract.js';
import type { RowStore } from '../index/row-store.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { TxMatch } from './tx-ids.js';

/** Interned ids a filter accepts: a few (scanned) or many, as from a prefix (a byte per id). */
export class IdSet {
  private readonly mask: Uint8Array | null;

  constructor(private readonly ids: Int32Array) {
    let mask: Uint8Array | null = null;
    if (ids.length > 8) {
      let max = 0;
      for (const id of ids) if (id > max) max = id;
      mask = new Uint8Array(max + 1);
      for (const id of ids) mask[id] = 1;
    }
    this.mask = mask;
  }

  has(id: number): boolean {
    if (this.mask) return this.mask[id] === 1;
    const ids = this.ids;
    for (let k = 0; k < ids.length; k++) if (ids[k] === id) return true;
    return false;
  }

  /** The ids that are also in `other`. */
  intersect(other: IdSet): IdSet {
    return new IdSet(this.ids.filter((id) => other.has(id)));
  }
}

/** A filter resolved against the store: type bit mask, id sets, time bounds, text matches. */
export interface CompiledFilter {
  /** Bit t set: rows of type t (0..5 entries, 6 damage) may match. */
  readonly typeMask: number;
  readonly collections: IdSet | null;
  readonly documents: IdSet | null;
  /** The rows of the transaction id asked for (see matchTransaction), or null. */
  readonly transactions: TxMatch | null;
  readonly timeFrom: number;
  readonly timeTo: number;
  /** Rows whose data holds the text (1), or null for no text filter. */
  readonly text: Uint8Array | null;
  /** Rows the `where` expression matched (1), or null for none (query/where/where-matches.ts). */
  readonly where: Uint8Array | null;
  /** True when every row matches (no filter at all). */
  readonly all: boolean;
}

const DAMAGE_BIT = 1 << TYPE_DAMAGE;
const ALL_ENTRY_TYPES = DAMAGE_BIT - 1;

/** `tx`: the filter's transaction id resolved by matchTransaction (required when it has one); `where`: its `where` matches. */
export function compileFilter(
  store: RowStore, f: RowFilter | undefined, text: Uint8Array | null, tx: TxMatch | null, where: Uint8Array | null = null,
): CompiledFilter {
  const filter = f ?? {};
  let entryMask = ALL_ENTRY_TYPES;
  if (filter.types) {
    entryMask = 0;
    for (const t of filter.types) entryMask |= 1 << ENTRY_TYPE_NAMES.indexOf(t);
  }
  const byId = filter.collection !== undefined || filter.document_id !== undefined || filter.document_id_prefix !== undefined
    || filter.transaction_id !== undefined;
  const mode = filter.damage ?? 'include';
  let typeMask = mode === 'only' ? DAMAGE_BIT : mode === 'exclude' ? entryMask : entryMask | DAMAGE_BIT;
  if (byId || text) typeMask &= ~DAMAGE_BIT;
  const timeFrom = filter.time_from ?? -Infinity;
  const timeTo = filter.time_to ?? Infinity;
  const ids = (s: string | undefined) => (s === undefined ? null : new IdSet(store.ids.find(s)));
  const exactDocuments = ids(filter.document_id);
  const prefixed = filter.document_id_prefix === undefined ? null : new IdSet(store.ids.findPrefix(filter.document_id_prefix));
  const documents = exactDocuments && prefixed ? exactDocuments.intersect(prefixed) : exactDocuments ?? prefixed;
  if (filter.transaction_id !== undefined && !tx) throw new Error('compileFilter: the transaction id filter was not resolved');
  if (filter.where !== undefined && !where) throw new Error('compileFilter: the where expression was not evaluated');
  const all = typeMask === (ALL_ENTRY_TYPES | DAMAGE_BIT) && !byId && !text && !where && timeFrom === -Infinity && timeTo === Infinity;
  return {
    typeMask, collections: ids(filter.collection), documents,
    transactions: filter.transaction_id === undefined ? null : tx,
    timeFrom, timeTo, text, where, all,
  };
}

/** Whether a row (hash lo/hi) belongs to the transaction matched. */
export function isTransaction(tx: TxMatch, lo: number, hi: number, row: number): boolean {
  return lo === tx.lo && hi === tx.hi && (tx.reject.size === 0 || !tx.reject.has(row));
}

/** Rows [0, rows) that match, in file order. */
export function matchRows(store: RowStore, f: CompiledFilter, rows = store.rows): Int32Array {
  if (f.all) {
    const out = new Int32Array(rows);
    for (let i = 0; i < rows; i++) out[i] = i;
    return out;
  }
  let out = new Int32Array(Math.min(rows, 1 << 16));
  let n = 0;
  const { typeMask, collections, documents, transactions, timeFrom, timeTo, text, where } = f;
  const timed = timeFrom !== -Infinity || timeTo !== Infinity;
  store.forEachChunk((c, base, count) => {
    for (let i = 0; i < count; i++) {
      if (((typeMask >>> c.type[i]!) & 1) === 0) continue;
      if (timed) {
        const t = c.time[i]!;
        if (!(t >= timeFrom && t <= timeTo)) continue;
      }
      if (collections && !collections.has(c.collection[i]!)) continue;
      if (documents && !documents.has(c.document[i]!)) continue;
      if (transactions && !isTransaction(transactions, c.txLo[i]!, c.txHi[i]!, base + i)) continue;
      if (text && text[base + i] !== 1) continue;
      if (where && where[base + i] !== 1) continue;
      if (n === out.length) {
        const grown = new Int32Array(Math.min(rows, out.length * 2));
        grown.set(out);
        out = grown;
      }
      out[n++] = base + i;
    }
  }, rows);
  return out.subarray(0, n);
}
