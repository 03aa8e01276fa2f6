import type { Finding, FindingKind } from './verify-types.js';

/**
 * Findings as they are found: the first `max` of each kind kept, the others counted (false
 * alarms apart from the others, as the report shows them), so that a log with a million
 * never-terminated transactions does not hold a million findings.
 */
export class FindingList {
  readonly listed: Finding[] = [];
  /** Found past the listing: counted only. */
  readonly unlisted = { false_alarms: 0, other: 0 };
  private readonly perKind = new Map<FindingKind, number>();

  constructor(private readonly max = Infinity) {}

  add(f: Finding): void {
    const n = this.perKind.get(f.kind) ?? 0;
    this.perKind.set(f.kind, n + 1);
    if (n < this.max) this.listed.push(f);
    else if (f.kind === 'false-alarm') this.unlisted.false_alarms++;
    else this.unlisted.other++;
  }
}
