import { jsonEquals } from '../json/index.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import type { EntryText } from '../wal/log-entry.js';
import type { WalRecord } from '../wal/records.js';
import { DamagedTransactionWatch } from './damaged-transaction-watch.js';
import { DiskView } from './disk-view.js';
import { DocumentStates } from './document-states.js';
import { EntryTexts } from './entry-texts.js';
import { FateBook } from './fate-book.js';
import { FindingList } from './finding-list.js';
import { OriginalRules, stateData } from './original-rules.js';
import { computeFindings, documentsReadAgain, type InvalidUtf8Entry } from './verify-findings.js';
import type { DataCheckSource, EntryPosition, VerifyIssue, VerifyOptions, VerifyResult, VerifyStore } from './verify-types.js';

const PROGRESS_EVERY = 4096;

/** Records one by one, or in batches (readLogBatches: one await per batch). */
type Records = AsyncIterable<WalRecord | readonly WalRecord[]> | Iterable<WalRecord>;

/** One pass's state: the original's rules and ours, per document and per transaction. */
interface Pass {
  readonly rules: OriginalRules;
  readonly docs: DocumentStates;
  readonly book: FateBook;
  readonly issues: VerifyIssue[];
  readonly counts: { critical: number; warning: number };
  /** Data of listed "already exists" issues, by issue index (their false alarm compares it). */
  readonly repeatedData: Map<number, string>;
  readonly invalidUtf8: InvalidUtf8Entry[];
  invalidUtf8Count: number;
  readonly damagedTx: DamagedTransactionWatch;
}

/** One read of the chain. */
async function readPass(records: Records, book: FateBook, options: VerifyOptions): Promise<Pass> {
  const max = options.listed ?? Infinity;
  const checks = options.dataChecks ? await options.dataChecks() : undefined;
  try {
    return await readPassWith(records, book, options, max, checks);
  } finally {
    checks?.close();
  }
}

async function readPassWith(records: Records, book: FateBook, options: VerifyOptions, max: number, checks: DataCheckSource | undefined): Promise<Pass> {
  const pass: Pass = {
    rules: new OriginalRules(checks ? (at, data) => checks.errorOf(at, data) : undefined), docs: new DocumentStates(), book, issues: [], counts: { critical: 0, warning: 0 },
    repeatedData: new Map(), invalidUtf8: [], invalidUtf8Count: 0, damagedTx: new DamagedTransactionWatch(),
  };
  const { rules, docs, issues, counts } = pass;
  const add = (issue: VerifyIssue): number => {
    const seen = issue.isCritical ? counts.critical++ : counts.warning++;
    if (seen >= max) return -1;
    issues.push(issue);
    return issues.length - 1;
  };
  let read = 0;
  const texts = new EntryTexts();
  const step = (record: WalRecord): void => {
    if (++read % PROGRESS_EVERY === 0) {
      throwIfAborted(options.signal, 'verification');
      options.onProgress?.({ phase: 'read', done: read });
    }
    if (record.kind === 'damage') {
      add(rules.damage(record));
      pass.damagedTx.damage(record);
      return;
    }
    const e = record.entry;
    const type = e.entryType;
    const at = { segment: record.segment, offset: record.offset };
    if (type === 'Begin' || type === 'Commit' || type === 'Rollback') {
      const known = book.indexOf(e.transactionId);
      const before = book.fateAt(known);
      const i = book.control(type, e.transactionId, at, known);
      const after = book.fateAt(i);
      if (before === 'open' && (after === 'committed' || after === 'rolled-back')) docs.decided(i, after);
      const t = texts.of(e);
      pass.damagedTx.control(type, t.transactionId);
      if (!t.idUtf8Valid) noteInvalidUtf8(pass, t, at, max);
      const issue = rules.entry(record, t);
      if (issue) add(issue);
      return;
    }
    const tx = book.operation(e.transactionId);
    const t = texts.of(e);
    if (!t.idUtf8Valid) noteInvalidUtf8(pass, t, at, max);
    const issue = rules.entry(record, t, tx >= 0);
    if (issue) {
      const index = add(issue);
      if (index >= 0 && t.data !== null && issue.description.endsWith('already exists in WAL state')) pass.repeatedData.set(index, t.data);
    }
    docs.operation(t.documentId, { type, transactionId: t.transactionId, data: t.data, valid: rules.lastDataValid, at }, tx, book.fateAt(tx));
  };
  for await (const item of records) {
    if (Array.isArray(item)) {
      const batch = item as readonly WalRecord[];
      if (checks && batch.length > 0) await checks.cover(batch[0]!, batch[batch.length - 1]!);
      for (const record of batch) step(record);
    } else {
      if (checks) await checks.cover(item as WalRecord, item as WalRecord);
      step(item as WalRecord);
    }
  }
  options.onProgress?.({ phase: 'read', done: read });
  docs.finish();
  return pass;
}

