import { convertChain, locateLog } from '../../core/inspector/use-cases/convert.js';
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliCommand } from '../cli-io.js';
import { parseOptions } from '../parse-options.js';
import { escapeControls } from '../terminal-text.js';
import { WHERE_OPTIONS, WHERE_USAGE, whereFromOptions } from '../where-options.js';
import { recordStatuses, recordWhere } from '../../core/inspector/use-cases/where.js';
import { dumpRecords } from '../../core/inspector/use-cases/dump.js';
import { parseFormatOption } from '../parse-options.js';

export const convertCommand: CliCommand = {
  name: 'convert',
  usage: `convert <in> <out> --to binary|jsonl [--input-format auto|binary|jsonl] [--json] ${WHERE_USAGE}\n` +
    '  --where/--filter: only the matching entries are written',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      to: { type: 'string' },
      'input-format': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...WHERE_OPTIONS,
    });
    const where = await whereFromOptions(values);
    if (positionals.length !== 2) throw new UsageError(`expected <in> <out>, got ${positionals.length} path(s)`);
    const to = values.to;
    if (to !== 'binary' && to !== 'jsonl') throw new UsageError('--to must be binary or jsonl');
    const forced = parseFormatOption(values['input-format']);
    const location = await locateLog(positionals[0]!);
    let keep: ReturnType<typeof recordWhere>['test'] | undefined;
    if (where !== undefined) {
      const probe = recordWhere(where);
      keep = probe.query.uses.has('transaction_status')
        ? recordWhere(where, await recordStatuses(dumpRecords(location, { signal: io.signal, ...(forced ? { format: forced } : {}) }))).test
        : probe.test;
    }
    const result = await convertChain(location, positionals[1]!, {
      format: to, signal: io.signal, ...(forced ? { inputFormat: forced } : {}), ...(keep ? { keep } : {}),
    });
    if (values.json) io.stdout.write(JSON.stringify(result) + '\n');
    io.stderr.write(`wrote ${result.entries} entries (${result.bytes} bytes) to ${escapeControls(positionals[1]!)}\n`);
    for (const d of result.skipped) io.stderr.write(`skipped ${d.damage} at ${escapeControls(d.segment)}:${d.offset}, ${d.length} bytes: ${escapeControls(d.detail)}\n`);
    if (result.lossy_ids) io.stderr.write(`warning: ${result.lossy_ids} entries had ids that are not valid UTF-8; JSON Lines holds them with U+FFFD\n`);
    return result.skipped_damage > 0 ? EXIT_PROBLEM : EXIT_OK;
  },
};
