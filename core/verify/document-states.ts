import type { TransactionFate } from './transaction-fates.js';
import type { EntryPosition } from './verify-types.js';

type OpType = 'Insert' | 'Update' | 'Delete';

/** An operation of a rolled-back or never-terminated transaction: what our findings compare with the disk. */
export interface UncommittedOp {
  readonly type: OpType;
  readonly transactionId: string;
  readonly data: string | null;
  readonly at: EntryPosition;
  readonly fate: 'rolled-back' | 'unterminated';
  /** Its place in the log. */
  readonly seq: number;
}

/** What the committed work of the log leaves for a document: its data (as text) or a Delete. */
export type CommittedText =
  | { readonly kind: 'present'; readonly dataText: string; readonly at: EntryPosition; readonly seq: number }
  | { readonly kind: 'deleted'; readonly at: EntryPosition; readonly seq: number };

/** One document as verification keeps it: never its operations, only what the findings need. */
export interface DocumentState {
  committed?: CommittedText;
  uncommitted?: UncommittedOp[];
  hasDelete: boolean;
  /** Its last operation in the log, whatever its transaction's fate, is a Delete. */
  lastDelete: boolean;
}

interface Pending {
  readonly doc: DocumentState;
  readonly type: OpType;
  readonly transactionId: string;
  readonly data: string | null;
  /** The data parses (Insert/Update): it can be the committed state. */
  readonly valid: boolean;
  readonly at: EntryPosition;
  readonly seq: number;
}

/**
 * Per-document state of a verification, built as the chain streams by: memory follows the
 * number and size of distinct documents, not the log. Operations of a transaction still open
 * wait (by transaction index) until its Commit or Rollback, then settle: committed ones may
 * become the document's committed state (the latest in log order wins, whenever it settles),
 * uncommitted ones are kept for the findings.
 */
export class DocumentStates {
  readonly byId = new Map<string, DocumentState>();
  private readonly pending = new Map<number, Pending[]>();
  private seq = 0;

  /** `fate`: the transaction's so far ('open': wait for its end, at index `tx`). */
  operation(
    documentId: string, op: { type: OpType; transactionId: string; data: string | null; valid: boolean; at: EntryPosition },
    tx: number, fate: TransactionFate | 'open' | undefined,
  ): void {
    let doc = this.byId.get(documentId);
    if (!doc) this.byId.set(documentId, (doc = { hasDelete: false, lastDelete: false }));
    doc.lastDelete = op.type === 'Delete';
    if (doc.lastDelete) doc.hasDelete = true;
    const p: Pending = { doc, type: op.type, transactionId: op.transactionId, data: op.data, valid: op.valid, at: op.at, seq: ++this.seq };
    if (fate !== 'open') return settle(p, fate);
    let list = this.pending.get(tx);
    if (!list) this.pending.set(tx, (list = []));
    list.push(p);
  }

  /** A transaction's Commit or Rollback after its Begin. */
  decided(tx: number, fate: 'committed' | 'rolled-back'): void {
    const list = this.pending.get(tx);
    if (!list) return;
    this.pending.delete(tx);
    for (const p of list) settle(p, fate);
  }

  /** The documents whose last operation in the log is a Delete. */
  deletedLast(): Set<string> {
    const ids = new Set<string>();
    for (const [id, doc] of this.byId) if (doc.lastDelete) ids.add(id);
    return ids;
  }

  /** After the last record: what still waits was never terminated. */
  finish(): void {
    for (const list of this.pending.values()) for (const p of list) settle(p, 'unterminated');
    this.pending.clear();
  }
}

function settle(p: Pending, fate: TransactionFate | undefined): void {
  if (fate === 'rolled-back' || fate === 'unterminated') {
    (p.doc.uncommitted ??= []).push({ type: p.type, transactionId: p.transactionId, data: p.data, at: p.at, fate, seq: p.seq });
    return;
  }
  const cur = p.doc.committed;
  if (cur && cur.seq > p.seq) return;
  if (p.type === 'Delete') p.doc.committed = { kind: 'deleted', at: p.at, seq: p.seq };
  else if (p.data !== null && p.valid) p.doc.committed = { kind: 'present', dataText: p.data, at: p.at, seq: p.seq };
}
