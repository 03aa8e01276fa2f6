import { HistoryError } from './history-error.js';

/** Where `--until` cuts the history (FORMAT-level meaning in the README's recovery section). */
export type UntilTarget =
  | { readonly kind: 'time'; readonly ms: bigint; readonly text: string }
  | { readonly kind: 'position'; readonly segment: string; readonly offset: number; readonly text: string }
  | { readonly kind: 'transaction'; readonly transactionId: string; readonly text: string };

/** Milliseconds (digits) or an ISO 8601 date-time with a zone, as milliseconds since the epoch. */
export function parseTime(text: string, option: string): bigint {
  const t = text.trim();
  if (/^\d+$/.test(t)) return BigInt(t);
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(t)) {
    const ms = Date.parse(t.length === 10 ? `${t}T00:00:00Z` : t);
    if (Number.isFinite(ms) && ms >= 0) return BigInt(ms);
  }
  throw new HistoryError('INVALID_TARGET', `${option}: "${text}" is not milliseconds since the epoch or an ISO time with a zone (2025-11-19T09:19:46Z)`);
}

/**
 * `--until`: milliseconds, an ISO time, `segment:offset` (a segment file name of the chain
 * and a byte offset in it), or a transaction id.
 */
export function parseUntil(text: string): UntilTarget {
  const t = text.trim();
  if (/^\d+$/.test(t) || /^\d{4}-\d{2}-\d{2}/.test(t)) return { kind: 'time', ms: parseTime(t, '--until'), text: t };
  const pos = /^(.+):(\d+)$/.exec(t);
  if (pos) return { kind: 'position', segment: pos[1]!, offset: Number(pos[2]), text: t };
  if (/^[A-Za-z0-9_-]{1,32}$/.test(t)) return { kind: 'transaction', transactionId: t, text: t };
  throw new HistoryError('INVALID_TARGET', `--until: "${text}" is not milliseconds, an ISO time, segment:offset or a transaction id`);
}

/** `--exclude-range FROM..TO`: a time window, both ends included. */
export function parseRange(text: string): { readonly from: bigint; readonly to: bigint; readonly text: string } {
  const parts = text.split('..');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new HistoryError('INVALID_TARGET', `--exclude-range: "${text}" is not FROM..TO (milliseconds or ISO times)`);
  }
  const from = parseTime(parts[0], '--exclude-range');
  const to = parseTime(parts[1], '--exclude-range');
  if (to < from) throw new HistoryError('INVALID_TARGET', `--exclude-range: "${text}" ends before it starts`);
  return { from, to, text };
}

/** `--document ID` or `--document 'prefix*'`. */
export interface DocumentFilter {
  readonly id?: string;
  readonly prefix?: string;
}

export function parseDocumentFilter(text: string | undefined): DocumentFilter {
  if (text === undefined) return {};
  if (text === '' || text === '*') throw new HistoryError('INVALID_TARGET', `--document: "${text}" names no document`);
  return text.endsWith('*') ? { prefix: text.slice(0, -1) } : { id: text };
}

export function matchesDocument(filter: DocumentFilter, id: string): boolean {
  if (filter.id !== undefined) return id === filter.id;
  if (filter.prefix !== undefined) return id.startsWith(filter.prefix);
  return true;
}
