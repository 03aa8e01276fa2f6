import { jsonEquals, parseJson, type JsonValue } from '../json/index.js';
import type { DiskView } from './disk-view.js';
import type { LogHistory } from './log-history.js';
import type { TransactionFate, TransactionFateTracker } from './transaction-fates.js';
import type { Finding, StateEntry, VerifyIssue } from './verify-types.js';
import { stateData } from './original-rules.js';

const MAX_LISTED = 1000;

export interface FindingInput {
  readonly issues: readonly VerifyIssue[];
  readonly state: ReadonlyMap<string, StateEntry>;
  readonly history: LogHistory;
  readonly fates: TransactionFateTracker;
  /** Absent when no store was given (findings about the disk are then left out). */
  readonly disk?: DiskView;
  readonly diskIds?: readonly string[];
}

function uncommitted(fate: TransactionFate | undefined): fate is 'rolled-back' | 'unterminated' {
  return fate === 'rolled-back' || fate === 'unterminated';
}

function fateWords(fate: 'rolled-back' | 'unterminated'): string {
  return fate === 'rolled-back' ? 'was rolled back' : 'was never committed';
}

/** Transactions that have a Begin and neither a Commit nor a Rollback after it. */
function unterminatedTransactions(fates: TransactionFateTracker): Finding[] {
  return fates.transactions().filter((t) => t.fate === 'unterminated').map((t) => ({
    kind: 'unterminated-transaction',
    description: `Transaction ${t.transactionId} never ends (no Commit or Rollback after its Begin; ${t.operations} operation${t.operations === 1 ? '' : 's'})`,
    transactionId: t.transactionId, segment: t.begin.segment, offset: t.begin.offset,
  }));
}

function invalidUtf8(history: LogHistory): Finding[] {
  return history.invalidUtf8.map((e) => ({
    kind: 'invalid-utf8-id',
    description: `${e.type} entry has an id that is not valid UTF-8 (the original panics on it); shown as ${JSON.stringify(e.documentId)}`,
    transactionId: e.transactionId, documentId: e.documentId, segment: e.at.segment, offset: e.at.offset,
  }));
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
export function documentsReadAgain(history: LogHistory, fates: TransactionFateTracker): Set<string> {
  const out = new Set<string>();
  for (const [id, ops] of history.byDocument) {
    if (ops.some((op) => op.type === 'Delete' || uncommitted(fates.fateOf(op.transactionId)))) out.add(id);
  }
  return out;
}

/** Rolled-back or unterminated operations whose effect is what the disk holds. */
async function uncommittedOnDisk(input: FindingInput, disk: DiskView): Promise<Finding[]> {
  const out: Finding[] = [];
  const fateOf = (tx: string) => input.fates.fateOf(tx);
  for (const [id, ops] of input.history.byDocument) {
    for (const op of ops) {
      const fate = fateOf(op.transactionId);
      if (!uncommitted(fate)) continue;
      const seen = await diskData(disk, id);
      if (!seen) continue;
      const committed = input.history.committedState(id, fateOf);
      let shows = false;
      if (op.type === 'Delete') shows = !seen.present && committed?.kind === 'present';
      else if (op.data !== null && seen.present) {
        const parsed = parseJson(op.data);
        shows = parsed.ok && jsonEquals(parsed.value, seen.data!) && !(committed?.kind === 'present' && jsonEquals(committed.data, parsed.value));
      }
      if (!shows) continue;
      out.push({
        kind: 'uncommitted-on-disk',
        description: `${op.type} of ${id} in transaction ${op.transactionId}, which ${fateWords(fate)}, is on disk`,
        transactionId: op.transactionId, documentId: id, segment: op.at.segment, offset: op.at.offset,
      });
    }
  }
  return out;
}

/** Documents whose last committed operation is a Delete and that are still live on disk. */
async function deletedStillOnDisk(input: FindingInput, disk: DiskView): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const id of input.history.byDocument.keys()) {
    const committed = input.history.committedState(id, (tx) => input.fates.fateOf(tx));
    if (committed?.kind !== 'deleted') continue;
    const seen = await diskData(disk, id);
    if (!seen?.present) continue;
    out.push({
      kind: 'deleted-still-on-disk', description: `Document ${id} is deleted by the log but still on disk`,
      documentId: id, segment: committed.at.segment, offset: committed.at.offset,
    });
  }
  return out;
}

