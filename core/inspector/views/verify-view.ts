import type { Finding, VerifyIssue, VerifyResult } from '../../verify/index.js';
import type { VerifyFinding, VerifyIssue as IssueView, VerifyReport } from '../../contract/contract-jobs.js';

/** How many issues of each severity, and findings of each kind, a report lists. */
export type VerifyListed = number | 'all';

/**
 * What a report lists: the first `limit` issues of each severity in their order, and the first
 * `limit` findings of each kind — false alarms only for issues listed, their `issue` index
 * renumbered to the shorter list. A log can have millions of issues; the front end shows the
 * first VERIFY_LISTED, the command line's --json has them all.
 */
export function listedVerifyResult(r: VerifyResult, limit: VerifyListed): {
  issues: VerifyIssue[];
  issueCounts: { critical: number; warning: number };
  findings: Finding[];
  findingCounts: { false_alarms: number; other: number };
} {
  const max = limit === 'all' ? Infinity : limit;
  const newIndex = new Int32Array(r.issues.length).fill(-1);
  const issues: VerifyIssue[] = [];
  let critical = 0;
  let warning = 0;
  r.issues.forEach((issue, i) => {
    const seen = issue.isCritical ? critical++ : warning++;
    if (seen < max) {
      newIndex[i] = issues.length;
      issues.push(issue);
    }
  });
  const perKind = new Map<string, number>();
  const findings: Finding[] = [];
  const findingCounts = { false_alarms: 0, other: 0 };
  for (const f of r.findings) {
    if (f.kind === 'false-alarm') findingCounts.false_alarms++;
    else findingCounts.other++;
    let finding = f;
    if (f.issue !== undefined) {
      const to = newIndex[f.issue] ?? -1;
      if (to < 0) continue;
      finding = { ...f, issue: to };
    }
    const n = perKind.get(f.kind) ?? 0;
    perKind.set(f.kind, n + 1);
    if (n < max) findings.push(finding);
  }
  // The core may have kept only the first issues of each severity (and findings of each kind): its counts are the totals.
  return { issues, issueCounts: r.issueCounts ?? { critical, warning }, findings, findingCounts: {
    false_alarms: findingCounts.false_alarms + (r.unlistedFindings?.false_alarms ?? 0), other: findingCounts.other + (r.unlistedFindings?.other ?? 0),
  } };
}

export function issueView(i: VerifyIssue): IssueView {
  return {
    transaction_id: i.transactionId, document_id: i.documentId, description: i.description, is_critical: i.isCritical,
    ...(i.segment !== undefined ? { segment: i.segment } : {}), ...(i.offset !== undefined ? { offset: i.offset } : {}),
  };
}

/** Findings that explain or merely count: the others deserve a look. */
const INFO_KINDS: ReadonlySet<Finding['kind']> = new Set(['unknown-documents', 'false-alarm']);

export function findingView(f: Finding): VerifyFinding {
  return {
    kind: f.kind, description: f.description, severity: INFO_KINDS.has(f.kind) ? 'info' : 'warning',
    ...(f.transactionId !== undefined ? { transaction_id: f.transactionId } : {}), ...(f.documentId !== undefined ? { document_id: f.documentId } : {}),
    ...(f.segment !== undefined ? { segment: f.segment } : {}), ...(f.offset !== undefined ? { offset: f.offset } : {}),
    ...(f.issue !== undefined ? { issue: f.issue } : {}), ...(f.count !== undefined ? { count: f.count } : {}),
    ...(f.documentIds ? { document_ids: [...f.documentIds] } : {}),
  };
}

/**
 * The contract's VerifyReport of a verification — what verify.run answers and `verify --json`
 * prints. Lists first, counts after them: `--json` readers meet the verdict and the lists first.
 * `store`: the collection directory compared with (null: the log alone).
 */
export function verifyReportView(r: VerifyResult, options: { listed: VerifyListed; store: string | null }): VerifyReport {
  const listed = listedVerifyResult(r, options.listed);
  return {
    passed: r.passed, entries_processed: r.entriesProcessed, affected_documents: r.affectedDocuments,
    issues: listed.issues.map(issueView),
    findings: listed.findings.map(findingView),
    issue_counts: listed.issueCounts,
    finding_counts: listed.findingCounts,
    checked_against_store: r.checkedAgainstStore,
    store: options.store,
  };
}
