import { parseJson, type JsonValue } from '../json/index.js';
import type { EntryType } from '../wal/entry-type.js';
import { entryText, type EntryText } from '../wal/log-entry.js';
import type { EntryRecord } from '../wal/records.js';
import { isDroppedByCommittedOnly, type TransactionFate } from './transaction-fates.js';
import type { EntryPosition } from './verify-types.js';

/** One Insert/Update/Delete entry of a document, as our findings need it. */
export interface DocumentOp {
  readonly type: 'Insert' | 'Update' | 'Delete';
  readonly transactionId: string;
  /** The stored text (parsed only when a finding needs it). */
  readonly data: string | null;
  readonly at: EntryPosition;
}

/** The log's committed view of one document: present with data, or deleted by its last operation. */
export type CommittedState =
  | { readonly kind: 'present'; readonly data: JsonValue; readonly at: EntryPosition }
  | { readonly kind: 'deleted'; readonly at: EntryPosition };

/** Every document operation of the log, by document id, plus entries with ids that are not UTF-8. */
export class LogHistory {
  readonly byDocument = new Map<string, DocumentOp[]>();
  readonly invalidUtf8: { transactionId: string; documentId: string; at: EntryPosition; type: EntryType }[] = [];

  /** `t`: the entry's text, when the caller has it already. */
  add(record: EntryRecord, t: EntryText = entryText(record.entry)): void {
    const at = { segment: record.segment, offset: record.offset };
    if (!t.idUtf8Valid) this.invalidUtf8.push({ transactionId: t.transactionId, documentId: t.documentId, at, type: t.entryType });
    if (t.entryType !== 'Insert' && t.entryType !== 'Update' && t.entryType !== 'Delete') return;
    let ops = this.byDocument.get(t.documentId);
    if (!ops) this.byDocument.set(t.documentId, (ops = []));
    ops.push({ type: t.entryType, transactionId: t.transactionId, data: t.data, at });
  }

  /**
   * What the committed work of the log leaves for `id`: standalone and committed entries only,
   * each Insert/Update with valid data setting the document, each Delete removing it.
   * Undefined when no such entry touches it.
   */
  committedState(id: string, fateOf: (tx: string) => TransactionFate | undefined): CommittedState | undefined {
    const ops = this.byDocument.get(id) ?? [];
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i]!;
      if (isDroppedByCommittedOnly(op.type, fateOf(op.transactionId))) continue;
      if (op.type === 'Delete') return { kind: 'deleted', at: op.at };
      if (op.data === null) continue;
      const parsed = parseJson(op.data);
      if (parsed.ok) return { kind: 'present', data: parsed.value, at: op.at };
    }
    return undefined;
  }
}
