import { FsCollection } from '../../core/store/fs-collection.js';
import { verifyResultToJson } from '../../core/verify/verify-json.js';
import { verifyLog } from '../../core/verify/verify-log.js';
import type { VerifyResult } from '../../core/verify/verify-types.js';
import { locateLog } from '../../core/wal/log-location.js';
import { readLog } from '../../core/wal/read-log.js';
import { EXIT_OK, EXIT_PROBLEM, write, type CliCommand } from '../cli-io.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';
import { progressLine } from './recover.js';

function where(x: { segment?: string; offset?: number }): string {
  return x.segment !== undefined ? ` at ${x.segment}:${x.offset}` : '';
}

/** Issues and findings listed by the human report; --json lists them all. */
const SHOWN = 500;

function humanReport(r: VerifyResult): string {
  const critical = r.issues.filter((i) => i.isCritical).length;
  const lines = [
    `verification ${r.passed ? 'PASSED' : 'FAILED'}: ${r.entriesProcessed} entries processed, ${r.affectedDocuments} documents affected, ` +
      `${r.issues.length} issue${r.issues.length === 1 ? '' : 's'} (${critical} critical)` +
      (r.checkedAgainstStore ? '' : ' — no store given (--store): documents were not compared'),
  ];
  for (const i of r.issues.slice(0, SHOWN)) {
    lines.push(`  ${i.isCritical ? 'CRITICAL' : 'warning '} ${i.description} [transaction ${i.transactionId}, document ${i.documentId}]${where(i)}`);
  }
  if (r.issues.length > SHOWN) lines.push(`  … and ${r.issues.length - SHOWN} more issues (--json lists them all)`);
  if (r.findings.length > 0) lines.push('findings (they do not change the verdict):');
  for (const f of r.findings.slice(0, SHOWN)) {
    const about = f.issue !== undefined ? ` (issue ${f.issue + 1})` : '';
    lines.push(`  ${f.kind}: ${f.description}${about}${where(f)}`);
  }
  if (r.findings.length > SHOWN) lines.push(`  … and ${r.findings.length - SHOWN} more findings (--json lists them all)`);
  return lines.join('\n') + '\n';
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify <path> [--store <collection dir>] [--json]\n' +
    '  exit 0 passed, 1 critical issues, 2 usage or I/O error',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      store: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const location = await locateLog(onePath(positionals), {});
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    const store = values.store !== undefined ? await FsCollection.open(values.store) : undefined;
    const progress = progressLine(io);
    const result = await verifyLog(readLog(location, { signal: io.signal }), store, { signal: io.signal, onProgress: (p) => progress.report(p) });
    progress.done();
    await write(io.stdout, values.json ? verifyResultToJson(result) + '\n' : escapeControlsInLines(humanReport(result)));
    return result.passed ? EXIT_OK : EXIT_PROBLEM;
  },
};
