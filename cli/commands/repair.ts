import { locateLog, planRepairOf, repairChain, repairLines } from '../../core/inspector/use-cases/repair.js';
import { EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliCommand } from '../cli-io.js';
import { parseOptions } from '../parse-options.js';
import { escapeControlsInLines } from '../terminal-text.js';
import { parseFormatOption } from '../parse-options.js';

export const repairCommand: CliCommand = {
  name: 'repair',
  usage: 'repair <in> <out> [--dry-run] [--input-format auto|binary|jsonl] [--json]\n' +
    '  <out> must not exist: a file for a segment, a directory for a chain\n' +
    '  exit 0 everything damaged was repaired, 1 something was left out, 2 usage or I/O error',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      'dry-run': { type: 'boolean', default: false },
      'input-format': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const dryRun = values['dry-run'];
    if (positionals.length !== (dryRun ? 1 : 2) && positionals.length !== 2) {
      throw new UsageError(`expected <in> <out>${dryRun ? ' (or <in> alone with --dry-run)' : ''}, got ${positionals.length} path(s)`);
    }
    const forced = parseFormatOption(values['input-format']);
    const location = await locateLog(positionals[0]!);
    const options = { signal: io.signal, ...(forced ? { inputFormat: forced } : {}) };
    const result = dryRun ? await planRepairOf(location, options) : await repairChain(location, positionals[1]!, options);
    const lines = repairLines(result, dryRun ? null : positionals[1]!);
    if (values.json) {
      await write(io.stdout, JSON.stringify(result) + '\n');
      io.stderr.write(escapeControlsInLines(lines[lines.length - 1]! + '\n'));
    } else {
      await write(io.stdout, escapeControlsInLines(lines.join('\n') + '\n'));
    }
    return result.unrepaired > 0 ? EXIT_PROBLEM : EXIT_OK;
  },
};
