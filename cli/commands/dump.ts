import type { EntryTypeName, WalFormatName } from '../../core/contract/contract-types.js';
import { ENTRY_TYPE_NAMES } from '../../core/contract/contract.js';
import { dumpRecords, locateLog, recordMatcher, type RecordFilter } from '../../core/inspector/use-cases/dump.js';
import { recordStatuses, recordWhere, type EntryRecord } from '../../core/inspector/use-cases/where.js';
import { dumpStoreRecords } from '../../core/inspector/use-cases/store-dump.js';
import { storeTarget, type StoreTarget } from '../../core/inspector/use-cases/store-wide.js';
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliCommand, type CliIo } from '../cli-io.js';
import { onePath, parseCount, parseFormatOption, parseOptions, parseTime } from '../parse-options.js';
import { TtyProgress, totalSize } from '../tty-progress.js';
import { createPrinter, type DumpFormat } from '../record-printer.js';
import { escapeControls } from '../terminal-text.js';
import { WHERE_OPTIONS, WHERE_USAGE, whereFromOptions } from '../where-options.js';

export function parseTypes(value: string): EntryTypeName[] {
  return value.split(',').map((raw) => {
    const t = raw.trim().toLowerCase();
    const name = ENTRY_TYPE_NAMES.find((n) => n.toLowerCase() === t);
    if (!name) throw new UsageError(`--type: "${raw}" is not one of Begin, Insert, Update, Delete, Commit, Rollback`);
    return name;
  });
}


export const FILTER_OPTIONS = {
  type: { type: 'string' },
  collection: { type: 'string', multiple: true },
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

/** The where expression as a test of streamed entries; transaction_status first reads the log once for the statuses. */
async function recordTest(where: string, location: Awaited<ReturnType<typeof locateLog>>, follow: boolean, format: WalFormatName | undefined, signal: AbortSignal) {
  const probe = recordWhere(where);
  if (!probe.query.uses.has('transaction_status')) return probe.test;
  if (follow) throw new UsageError('--where: transaction_status needs the whole log first; it cannot be used with --follow');
  const status = await recordStatuses(dumpRecords(location, { signal, ...(format ? { format } : {}) }));
  return recordWhere(where, status).test;
}

/**
 * `dump <store root>`: the store as one log, every collection's entries merged in time order
 * (ties: collection name, then position), each line saying its collection; `--collection`
 * picks collections, the other filters work across them.
 */
async function dumpStore(io: CliIo, target: StoreTarget, o: { format: DumpFormat; filter: RecordFilter; limit: number; forced: ReturnType<typeof parseFormatOption> }): Promise<number> {
  const matches = recordMatcher(o.filter);
  const printer = createPrinter(o.format, io.stdout, { store: true });
  let printed = 0;
  let damaged = 0;
  try {
    for await (const { collection, record } of dumpStoreRecords(target, { signal: io.signal, ...(o.forced ? { format: o.forced } : {}) })) {
      if (record.kind === 'damage') damaged++;
      else if (!matches(record)) continue;
      if (printed >= o.limit) break;
      await printer.print(record, collection);
      printed++;
    }
  } catch (err) {
    await printer.flush();
    throw err;
  }
  await printer.end();
  if (printed === 0) io.stderr.write(Object.keys(o.filter).length > 0 ? 'no entries match the filters\n' : 'the store\'s logs hold no entries\n');
  if (damaged > 0) io.stderr.write(`${damaged} damaged range${damaged === 1 ? '' : 's'} found\n`);
  return damaged > 0 ? EXIT_PROBLEM : EXIT_OK;
}

export const dumpCommand: CliCommand = {
  name: 'dump',
  usage:
    'dump <path> [--format table|json|jsonl] [--type T[,T]] [--collection C] [--document ID|PREFIX*] [--txid ID]\n' +
    '            [--since MS|ISO] [--until MS|ISO] [--limit N] [--follow] [--input-format auto|binary|jsonl]\n' +
    `            ${WHERE_USAGE}`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...FILTER_OPTIONS,
      ...WHERE_OPTIONS,
      format: { type: 'string', default: 'table' },
      limit: { type: 'string' },
      follow: { type: 'boolean', default: false },
      'input-format': { type: 'string' },
    });
    const format = values.format as DumpFormat;
    if (!['table', 'json', 'jsonl'].includes(format)) throw new UsageError(`--format: "${format}" is not table, json or jsonl`);
    const input = onePath(positionals);
    // On a store root --collection picks collections (repeatable); elsewhere it filters on the entries' collection field.
    const target = await storeTarget(input, values.collection, 'read');
    if (target) {
      if (values.follow) throw new UsageError('--follow follows one log: give a collection (or its .wal/), not a store root');
      const limit = values.limit === undefined ? Infinity : parseCount(values.limit, '--limit');
      return dumpStore(io, target, { format, filter: filterFrom({ ...values, collection: undefined }), limit, forced: parseFormatOption(values['input-format']) });
    }
    if ((values.collection?.length ?? 0) > 1) throw new UsageError('--collection more than once picks collections of a store root; here it filters entries by one collection name');
    const filter = filterFrom({ ...values, collection: values.collection?.[0] });
    const where = await whereFromOptions(values);
    const byFields = recordMatcher(filter);
    const limit = values.limit === undefined ? Infinity : parseCount(values.limit, '--limit');
    const forced = parseFormatOption(values['input-format']);
    const location = await locateLog(input, {});
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    const byWhere = where === undefined ? null : await recordTest(where, location, values.follow, forced, io.signal);
    const matches = byWhere ? (r: EntryRecord) => byFields(r) && byWhere(r) : byFields;

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
      const filtered = Object.keys(filter).length > 0 || where !== undefined;
      io.stderr.write(filtered ? 'no entries match the filters\n' : 'the log holds no entries\n');
    }
    if (damaged > 0) io.stderr.write(`${damaged} damaged range${damaged === 1 ? '' : 's'} found\n`);
    return damaged > 0 ? EXIT_PROBLEM : EXIT_OK;
  },
};
