import type { EntryTypeName, WalFormatName } from '../../core/contract/contract-types.js';
import { ENTRY_TYPE_NAMES } from '../../core/contract/contract.js';
import { dumpRecords, locateLog, recordMatcher, type RecordFilter } from '../../core/inspector/use-cases/dump.js';
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliCommand } from '../cli-io.js';
import { onePath, parseCount, parseOptions, parseTime } from '../parse-options.js';
import { TtyProgress, totalSize } from '../tty-progress.js';
import { createPrinter, type DumpFormat } from '../record-printer.js';
import { escapeControls } from '../terminal-text.js';

export function parseTypes(value: string): EntryTypeName[] {
  return value.split(',').map((raw) => {
    const t = raw.trim().toLowerCase();
    const name = ENTRY_TYPE_NAMES.find((n) => n.toLowerCase() === t);
    if (!name) throw new UsageError(`--type: "${raw}" is not one of Begin, Insert, Update, Delete, Commit, Rollback`);
    return name;
  });
}

export function parseFormatOption(value: string | undefined): WalFormatName | undefined {
  if (value === undefined || value === 'auto') return undefined;
  if (value === 'binary' || value === 'jsonl') return value;
  throw new UsageError(`--input-format: "${value}" is not auto, binary or jsonl`);
}

export const FILTER_OPTIONS = {
  type: { type: 'string' },
  collection: { type: 'string' },
  document: { type: 'string' },
  txid: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
} as const;

/** The ms bound as the RowFilter holds it: a number (past 2^53 ms, year 287,396, the nearest double). */
function ms(value: string, option: string): number {
  return Number(parseTime(value, option));
}

/**
 * The options as the service's RowFilter (the GUI's filters, rows.page and export.rows), so a
 * filter means the same everywhere; dump evaluates it on the records it streams.
 */
export function filterFrom(values: Partial<Record<keyof typeof FILTER_OPTIONS, string>>): RecordFilter {
  return {
    ...(values.type !== undefined ? { types: parseTypes(values.type) } : {}),
    ...(values.collection !== undefined ? { collection: values.collection } : {}),
    // A trailing * asks for a prefix (valid Sentinel document ids never contain *).
    ...(values.document === undefined ? {} : values.document.endsWith('*')
      ? { document_id_prefix: values.document.slice(0, -1) }
      : { document_id: values.document }),
    ...(values.txid !== undefined ? { transaction_id: values.txid } : {}),
    ...(values.since !== undefined ? { time_from: ms(values.since, '--since') } : {}),
    ...(values.until !== undefined ? { time_to: ms(values.until, '--until') } : {}),
  };
}

export const dumpCommand: CliCommand = {
  name: 'dump',
  usage:
    'dump <path> [--format table|json|jsonl] [--type T[,T]] [--collection C] [--document ID|PREFIX*] [--txid ID]\n' +
    '            [--since MS|ISO] [--until MS|ISO] [--limit N] [--follow] [--input-format auto|binary|jsonl]',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...FILTER_OPTIONS,
      format: { type: 'string', default: 'table' },
      limit: { type: 'string' },
      follow: { type: 'boolean', default: false },
      'input-format': { type: 'string' },
    });
    const format = values.format as DumpFormat;
    if (!['table', 'json', 'jsonl'].includes(format)) throw new UsageError(`--format: "${format}" is not table, json or jsonl`);
    const filter = filterFrom(values);
    const matches = recordMatcher(filter);
    const limit = values.limit === undefined ? Infinity : parseCount(values.limit, '--limit');
    const forced = parseFormatOption(values['input-format']);
    const location = await locateLog(onePath(positionals), {});
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);

    const printer = createPrinter(format, io.stdout);
    let printed = 0;
    let damaged = 0;
    const progress = new TtyProgress(io.stderr, location, await totalSize(location));
    const records = dumpRecords(location, { signal: io.signal, onSegment: progress.onSegment, follow: values.follow, ...(forced ? { format: forced } : {}) });
    try {
      for await (const record of records) {
        progress.record(record);
        if (record.kind === 'damage') damaged++;
        else if (!matches(record)) continue;
        if (printed >= limit) break;
        await printer.print(record);
        printed++;
      }
    } catch (err) {
      if (!(values.follow && io.signal.aborted)) {
        await printer.flush(); // what was read before the error is still shown
        throw err;
      }
    }
    progress.done();
    await printer.end();
    if (printed === 0) {
      const filtered = Object.keys(filter).length > 0;
      io.stderr.write(filtered ? 'no entries match the filters\n' : 'the log holds no entries\n');
    }
    if (damaged > 0) io.stderr.write(`${damaged} damaged range${damaged === 1 ? '' : 's'} found\n`);
    return damaged > 0 ? EXIT_PROBLEM : EXIT_OK;
  },
};
