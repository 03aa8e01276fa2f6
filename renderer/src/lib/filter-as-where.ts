import type { RowFilter } from '../contract.js';

const quote = (s: string) => JSON.stringify(s);

/**
 * The simple filters (chips and fields) as the CEL expression that selects the same entries,
 * with any `where` already set ANDed; null when there is nothing to say. Text search and the
 * damage mode have no expression of their own here and stay as they are.
 */
export function filterAsWhere(f: RowFilter): string | null {
  const parts: string[] = [];
  if (f.types?.length) parts.push(f.types.length === 1 ? `entry_type == ${quote(f.types[0]!)}` : `entry_type in [${f.types.map(quote).join(', ')}]`);
  if (f.collection !== undefined) parts.push(`collection == ${quote(f.collection)}`);
  if (f.document_id !== undefined) parts.push(`document_id == ${quote(f.document_id)}`);
  if (f.document_id_prefix !== undefined) parts.push(`document_id.startsWith(${quote(f.document_id_prefix)})`);
  if (f.transaction_id !== undefined) parts.push(`transaction_id == ${quote(f.transaction_id)}`);
  if (f.time_from !== undefined) parts.push(`timestamp >= ${Math.ceil(f.time_from)}u`);
  if (f.time_to !== undefined) parts.push(`timestamp <= ${Math.floor(f.time_to)}u`);
  if (f.where) parts.push(parts.length ? `(${f.where})` : f.where);
  return parts.length ? parts.join(' && ') : null;
}

/** The filter with the fields filterAsWhere moved into `where` taken out. */
export function withoutChips(f: RowFilter): RowFilter {
  const { types: _t, collection: _c, document_id: _d, document_id_prefix: _p, transaction_id: _x, time_from: _f, time_to: _to, where: _w, ...rest } = f;
  return rest;
}
