import type { StoreComparison } from '../../core/contract/contract-rehearsal.js';
import { compareAt } from '../../core/inspector/use-cases/compare.js';
import { EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliCommand } from '../cli-io.js';
import { parseCount, parseOptions } from '../parse-options.js';
import { escapeControlsInLines } from '../terminal-text.js';

function describe(c: StoreComparison): string {
  const lines = [`${c.left} → ${c.right}: ${c.same} the same, ${c.changed} changed, ${c.added} added, ${c.removed} removed`];
  for (const d of c.differences) {
    const where = d.kind === 'changed' && d.paths.length ? ` at ${d.paths.slice(0, 5).join(', ')}${d.paths_total > 5 ? `, … ${d.paths_total - 5} more` : ''}` : '';
    lines.push(`  ${d.kind.padEnd(7)} ${d.collection}/${d.document_id}${where}${d.note ? ` (${d.note})` : ''}`);
  }
  if (c.truncated) lines.push(`  … more after these ${c.differences.length} (--offset ${c.offset + c.differences.length})`);
  return escapeControlsInLines(lines.join('\n') + '\n');
}

export const compareCommand: CliCommand = {
  name: 'compare',
  usage: 'compare <live store> <rehearsal> [--offset N] [--limit N] [--json]\n' +
    '  per document, what a rehearsal (restore --into) differs from the live store (a collection directory or a store root): changed (with the JSON paths), added, removed\n' +
    '  exit 0 the same, 1 they differ, 2 usage or I/O error',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { offset: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false } });
    if (positionals.length !== 2) throw new UsageError('compare takes two directories: the live store, then the rehearsal');
    const limit = values.limit !== undefined ? parseCount(values.limit, '--limit') : 50;
    if (limit < 1 || limit > 500) throw new UsageError('--limit: 1 to 500 differences a page');
    const c = await compareAt(positionals[0]!, positionals[1]!, { offset: values.offset !== undefined ? parseCount(values.offset, '--offset') : 0, limit });
    await write(io.stdout, values.json ? JSON.stringify(c, null, 2) + '\n' : describe(c));
    return c.changed + c.added + c.removed > 0 ? EXIT_PROBLEM : EXIT_OK;
  },
};
