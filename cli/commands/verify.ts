import type { VerifyReport } from '../../core/contract/contract-jobs.js';
import { locateLog, verifyLocation } from '../../core/inspector/use-cases/verify.js';
import { storeTarget, verifyStore, type StoreVerifyReport } from '../../core/inspector/use-cases/store-wide.js';
import { EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliCommand } from '../cli-io.js';
import { COLLECTION_OPTION, notAStore, plural, sectionHeading, skippedLines } from '../store-text.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';
import { writeJson } from '../json-stream.js';
import { progressLine } from './recover.js';

function where(x: { segment?: string; offset?: number }): string {
  return x.segment !== undefined ? ` at ${x.segment}:${x.offset}` : '';
}

/** Issues and findings listed by the human report. */
const SHOWN = 500;
/**
 * --json lists the first this many issues of each severity and findings of each kind
 * (issue_counts and finding_counts say how many there are): a log of a million bad lines
 * took 1.1 GiB and printed 264 MB when it listed them all.
 */
const JSON_LISTED = 10_000;

/** The report as text, from the same VerifyReport that --json prints. */
function humanReport(r: VerifyReport): string {
  const { critical } = r.issue_counts;
  const issues = critical + r.issue_counts.warning;
  const findings = r.finding_counts.false_alarms + r.finding_counts.other;
  const lines = [
    `verification ${r.passed ? 'PASSED' : 'FAILED'}: ${r.entries_processed} entries processed, ${r.affected_documents} documents affected, ` +
      `${issues} issue${issues === 1 ? '' : 's'} (${critical} critical)` +
      (r.checked_against_store ? '' : ' — no store given (--store): documents were not compared'),
  ];
  const shownIssues = r.issues.slice(0, SHOWN);
  for (const i of shownIssues) {
    lines.push(`  ${i.is_critical ? 'CRITICAL' : 'warning '} ${i.description} [transaction ${i.transaction_id}, document ${i.document_id}]${where(i)}`);
  }
  if (issues > shownIssues.length) lines.push(`  … and ${issues - shownIssues.length} more issues (--json lists the first ${JSON_LISTED.toLocaleString('en-US')} of each severity)`);
  if (r.findings.length > 0) lines.push('findings (they do not change the verdict):');
  const shownFindings = r.findings.slice(0, SHOWN);
  for (const f of shownFindings) {
    const about = f.issue !== undefined ? ` (issue ${f.issue + 1})` : '';
    lines.push(`  ${f.kind}: ${f.description}${about}${where(f)}`);
  }
  if (findings > shownFindings.length) lines.push(`  … and ${findings - shownFindings.length} more findings (--json lists the first ${JSON_LISTED.toLocaleString('en-US')} of each kind)`);
  return lines.join('\n') + '\n';
}

/** A section per collection, then the store's verdict. */
function storeReport(r: StoreVerifyReport): string {
  const parts = r.collections.map((c) => sectionHeading(c.collection) + humanReport(c));
  const issues = r.issue_counts.critical + r.issue_counts.warning;
  return parts.join('\n') + (parts.length ? '\n' : '') + skippedLines(r.skipped_collections) +
    `total over ${plural(r.collections.length, 'collection')}: verification ${r.passed ? 'PASSED' : `FAILED in ${plural(r.failed_collections, 'collection')}`}, ` +
    `${r.entries_processed} entries processed, ${r.affected_documents} documents affected, ${plural(issues, 'issue')} (${r.issue_counts.critical} critical), ` +
    `${plural(r.finding_counts.false_alarms + r.finding_counts.other, 'finding')}\n`;
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify <path> [--store <collection dir> | --no-store] [--collection NAME]... [--json]\n' +
    '  a store root or a collection is its own store (each collection against its documents);\n' +
    '  --store for a log kept apart from its collection, --no-store for the log alone\n' +
    '  exit 0 passed, 1 critical issues, 2 usage or I/O error',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      store: { type: 'string' },
      'no-store': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...COLLECTION_OPTION,
    });
    if (values.store !== undefined && values['no-store']) throw new UsageError('--store and --no-store exclude each other');
    const input = onePath(positionals);
    const listed = values.json ? JSON_LISTED : SHOWN;
    const progress = progressLine(io);
    const target = await storeTarget(input, values.collection, 'read');
    if (target) {
      if (values.store !== undefined || values['no-store']) throw new UsageError('a store root is verified against its own collections: --store and --no-store are for a single log');
      const report = await verifyStore(target, { listed, signal: io.signal, onProgress: (p) => progress.report(p) });
      progress.done();
      // --json is written in pieces (as recover's): up to JSON_LISTED issues and findings per kind and collection are never one string.
      if (values.json) await writeJson(io.stdout, report);
      else await write(io.stdout, escapeControlsInLines(storeReport(report)));
      return report.passed ? EXIT_OK : EXIT_PROBLEM;
    }
    if (values.collection?.length) throw notAStore(input);
    const location = await locateLog(input, {});
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    // A collection (or its .wal/) is its own store, as verify.run takes it.
    const store = values['no-store'] ? null : values.store ?? location.collectionDir;
    const report = await verifyLocation(location, {
      store, listed, signal: io.signal, onProgress: (p) => progress.report(p),
    });
    progress.done();
    if (values.json) await writeJson(io.stdout, report);
    else await write(io.stdout, escapeControlsInLines(humanReport(report)));
    return report.passed ? EXIT_OK : EXIT_PROBLEM;
  },
};