function unknownDocuments(input: FindingInput): Finding[] {
  const unknown = (input.diskIds ?? []).filter((id) => !input.history.byDocument.has(id));
  if (unknown.length === 0) return [];
  return [{
    kind: 'unknown-documents',
    description: `${unknown.length} document${unknown.length === 1 ? '' : 's'} on disk ${unknown.length === 1 ? 'is' : 'are'} never mentioned by the log (informational)`,
    count: unknown.length, documentIds: unknown.slice(0, MAX_LISTED),
  }];
}

/** Issues of the original's rules that are not problems, each explained. */
async function falseAlarms(input: FindingInput): Promise<Finding[]> {
  const out: Finding[] = [];
  const fateOf = (tx: string) => input.fates.fateOf(tx);
  for (const [index, issue] of input.issues.entries()) {
    const base = { kind: 'false-alarm' as const, issue: index, transactionId: issue.transactionId, documentId: issue.documentId,
      ...(issue.segment !== undefined ? { segment: issue.segment, offset: issue.offset } : {}) };
    if (issue.description.startsWith('Transaction rollback')) {
      out.push({ ...base, description: 'The original cannot undo an Update or Delete in verification; the Rollback itself is fine (its state keeps the rolled-back data)' });
    } else if (issue.description === 'Transaction missing begin entry') {
      out.push({ ...base, description: 'A Commit for a transaction id that has no Begin: nothing to undo or apply' });
    } else if (issue.description.endsWith('already exists in WAL state')) {
      const earlier = input.state.get(issue.documentId);
      const ops = input.history.byDocument.get(issue.documentId) ?? [];
      const op = ops.find((o) => o.at.segment === issue.segment && o.at.offset === issue.offset);
      const parsed = op?.data != null ? parseJson(op.data) : undefined;
      if (earlier && parsed?.ok && jsonEquals(stateData(earlier), parsed.value)) {
        out.push({ ...base, description: `This Insert repeats the data the log already holds for ${issue.documentId}: a repeated write` });
      }
    } else if (issue.transactionId === 'final_check' && input.disk && !issue.description.startsWith('Failed to read')) {
      const source = input.state.get(issue.documentId);
      const fate = source ? fateOf(source.transactionId) : undefined;
      const committed = input.history.committedState(issue.documentId, fateOf);
      const seen = await diskData(input.disk, issue.documentId);
      if (!seen) continue;
      // No committed entry touches the document: the committed log says nothing against the disk.
      const agrees = committed === undefined
        ? uncommitted(fate)
        : committed.kind === 'present' ? seen.present && jsonEquals(committed.data, seen.data!) : !seen.present;
      if (!agrees) continue;
      const why = source && uncommitted(fate)
        ? `the log's state for ${issue.documentId} comes from transaction ${source.transactionId}, which ${fateWords(fate)}`
        : `the original's rules do not undo rolled-back work`;
      out.push({ ...base, description: `Not a problem: ${why}; the disk holds what the committed work of the log says` });
    }
  }
  return out;
}

/** Our findings (FORMAT.md, end of "Verification"), in a stable order. */
export async function computeFindings(input: FindingInput): Promise<Finding[]> {
  // concat, not push(...): a log can have more findings than call arguments fit on the stack.
  let out = unterminatedTransactions(input.fates).concat(invalidUtf8(input.history));
  if (input.disk) {
    out = out.concat(await uncommittedOnDisk(input, input.disk), await deletedStillOnDisk(input, input.disk), unknownDocuments(input));
  }
  return out.concat(await falseAlarms(input));
}
