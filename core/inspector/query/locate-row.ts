import type { RowLocation, LocateArgs } from '../../contract/contract-locate.js';
import type { RowFilter, RowSort } from '../../contract/contract-types.js';
import { fail } from '../inspector-error.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { Session } from '../session.js';
import { parseLocateQuery, type LocateTarget } from './locate-parse.js';
import { IdSet } from './row-filter.js';
import { orderedMatches } from './row-page.js';
import { matchTransaction, type TxMatch } from './tx-ids.js';

type View = { readonly order: ArrayLike<number> | null; readonly total: number };
type Found = Omit<RowLocation, 'index'>;

function notLocated(why: string): never {
  fail('NOT_LOCATED', why, { field: 'query' });
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * rows.locate: the row a Go-to query names and its index in the view (filter + sort). Rows and
 * offsets by binary search over file order, times over the view's time order (cached, as the
 * table's Time sort), ids by one pass over the index's typed columns.
 */
export async function locateRow(session: Session, args: Omit<LocateArgs, 'session_id'>): Promise<RowLocation> {
  const parsed = parseLocateQuery(args.query, session.segments.map((s) => s.name), args.time_zone);
  if (!parsed.ok) notLocated(parsed.why);
  // A store session's default order is time (row-page.ts): say so, so the view's index is right.
  const sort = args.sort ?? (session.located.store ? { key: 'time' as const, direction: 'asc' as const } : undefined);
  const view = await orderedMatches(session, args.filter, sort);
  const found = await resolve(session, parsed.target, args.filter, sort, view);
  return { ...found, index: indexInView(view, sort, found.row) };
}

async function resolve(session: Session, target: LocateTarget, filter: RowFilter | undefined, sort: RowSort | undefined, view: View): Promise<Found> {
  const store = session.store;
  switch (target.kind) {
    case 'row':
      if (target.row >= store.rows) {
        notLocated(`there is no row ${fmt(target.row)}: the log has ${fmt(store.rows)} rows (0–${fmt(Math.max(0, store.rows - 1))})`);
      }
      return { kind: 'row', row: target.row, exact: true, description: `row ${fmt(target.row)}` };
    case 'offset':
      return locateOffset(session, target.segment, target.offset);
    case 'time':
      return locateTime(session, target.ms, target.text, filter);
    case 'id':
      return locateId(session, target.id, target.as, view, sort);
  }
}

function locateOffset(session: Session, segment: string | null, offset: number): Found {
  const names = session.segments.map((s) => s.name);
  const candidates = segment === null ? names.map((_, i) => i) : [names.indexOf(segment)];
  const hits: number[] = [];
  for (const seg of candidates) {
    const row = rowContaining(session, seg, offset);
    if (row !== undefined) hits.push(row);
  }
  if (hits.length === 0) {
    const where = segment === null ? 'any segment' : segment;
    notLocated(`byte ${fmt(offset)} (0x${offset.toString(16)}) is past the end of ${where}`);
  }
  if (hits.length > 1) {
    const which = hits.map((r) => names[session.store.segment(r)]).join(', ');
    notLocated(`byte 0x${offset.toString(16)} is in several segments (${which}): write segment:offset, e.g. 0:0x${offset.toString(16)}`);
  }
  const row = hits[0]!;
  const start = session.store.offset(row);
  const name = names[session.store.segment(row)];
  const exact = start === offset;
  const description = exact ? `row ${fmt(row)} at ${name} 0x${offset.toString(16)}` : `row ${fmt(row)}, which holds byte 0x${offset.toString(16)} of ${name} (it starts at 0x${start.toString(16)})`;
  return { kind: 'offset', row, exact, description };
}

/** The row of segment `seg` whose bytes hold `offset` (file order is segment, then offset). */
function rowContaining(session: Session, seg: number, offset: number): number | undefined {
  const store = session.store;
  let lo = 0;
  let hi = store.rows - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = store.segment(mid);
    if (s < seg || (s === seg && store.offset(mid) <= offset)) {
      if (s === seg) best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return undefined;
  return offset < store.offset(best) + store.length(best) ? best : undefined;
}

async function locateTime(session: Session, ms: number, text: string, filter: RowFilter | undefined): Promise<Found> {
  const store = session.store;
  // The view's rows in time order: what the table's Time sort uses, cached with it.
  const byTime = await orderedMatches(session, filter, { key: 'time', direction: 'asc' });
  const at = (i: number) => (byTime.order ? byTime.order[i]! : i);
  const timeOf = (i: number) => {
    const t = store.time(at(i));
    return Number.isNaN(t) ? -Infinity : t;
  };
  let lo = 0;
  let hi = byTime.total;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(mid) < ms) lo = mid + 1;
    else hi = mid;
  }
  // lo: first at or after; lo - 1: last before (damage rows, timeless, sort first: skip them).
  const after = lo < byTime.total ? lo : -1;
  const before = lo - 1 >= 0 && timeOf(lo - 1) !== -Infinity ? lo - 1 : -1;
  if (after < 0 && before < 0) notLocated(filter && Object.keys(filter).length > 0 ? 'no row of the filtered view has a time' : 'the log has no entries with a time');
  const pick = after < 0 ? before : before < 0 ? after : ms - timeOf(before) <= timeOf(after) - ms ? before : after;
  const row = at(pick);
  const delta = store.time(row) - ms;
  const exact = delta === 0;
  const how = exact ? 'at' : `${formatDelta(Math.abs(delta))} ${delta > 0 ? 'after' : 'before'}`;
  return { kind: 'time', row, exact, description: `row ${fmt(row)}, the nearest entry: ${how} ${text}` };
}

