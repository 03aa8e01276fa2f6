import type { EntryType } from './entry-type.js';
import { idText, type IdText } from './fixed-bytes.js';

/**
 * One WAL entry as stored. Ids are kept as their stored bytes so that an entry read from a
 * file re-encodes to exactly the same bytes, even when an id was cut mid-character.
 */
export interface LogEntry {
  readonly entryType: EntryType;
  /** Always 32 bytes. */
  readonly transactionId: Uint8Array;
  /** 0..256 bytes, normally a multiple of 16, zero-padded. */
  readonly collection: Uint8Array;
  readonly documentId: Uint8Array;
  /** Milliseconds since the Unix epoch, full u64 range. */
  readonly timestamp: bigint;
  /** The compact JSON text, or null when the entry carries no data. */
  readonly data: string | null;
}

export const U64_MAX = (1n << 64n) - 1n;

/** The entry's ids as text (trimmed UTF-8, lossy where the bytes are invalid). */
export interface EntryText {
  readonly entryType: EntryType;
  readonly transactionId: string;
  readonly collection: string;
  readonly documentId: string;
  readonly timestamp: bigint;
  readonly data: string | null;
  /** false when any of the three ids is not valid UTF-8. */
  readonly idUtf8Valid: boolean;
}

export function entryText(entry: LogEntry): EntryText {
  return entryTextOf(entry, idText(entry.transactionId), idText(entry.collection), idText(entry.documentId));
}

/** The entry with the texts of its ids given (a caller that keeps them, as verification does). */
export function entryTextOf(entry: LogEntry, tx: IdText, col: IdText, doc: IdText): EntryText {
  return {
    entryType: entry.entryType,
    transactionId: tx.text,
    collection: col.text,
    documentId: doc.text,
    timestamp: entry.timestamp,
    data: entry.data,
    idUtf8Valid: tx.utf8Valid && col.utf8Valid && doc.utf8Valid,
  };
}
