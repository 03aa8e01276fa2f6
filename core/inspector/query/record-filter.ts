import type { EntryType } from '../../wal/entry-type.js';
import { idText } from '../../wal/fixed-bytes.js';
import type { EntryRecord } from '../../wal/records.js';

/** Which entries a reader of the log wants to see (every field optional; all must match). */
export interface EntryFilter {
  readonly types?: readonly EntryType[];
  readonly collection?: string;
  readonly documentId?: string;
  /** Document ids that start with this text. */
  readonly documentIdPrefix?: string;
  readonly transactionId?: string;
  /** Inclusive bounds, milliseconds. */
  readonly since?: bigint;
  readonly until?: bigint;
}

export function matchesFilter(record: EntryRecord, f: EntryFilter): boolean {
  const e = record.entry;
  if (f.types && !f.types.includes(e.entryType)) return false;
  if (f.since !== undefined && e.timestamp < f.since) return false;
  if (f.until !== undefined && e.timestamp > f.until) return false;
  if (f.collection !== undefined && idText(e.collection).text !== f.collection) return false;
  if (f.documentId !== undefined && idText(e.documentId).text !== f.documentId) return false;
  if (f.documentIdPrefix !== undefined && !idText(e.documentId).text.startsWith(f.documentIdPrefix)) return false;
  if (f.transactionId !== undefined && idText(e.transactionId).text !== f.transactionId) return false;
  return true;
}
