import { init } from '@paralleldrive/cuid2';
import type { EntryType } from './entry-type.js';
import { fixedBytes256, fixedBytes32 } from './fixed-bytes.js';
import { U64_MAX, type LogEntry } from './log-entry.js';

/**
 * Making new entries (the writer's side). Apart from log-entry.ts because the id generator
 * (cuid2, with its SHA-3 and big-number dependencies) costs ~60 ms to load, which a command
 * that only reads a log should not pay.
 */
const createCuid = init({ length: 32 });

export function newTransactionId(): string {
  return createCuid();
}

export interface NewEntryFields {
  entryType: EntryType;
  transactionId?: string;
  collection: string;
  documentId: string;
  timestamp?: bigint;
  data?: string | null;
}

/** Builds an entry from strings the way the original's `LogEntry::new` does. */
export function createEntry(fields: NewEntryFields): LogEntry {
  const timestamp = fields.timestamp ?? BigInt(Date.now());
  if (timestamp < 0n || timestamp > U64_MAX) throw new RangeError(`timestamp ${timestamp} is outside the u64 range`);
  return {
    entryType: fields.entryType,
    transactionId: fixedBytes32(fields.transactionId ?? newTransactionId()),
    collection: fixedBytes256(fields.collection),
    documentId: fixedBytes256(fields.documentId),
    timestamp,
    data: fields.data ?? null,
  };
}
