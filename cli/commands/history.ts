import type { DocumentHistoryView } from '../../core/contract/contract-history.js';
import { historyAt, historyJsonText, historyView } from '../../core/inspector/use-cases/history.js';
import { EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliCommand } from '../cli-io.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';

function when(text: string): string {
  const ms = BigInt(text);
  return ms <= 8_640_000_000_000_000n ? new Date(Number(ms)).toISOString() : `${ms} ms`;
}

/** Every version for a person: position, time, type, transaction and fate, then the state after it. */
export function describeHistory(h: DocumentHistoryView): string {
  const n = h.versions.length;
  const lines = [`document ${h.document_id}${h.collection !== null ? ` in "${h.collection}"` : ''}: ${n} version${n === 1 ? '' : 's'}` +
    (n === 0 ? ' (the log never touches it)' : h.complete ? '' : ' — history incomplete (it does not start with an Insert, or an entry does not read): the states are not certain')];
  h.versions.forEach((v, i) => {
    lines.push(`#${i + 1} ${v.segment}:${v.offset}  ${when(v.timestamp)}  ${v.entry_type.padEnd(6)}  ${v.transaction_id} (${v.transaction_status})`);
    if (v.unreadable !== undefined) lines.push(`   unreadable: ${v.unreadable}`);
    lines.push(`   ${v.state ?? '(absent)'}`);
  });
  return escapeControlsInLines(lines.join('\n') + '\n');
}

export const historyCommand: CliCommand = {
  name: 'history',
  usage: 'history <path> --document ID [--collection C] [--json]\n  exit 0 complete history, 1 incomplete or no entry for the document, 2 usage or I/O error',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      document: { type: 'string' },
      collection: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const path = onePath(positionals);
    if (values.document === undefined || values.document === '') throw new UsageError('--document ID is required');
    const { history, warnings } = await historyAt(path, { document: values.document, ...(values.collection !== undefined ? { collection: values.collection } : {}) }, { signal: io.signal });
    for (const w of warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    await write(io.stdout, values.json ? historyJsonText(history) : describeHistory(historyView(history)));
    return history.complete && history.versions.length > 0 ? EXIT_OK : EXIT_PROBLEM;
  },
};
