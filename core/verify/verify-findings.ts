import { jsonEquals, parseJson, type JsonValue } from '../json/index.js';
import type { EntryType } from '../wal/entry-type.js';
import type { DiskView } from './disk-view.js';
import type { CommittedText, DocumentStates } from './document-states.js';
import type { FateBook } from './fate-book.js';
import type { FindingList } from './finding-list.js';
import type { StateEntry, VerifyIssue, EntryPosition } from './verify-types.js';
import { stateData } from './original-rules.js';

const MAX_LISTED = 1000;

export interface InvalidUtf8Entry {
  readonly transactionId: string;
  readonly documentId: string;
  readonly at: EntryPosition;
  readonly type: EntryType;
}

export interface FindingInput {
  readonly issues: readonly VerifyIssue[];
  /** The data of each listed "already exists" issue's Insert, by issue index. */
  readonly repeatedData: ReadonlyMap<number, string>;
  readonly state: ReadonlyMap<string, StateEntry>;
  readonly docs: DocumentStates;
  readonly book: FateBook;
  /** The first entries with an id that is not UTF-8, and how many there are. */
  readonly invalidUtf8: readonly InvalidUtf8Entry[];
  readonly invalidUtf8Count: number;
  /** Absent when no store was given (findings about the disk are then left out). */
  readonly disk?: DiskView;
  readonly diskIds?: readonly string[];
}

function uncommitted(fate: string | undefined): fate is 'rolled-back' | 'unterminated' {
  return fate === 'rolled-back' || fate === 'unterminated';
}

function fateWords(fate: 'rolled-back' | 'unterminated'): string {
  return fate === 'rolled-back' ? 'was rolled back' : 'was never committed';
}

/** The committed state's data, parsed (its text was checked to parse when it was read). */
function committedData(c: CommittedText | undefined): JsonValue | undefined {
  if (c?.kind !== 'present') return undefined;
  const parsed = parseJson(c.dataText);
  return parsed.ok ? parsed.value : undefined;
}

/** Transactions that have a Begin and neither a Commit nor a Rollback after it. */
function unterminatedTransactions(book: FateBook, out: FindingList): void {
  for (const t of book.unterminated()) {
    out.add({
      kind: 'unterminated-transaction',
      description: `Transaction ${t.transactionId} never ends (no Commit or Rollback after its Begin; ${t.operations} operation${t.operations === 1 ? '' : 's'})`,
      transactionId: t.transactionId, segment: t.begin.segment, offset: t.begin.offset,
    });
  }
}

function invalidUtf8(input: FindingInput, out: FindingList): void {
  for (const e of input.invalidUtf8) {
    out.add({
      kind: 'invalid-utf8-id',
      description: `${e.type} entry has an id that is not valid UTF-8 (the original panics on it); shown as ${JSON.stringify(e.documentId)}`,
      transactionId: e.transactionId, documentId: e.documentId, segment: e.at.segment, offset: e.at.offset,
    });
  }
  // Past the listing they are only counted: the same kind, no text kept for them.
  for (let i = input.invalidUtf8.length; i < input.invalidUtf8Count; i++) out.add({ kind: 'invalid-utf8-id', description: '' });
}

async function diskData(disk: DiskView, id: string): Promise<{ present: boolean; data?: JsonValue } | undefined> {
  const r = await disk.get(id);
  if (!r.ok) return undefined;
  return r.value ? { present: true, data: r.value.data } : { present: false };
}

/**
 * The documents whose disk copy the findings look at again after the final check (a superset:
 * those with an operation that was not committed, and those with a Delete); others are read
 * again only for the rare false alarm about them.
 */
export function documentsReadAgain(docs: DocumentStates): Set<string> {
  const out = new Set<string>();
  for (const [id, d] of docs.byId) if (d.hasDelete || d.uncommitted) out.add(id);
  return out;
}

/** Rolled-back or unterminated operations whose effect is what the disk holds. */
async function uncommittedOnDisk(input: FindingInput, disk: DiskView, out: FindingList): Promise<void> {
  for (const [id, doc] of input.docs.byId) {
    if (!doc.uncommitted) continue;
    const seen = await diskData(disk, id);
    if (!seen) continue;
    const committed = doc.committed;
    const committedValue = committedData(committed);
    // In log order (a Rollback settles its operations before those left unterminated).
    for (const op of [...doc.uncommitted].sort((a, b) => a.seq - b.seq)) {
      let shows = false;
      if (op.type === 'Delete') shows = !seen.present && committed?.kind === 'present';
      else if (op.data !== null && seen.present) {
        const parsed = parseJson(op.data);
        shows = parsed.ok && jsonEquals(parsed.value, seen.data!) && !(committedValue !== undefined && jsonEquals(committedValue, parsed.value));
      }
      if (!shows) continue;
      out.add({
        kind: 'uncommitted-on-disk',
        description: `${op.type} of ${id} in transaction ${op.transactionId}, which ${fateWords(op.fate)}, is on disk`,
        transactionId: op.transactionId, documentId: id, segment: op.at.segment, offset: op.at.offset,
      });
    }
  }
}