function formatDelta(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

/** Grows a row list by one (rows are few: the entries of one id). */
function pushRow(out: { rows: Int32Array; n: number }, row: number): void {
  if (out.n === out.rows.length) {
    const grown = new Int32Array(out.rows.length * 2);
    grown.set(out.rows);
    out.rows = grown;
  }
  out.rows[out.n++] = row;
}

// One loop per kind of id, each over the typed columns with nothing called per row: at 10 M rows
// a shared loop taking a predicate cost 2-3x as much (the call site sees several closures).

/** Entry rows (file order) of one transaction. */
function transactionRows(session: Session, tx: TxMatch): Int32Array {
  const out = { rows: new Int32Array(64), n: 0 };
  const { lo, hi, reject } = tx;
  session.store.forEachChunk((c, base, count) => {
    const txLo = c.txLo;
    const txHi = c.txHi;
    const type = c.type;
    for (let i = 0; i < count; i++) {
      if (txLo[i] === lo && txHi[i] === hi && type[i] !== TYPE_DAMAGE && (reject.size === 0 || !reject.has(base + i))) pushRow(out, base + i);
    }
  });
  return out.rows.subarray(0, out.n);
}

/** Entry rows (file order) whose document id is one of `ids`. */
function documentRows(session: Session, ids: Int32Array): Int32Array {
  const out = { rows: new Int32Array(64), n: 0 };
  if (ids.length === 0) return out.rows.subarray(0, 0);
  const set = new IdSet(ids);
  const only = ids.length === 1 ? ids[0]! : -1;
  session.store.forEachChunk((c, base, count) => {
    const document = c.document;
    const type = c.type;
    for (let i = 0; i < count; i++) {
      const d = document[i]!;
      if ((only >= 0 ? d === only : set.has(d)) && type[i] !== TYPE_DAMAGE) pushRow(out, base + i);
    }
  });
  return out.rows.subarray(0, out.n);
}

/** The first of `rows` (file order) in view order, else the first in the file (the filter hides them all). */
function firstInView(view: View, sort: RowSort | undefined, rows: Int32Array): number {
  const { order, total } = view;
  if (!order) return rows[0]!;
  if (isFileOrder(sort)) {
    for (const row of rows) if (indexInView(view, sort, row) !== null) return row;
    return rows[0]!;
  }
  const mark = new Uint8Array(rows[rows.length - 1]! + 1);
  for (const row of rows) mark[row] = 1;
  for (let i = 0; i < total; i++) if (mark[order[i]!] === 1) return order[i]!;
  return rows[0]!;
}

async function locateId(session: Session, id: string, as: 'any' | 'transaction' | 'document', view: View, sort: RowSort | undefined): Promise<Found> {
  if (as !== 'document') {
    const tx = await matchTransaction(session, id);
    const rows = transactionRows(session, tx);
    if (rows.length > 0) {
      const row = firstInView(view, sort, rows);
      return { kind: 'transaction', row, exact: true, description: `row ${fmt(row)}, the first of transaction ${id}` };
    }
  }
  if (as !== 'transaction') {
    const rows = documentRows(session, session.store.ids.find(id));
    if (rows.length > 0) {
      const row = firstInView(view, sort, rows);
      return { kind: 'document', row, exact: true, description: `row ${fmt(row)}, the first of document ${id}` };
    }
  }
  const what = as === 'any' ? 'no row, transaction or document' : as === 'transaction' ? 'no transaction' : 'no document';
  notLocated(`${what} is “${id}”`);
}

function isFileOrder(sort: RowSort | undefined): boolean {
  return (sort?.key ?? 'file') === 'file' && sort?.direction !== 'desc';
}

/** Position of `row` in the view, or null when the filter hides it. */
function indexInView(view: View, sort: RowSort | undefined, row: number): number | null {
  const { order, total } = view;
  if (!order) return row < total ? row : null;
  if (isFileOrder(sort)) {
    // File order filtered: ascending row numbers.
    let lo = 0;
    let hi = total - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = order[mid]!;
      if (r === row) return mid;
      if (r < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }
  for (let i = 0; i < total; i++) if (order[i] === row) return i;
  return null;
}
