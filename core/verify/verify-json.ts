import { toOrderedJson, type OutValue } from './ordered-json.js';
import type { Finding, VerifyIssue, VerifyResult } from './verify-types.js';

function issueOut(i: VerifyIssue): OutValue {
  return {
    transaction_id: i.transactionId, document_id: i.documentId, description: i.description, is_critical: i.isCritical,
    segment: i.segment, offset: i.offset,
  };
}

function findingOut(f: Finding): OutValue {
  return {
    kind: f.kind, description: f.description, transaction_id: f.transactionId, document_id: f.documentId,
    segment: f.segment, offset: f.offset, issue: f.issue, count: f.count, document_ids: f.documentIds ? [...f.documentIds] : undefined,
  };
}

/** The contract's shape: `{passed, entries_processed, affected_documents, issues, findings}`. */
export function verifyResultOut(r: VerifyResult): OutValue {
  return {
    passed: r.passed,
    entries_processed: r.entriesProcessed,
    affected_documents: r.affectedDocuments,
    issues: r.issues.map(issueOut),
    findings: r.findings.map(findingOut),
    checked_against_store: r.checkedAgainstStore,
  };
}

export function verifyResultToJson(r: VerifyResult): string {
  return toOrderedJson(verifyResultOut(r));
}