/** Documents whose last committed operation is a Delete and that are still live on disk. */
async function deletedStillOnDisk(input: FindingInput, disk: DiskView, out: FindingList): Promise<void> {
  for (const [id, doc] of input.docs.byId) {
    const committed = doc.committed;
    if (committed?.kind !== 'deleted') continue;
    const seen = await diskData(disk, id);
    if (!seen?.present) continue;
    out.add({
      kind: 'deleted-still-on-disk', description: `Document ${id} is deleted by the log but still on disk`,
      documentId: id, segment: committed.at.segment, offset: committed.at.offset,
    });
  }
}

function unknownDocuments(input: FindingInput, out: FindingList): void {
  const unknown = (input.diskIds ?? []).filter((id) => !input.docs.byId.has(id));
  if (unknown.length === 0) return;
  out.add({
    kind: 'unknown-documents',
    description: `${unknown.length} document${unknown.length === 1 ? '' : 's'} on disk ${unknown.length === 1 ? 'is' : 'are'} never mentioned by the log (informational)`,
    count: unknown.length, documentIds: unknown.slice(0, MAX_LISTED),
  });
}

/** The fate of the transaction that put a state entry there. */
function fateOfState(input: FindingInput, source: StateEntry | undefined): 'rolled-back' | 'unterminated' | 'committed' | undefined {
  if (!source) return undefined;
  return input.book.fateOf(input.book.indexOfText(source.transactionId));
}

/** Issues of the original's rules that are not problems, each explained. */
async function falseAlarms(input: FindingInput, out: FindingList): Promise<void> {
  for (const [index, issue] of input.issues.entries()) {
    const base = { kind: 'false-alarm' as const, issue: index, transactionId: issue.transactionId, documentId: issue.documentId,
      ...(issue.segment !== undefined ? { segment: issue.segment, offset: issue.offset } : {}) };
    if (issue.description.startsWith('Transaction rollback')) {
      out.add({ ...base, description: 'The original cannot undo an Update or Delete in verification; the Rollback itself is fine (its state keeps the rolled-back data)' });
    } else if (issue.description === 'Transaction missing begin entry') {
      out.add({ ...base, description: 'A Commit for a transaction id that has no Begin: nothing to undo or apply' });
    } else if (issue.description.endsWith('already exists in WAL state')) {
      const earlier = input.state.get(issue.documentId);
      const data = input.repeatedData.get(index);
      const parsed = data !== undefined ? parseJson(data) : undefined;
      if (earlier && parsed?.ok && jsonEquals(stateData(earlier), parsed.value)) {
        out.add({ ...base, description: `This Insert repeats the data the log already holds for ${issue.documentId}: a repeated write` });
      }
    } else if (issue.transactionId === 'final_check' && input.disk && !issue.description.startsWith('Failed to read')) {
      const source = input.state.get(issue.documentId);
      const fate = fateOfState(input, source);
      const committed = input.docs.byId.get(issue.documentId)?.committed;
      const seen = await diskData(input.disk, issue.documentId);
      if (!seen) continue;
      // No committed entry touches the document: the committed log says nothing against the disk.
      const agrees = committed === undefined
        ? uncommitted(fate)
        : committed.kind === 'present' ? seen.present && jsonEquals(committedData(committed)!, seen.data!) : !seen.present;
      if (!agrees) continue;
      const why = source && uncommitted(fate)
        ? `the log's state for ${issue.documentId} comes from transaction ${source.transactionId}, which ${fateWords(fate)}`
        : `the original's rules do not undo rolled-back work`;
      out.add({ ...base, description: `Not a problem: ${why}; the disk holds what the committed work of the log says` });
    }
  }
}

/** Our findings (FORMAT.md, end of "Verification"), in a stable order, into `out`. */
export async function computeFindings(input: FindingInput, out: FindingList): Promise<void> {
  unterminatedTransactions(input.book, out);
  invalidUtf8(input, out);
  if (input.disk) {
    await uncommittedOnDisk(input, input.disk, out);
    await deletedStillOnDisk(input, input.disk, out);
    unknownDocuments(input, out);
  }
  await falseAlarms(input, out);
}
