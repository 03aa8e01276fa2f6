import type { Finding, VerifyIssue, VerifyResult } from '../../verify/index.js';
import { VERIFY_LISTED } from '../../contract/contract.js';

/**
 * What a verify.run report lists (the contract's VerifyReport): the first VERIFY_LISTED issues
 * of each severity in their order, and the first VERIFY_LISTED findings of each kind — false
 * alarms only for issues listed, their `issue` index renumbered to the shorter list. A log can
 * have millions of issues; the front end shows them, the command line's --json has them all.
 */
export function listedVerifyResult(r: VerifyResult, limit = VERIFY_LISTED): {
  issues: VerifyIssue[];
  issueCounts: { critical: number; warning: number };
  findings: Finding[];
  findingCounts: { false_alarms: number; other: number };
} {
  const newIndex = new Int32Array(r.issues.length).fill(-1);
  const issues: VerifyIssue[] = [];
  let critical = 0;
  let warning = 0;
  r.issues.forEach((issue, i) => {
    const seen = issue.isCritical ? critical++ : warning++;
    if (seen < limit) {
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
    if (n < limit) findings.push(finding);
  }
  return { issues, issueCounts: { critical, warning }, findings, findingCounts };
}
