import { jsonEquals } from '../json/index.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { entryText } from '../wal/log-entry.js';
import type { WalRecord } from '../wal/records.js';
import { DiskView } from './disk-view.js';
import { LogHistory } from './log-history.js';
import { OriginalRules, stateData } from './original-rules.js';
import { TransactionFateTracker } from './transaction-fates.js';
import { computeFindings, documentsReadAgain } from './verify-findings.js';
import type { VerifyIssue, VerifyOptions, VerifyResult, VerifyStore } from './verify-types.js';

const PROGRESS_EVERY = 4096;

/**
 * Verifies a log as the original does (FORMAT.md, "Verification"), over every record of the
 * chain in replay order, against `store` when given (else the final check is not made), and
 * adds our findings beside the verdict. Reads the store, writes nothing.
 */
export async function verifyLog(
  records: AsyncIterable<WalRecord> | Iterable<WalRecord>,
  store: VerifyStore | undefined,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const rules = new OriginalRules();
  const history = new LogHistory();
  const fates = new TransactionFateTracker();
  const issues: VerifyIssue[] = [];
  const counts = { critical: 0, warning: 0 };
  const max = options.listed ?? Infinity;
  const add = (issue: VerifyIssue) => {
    const seen = issue.isCritical ? counts.critical++ : counts.warning++;
    if (seen < max) issues.push(issue);
  };
  let read = 0;
  for await (const record of records) {
    if (++read % PROGRESS_EVERY === 0) {
      throwIfAborted(options.signal, 'verification');
      options.onProgress?.({ phase: 'read', done: read });
    }
    if (record.kind === 'damage') {
      add(rules.damage(record));
      continue;
    }
    fates.add(record);
    const text = entryText(record.entry);
    history.add(record, text);
    const issue = rules.entry(record, text);
    if (issue) add(issue);
  }
  options.onProgress?.({ phase: 'read', done: read });

  let disk: DiskView | undefined;
  let diskIds: string[] | undefined;
  if (store) {
    disk = new DiskView(store);
    const ids = new Set([...rules.state.keys(), ...history.byDocument.keys()]);
    const total = ids.size;
    // The original's final check, made as each document arrives; its issues in the state's order.
    const finalIssues = new Map<string, VerifyIssue>();
    const again = documentsReadAgain(history, fates);
    await disk.load(ids, {
      ...(options.signal ? { signal: options.signal } : {}),
      onRead: (done) => options.onProgress?.({ phase: 'compare', done, total }),
      keep: (id) => again.has(id),
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

  const findings = await computeFindings({
    issues, state: rules.state, history, fates,
    ...(disk ? { disk } : {}), ...(diskIds ? { diskIds } : {}),
  });
  return {
    passed: counts.critical === 0,
    entriesProcessed: rules.entriesProcessed,
    affectedDocuments: rules.state.size,
    issues,
    issueCounts: counts,
    findings,
    checkedAgainstStore: store !== undefined,
  };
}