function noteInvalidUtf8(pass: Pass, t: EntryText, at: EntryPosition, max: number): void {
  if (pass.invalidUtf8Count++ < max) pass.invalidUtf8.push({ transactionId: t.transactionId, documentId: t.documentId, at, type: t.entryType });
}

/**
 * Verifies a log as the original does (FORMAT.md, "Verification"), over every record of the
 * chain in replay order, against `store` when given (else the final check is not made), and
 * adds our findings beside the verdict. Reads the store, writes nothing. Memory follows the
 * documents and transactions, not the entries: the chain is read once (twice only for a
 * transaction whose Begin follows its operations, which then needs every fate first — give a
 * function, or an array, for `records` so that it can be read again).
 */
export async function verifyLog(
  records: Records | (() => Records),
  store: VerifyStore | undefined,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const again = typeof records === 'function' ? records : Array.isArray(records) ? () => records : undefined;
  let pass = await readPass(typeof records === 'function' ? records() : records, new FateBook(), options);
  if (pass.book.needsSecondPass()) {
    if (!again) throw new TypeError('verifyLog: this log has a Begin after its operations; pass its records as a function so that they can be read again');
    pass = await readPass(again(), pass.book.settle(), options);
  }
  const { rules, docs, book, issues, counts } = pass;
  const max = options.listed ?? Infinity;
  const add = (issue: VerifyIssue) => {
    const seen = issue.isCritical ? counts.critical++ : counts.warning++;
    if (seen < max) issues.push(issue);
  };

  let disk: DiskView | undefined;
  let diskIds: string[] | undefined;
  if (store) {
    disk = new DiskView(store);
    const ids = new Set([...rules.state.keys(), ...docs.byId.keys()]);
    const total = ids.size;
    // The original's final check, made as each document arrives; its issues in the state's order.
    const finalIssues = new Map<string, VerifyIssue>();
    const readAgain = documentsReadAgain(docs);
    await disk.load(ids, {
      ...(options.signal ? { signal: options.signal } : {}),
      onRead: (done) => options.onProgress?.({ phase: 'compare', done, total }),
      keep: (id) => readAgain.has(id),
      onDocument: (id, got) => {
        const entry = rules.state.get(id);
        if (!entry) return;
        const base = { transactionId: 'final_check', documentId: id, isCritical: true, segment: entry.at.segment, offset: entry.at.offset };
        if (!got.ok) finalIssues.set(id, { ...base, description: `Failed to read document ${id} from disk: ${got.error.message}` });
        else if (!got.value) finalIssues.set(id, { ...base, description: `Document ${id} exists in WAL but not on disk` });
        else if (!jsonEquals(got.value.data, stateData(entry))) finalIssues.set(id, { ...base, description: `Document ${id} data mismatch between WAL and disk` });
      },
    });
    for (const id of rules.state.keys()) {
      const issue = finalIssues.get(id);
      if (issue) add(issue);
    }
    options.onProgress?.({ phase: 'compare', done: total, total });
    diskIds = store.listDocumentIds ? await store.listDocumentIds() : undefined;
  }

  const findings = new FindingList(max);
  await computeFindings({
    issues, repeatedData: pass.repeatedData, state: rules.state, docs, book,
    invalidUtf8: pass.invalidUtf8, invalidUtf8Count: pass.invalidUtf8Count,
    ...(disk ? { disk } : {}), ...(diskIds ? { diskIds } : {}),
  }, findings);
  for (const f of pass.damagedTx.findings()) findings.add(f);
  return {
    passed: counts.critical === 0,
    entriesProcessed: rules.entriesProcessed,
    affectedDocuments: rules.state.size,
    issues,
    issueCounts: counts,
    findings: findings.listed,
    unlistedFindings: findings.unlisted,
    checkedAgainstStore: store !== undefined,
    deletedLast: docs.deletedLast(),
  };
}
