import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VERIFY_LISTED } from '../../../../core/contract/contract.js';
import { listedVerifyResult, verifyReportView } from '../../../../core/inspector/views/verify-view.js';
import type { Finding, VerifyIssue, VerifyResult } from '../../../../core/verify/index.js';
import { binaryBytes, entries, harness, must, tempDir, writeFile } from '../support/inspector-fixtures.js';

const issue = (n: number, isCritical: boolean): VerifyIssue => ({ transactionId: `t${n}`, documentId: `d${n}`, description: `issue ${n}`, isCritical });

describe('listedVerifyResult', () => {
  it('lists the first issues of each severity in order, renumbers the false alarms of listed issues, counts all', () => {
    // c0 c1 c2 w3 w4 (c = critical, w = warning); two of each are listed: c0 c1 w3 w4.
    const issues = [issue(0, true), issue(1, true), issue(2, true), issue(3, false), issue(4, false)];
    const findings: Finding[] = [
      { kind: 'false-alarm', description: 'about c1', issue: 1 },
      { kind: 'false-alarm', description: 'about c2 (not listed)', issue: 2 },
      { kind: 'false-alarm', description: 'about w4', issue: 4 },
      ...Array.from({ length: 5 }, (_, i): Finding => ({ kind: 'unterminated-transaction', description: `u${i}` })),
    ];
    const r = { passed: false, entriesProcessed: 5, affectedDocuments: 0, issues, findings, checkedAgainstStore: false } as VerifyResult;
    const listed = listedVerifyResult(r, 2);
    expect(listed.issues.map((i) => i.description)).toEqual(['issue 0', 'issue 1', 'issue 3', 'issue 4']);
    expect(listed.issueCounts).toEqual({ critical: 3, warning: 2 });
    // 'about w4' pointed at index 4; in the shorter list w4 is at index 3.
    expect(listed.findings.map((f) => [f.description, f.issue])).toEqual([['about c1', 1], ['about w4', 3], ['u0', undefined], ['u1', undefined]]);
    expect(listed.issues[3]!.description).toBe('issue 4');
    expect(listed.findingCounts).toEqual({ false_alarms: 3, other: 5 });
  });
});

describe('verifyReportView', () => {
  it("listed 'all' keeps every issue and finding, indexes untouched; the contract's names, no absent members", () => {
    const issues = [issue(0, true), issue(1, false), { ...issue(2, true), segment: 's.wal', offset: 7 }];
    const findings: Finding[] = [
      { kind: 'false-alarm', description: 'about 2', issue: 2 },
      { kind: 'unknown-documents', description: 'two', count: 2, documentIds: ['x', 'y'] },
      { kind: 'unterminated-transaction', description: 'open', transactionId: 't9', segment: 's.wal', offset: 9 },
    ];
    const r = { passed: false, entriesProcessed: 3, affectedDocuments: 1, issues, findings, checkedAgainstStore: true } as VerifyResult;
    const v = verifyReportView(r, { listed: 'all', store: '/s' });
    expect(v).toEqual({
      passed: false, entries_processed: 3, affected_documents: 1,
      issues: [
        { transaction_id: 't0', document_id: 'd0', description: 'issue 0', is_critical: true },
        { transaction_id: 't1', document_id: 'd1', description: 'issue 1', is_critical: false },
        { transaction_id: 't2', document_id: 'd2', description: 'issue 2', is_critical: true, segment: 's.wal', offset: 7 },
      ],
      findings: [
        { kind: 'false-alarm', description: 'about 2', severity: 'info', issue: 2 },
        { kind: 'unknown-documents', description: 'two', severity: 'info', count: 2, document_ids: ['x', 'y'] },
        { kind: 'unterminated-transaction', description: 'open', severity: 'warning', transaction_id: 't9', segment: 's.wal', offset: 9 },
      ],
      issue_counts: { critical: 2, warning: 1 }, finding_counts: { false_alarms: 1, other: 2 },
      checked_against_store: true, store: '/s',
    });
    expect(Object.keys(v.issues[0]!)).not.toContain('segment');
    expect(verifyReportView(r, { listed: 1, store: null }).issues.map((i) => i.description)).toEqual(['issue 0', 'issue 1']);
  });
});

describe('verify.run on a log with more issues than a report lists', () => {
  const h = harness();
  afterAll(() => h.service.close());

  it('lists VERIFY_LISTED critical issues and counts them all', async () => {
    const n = VERIFY_LISTED + 300;
    // Every Insert of the same document after the first is a critical issue ("already exists").
    const file = writeFile(path.join(tempDir(), 'transactions.wal'), binaryBytes(entries(Array.from({ length: n + 1 }, () => ({ type: 'Insert' as const, doc: 'same' })))));
    const info = await h.open(file);
    const r = must(await h.api.verify.run({ session_id: info.session_id, store: null }));
    expect(r.issue_counts).toEqual({ critical: n, warning: 0 });
    expect(r.issues).toHaveLength(VERIFY_LISTED);
    expect(r.issues.every((i) => i.is_critical && i.description === 'Document same already exists in WAL state')).toBe(true);
    expect(r.passed).toBe(false);
  }, 60_000);
});
