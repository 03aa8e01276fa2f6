import type { RowFilter } from '../../contract/contract-types.js';
import { ENTRY_TYPE_NAMES } from '../../contract/contract.js';
import type { EntryRecord } from '../../wal/records.js';

/** The RowFilter fields a streamed entry can be tested on without an index (a text search needs one). */
export type RecordFilter = Pick<RowFilter, 'types' | 'collection' | 'document_id' | 'document_id_prefix' | 'transaction_id' | 'time_from' | 'time_to'>;

const encoder = new TextEncoder();
const TYPE_BIT = Object.fromEntries(ENTRY_TYPE_NAMES.map((t, i) => [t, 1 << i])) as Record<string, number>;

/** Bytes [0, end) of an id without its trailing zero padding. */
function trimmedLength(b: Uint8Array): number {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return end;
}

function idTest(text: string | undefined, prefix: boolean): ((id: Uint8Array) => boolean) | null {
  if (text === undefined) return null;
  const want = encoder.encode(text);
  return (id) => {
    const len = trimmedLength(id);
    if (prefix ? len < want.length : len !== want.length) return false;
    for (let i = 0; i < want.length; i++) if (id[i] !== want[i]) return false;
    return true;
  };
}

/**
 * A RowFilter as rows.page means it (query/row-filter.ts over the index), for entries a reader
 * streams (dump): types by name; collection, document and transaction ids compared by their
 * bytes without zero padding against the text's UTF-8 (a lossy U+FFFD text matches no id that
 * is not UTF-8, as in the index); inclusive ms bounds. Every field given must hold.
 */
export function recordMatcher(f: RecordFilter): (record: EntryRecord) => boolean {
  let typeMask = -1;
  if (f.types) {
    typeMask = 0;
    for (const t of f.types) typeMask |= TYPE_BIT[t]!;
  }
  const from = f.time_from === undefined ? null : BigInt(Math.ceil(f.time_from));
  const to = f.time_to === undefined ? null : BigInt(Math.floor(f.time_to));
  const collection = idTest(f.collection, false);
  const document = idTest(f.document_id, false);
  const documentPrefix = idTest(f.document_id_prefix, true);
  const transaction = idTest(f.transaction_id, false);
  return (record) => {
    const e = record.entry;
    if ((typeMask & TYPE_BIT[e.entryType]!) === 0) return false;
    if (from !== null && e.timestamp < from) return false;
    if (to !== null && e.timestamp > to) return false;
    if (collection && !collection(e.collection)) return false;
    if (document && !document(e.documentId)) return false;
    if (documentPrefix && !documentPrefix(e.documentId)) return false;
    if (transaction && !transaction(e.transactionId)) return false;
    return true;
  };
}
