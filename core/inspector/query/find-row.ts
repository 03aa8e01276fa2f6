import type { Session } from '../session.js';

/** The row at (segment name, offset), by binary search over file order; undefined when none. */
export function findRow(session: Session, segment: string | undefined, offset: number | undefined): number | undefined {
  if (segment === undefined || offset === undefined) return undefined;
  const seg = session.segments.findIndex((s) => s.name === segment);
  if (seg < 0) return undefined;
  const store = session.store;
  let lo = 0;
  let hi = store.rows - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = store.segment(mid);
    const o = store.offset(mid);
    if (s === seg && o === offset) return mid;
    if (s < seg || (s === seg && o < offset)) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * Adds `row` to items that point at an entry (segment + offset). `segmentPrefix`: a store
 * session names its segments `<collection>/<segment>`, a collection's report only `<segment>`.
 */
export function withRows<T extends { readonly segment?: string; readonly offset?: number }>(session: Session, items: readonly T[], segmentPrefix = ''): (T & { row?: number })[] {
  return items.map((item) => {
    const row = findRow(session, item.segment === undefined ? undefined : segmentPrefix + item.segment, item.offset);
    return row === undefined ? item : { ...item, row };
  });
}
