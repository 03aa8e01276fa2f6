import type { Stats } from '../../core/contract/contract-types.js';
import { locateLog, statsOfLocation } from '../../core/inspector/use-cases/stats.js';
import type { StoreStats } from '../../core/inspector/use-cases/store-wide.js';
import { collectionWalConfig, storeTarget } from '../../core/inspector/use-cases/store-target.js';
import { EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliCommand, type CliIo } from '../cli-io.js';
import { onePath, parseOptions } from '../parse-options.js';
import { TtyProgress, totalSize } from '../tty-progress.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';
import { parseFormatOption } from '../parse-options.js';
import { WHERE_OPTIONS, WHERE_USAGE, whereFromOptions } from '../where-options.js';
import { COLLECTION_OPTION, notAStore, sectionHeading, skippedLines, walConfigLine } from '../store-text.js';

function iso(ms: string | null): string {
  if (ms === null) return '-';
  const n = BigInt(ms);
  return n <= 8_640_000_000_000_000n ? new Date(Number(n)).toISOString() : `${ms} ms`;
}

// Rendered from the contract's Stats, so that it shows what --json prints. Names are escaped
// before they are padded, so the columns stay aligned.
function render(s: Stats): string {
  const lines: string[] = [];
  lines.push(`entries: ${s.entries} (${s.entry_bytes.total} bytes, ${s.data_bytes} bytes of data)`);
  lines.push(`time span: ${iso(s.first_time)} .. ${iso(s.last_time)}`);
  lines.push('', 'TYPE        COUNT        BYTES');
  for (const [type, count] of Object.entries(s.by_type)) {
    lines.push(`${type.padEnd(8)} ${String(count).padStart(9)} ${String(s.bytes_by_type[type as keyof Stats['by_type']]).padStart(12)}`);
  }
  lines.push('', 'COLLECTION                        COUNT');
  for (const c of s.by_collection) lines.push(`${escapeControls(c.collection || '(empty)').padEnd(30)} ${String(c.entries).padStart(8)}`);
  lines.push('', 'SEGMENT                            ENTRIES        BYTES  DAMAGED');
  for (const g of s.segments) {
    lines.push(`${escapeControls(g.name).padEnd(32)} ${String(g.entries).padStart(9)} ${String(g.bytes ?? g.file_bytes).padStart(12)} ${String(g.damaged).padStart(8)}`);
  }
  const t = s.transactions;
  lines.push('', `transactions with Begin: ${t.with_begin} (committed ${t.committed}, rolled back ${t.rolled_back}, never terminated ${t.never_terminated}); standalone ids: ${t.without_begin}`);
  const kinds = Object.entries(s.by_damage).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(`damage: ${s.damaged} range(s), ${s.damaged_bytes} bytes${kinds ? ` (${kinds})` : ''}`);
  if (t.damaged) lines.push(`damaged transactions: ${t.damaged} (an entry of each is unverified or lost)`);
  if (s.entries_with_invalid_utf8_ids) lines.push(`entries with ids that are not valid UTF-8: ${s.entries_with_invalid_utf8_ids}`);
  return lines.join('\n') + '\n';
}

/** A section per collection (with its WAL configuration), then the store's totals. */
function renderStore(s: StoreStats): string {
  const parts = s.collections.map((c) => sectionHeading(c.collection) + walConfigLine(c.wal_config) + render(c));
  const total = `total over ${s.collections.length} collection${s.collections.length === 1 ? '' : 's'}: ${s.entries} entries, ${s.segments} segments (${s.file_bytes} bytes on disk), ` +
    `${s.damaged} damaged range${s.damaged === 1 ? '' : 's'} (${s.damaged_bytes} bytes), time span ${iso(s.first_time)} .. ${iso(s.last_time)}\n`;
  return parts.join('\n') + (parts.length ? '\n' : '') + skippedLines(s.skipped_collections) + total;
}

/** `stats <store root>`: every collection (or those named), each as `stats` of it alone gives, and the totals. */
async function runStore(io: CliIo, target: NonNullable<Awaited<ReturnType<typeof storeTarget>>>, json: boolean, forced: ReturnType<typeof parseFormatOption>) {
  // The store-wide layer (it reaches verify and recovery) loads only for a store root.
  const { statsOfStore } = await import('../../core/inspector/use-cases/store-wide.js');
  const stats = await statsOfStore(target, { signal: io.signal, ...(forced ? { format: forced } : {}) });
  await write(io.stdout, json ? JSON.stringify(stats, null, 2) + '\n' : escapeControlsInLines(renderStore(stats)));
  return stats.damaged > 0 ? EXIT_PROBLEM : EXIT_OK;
}

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: `stats <path> [--json] [--input-format auto|binary|jsonl] [--collection NAME]... ${WHERE_USAGE}\n` +
    '  --where/--filter: the summary of the matching entries (and damaged ranges) only\n' +
    '  a store root: every collection (or those named), a section each and the totals',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { json: { type: 'boolean', default: false }, 'input-format': { type: 'string' }, ...COLLECTION_OPTION, ...WHERE_OPTIONS });
    const where = await whereFromOptions(values);
    const forced = parseFormatOption(values['input-format']);
    const input = onePath(positionals);
    const target = await storeTarget(input, values.collection, 'read');
    if (target) {
      if (where !== undefined) throw new UsageError('--where/--filter: give one collection\'s directory (a store root is summarised whole)');
      return runStore(io, target, values.json, forced);
    }
    if (values.collection?.length) throw notAStore(input);
    const location = await locateLog(input);
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    const progress = new TtyProgress(io.stderr, location, await totalSize(location));
    const stats = await statsOfLocation(location, {
      signal: io.signal, ...(forced ? { format: forced } : {}), ...(where !== undefined ? { where } : {}),
      onProgress: (p) => {
        progress.onSegment(null, p.segment, p.bytes);
        progress.at(p.name, p.done);
      },
    });
    progress.done();
    // --json: exactly what stats.get answers for a session of the same path.
    if (values.json) io.stdout.write(JSON.stringify(stats, null, 2) + '\n');
    else {
      // A collection's .metadata.json says how its WAL is written (as in a store's sections).
      const config = location.collectionDir === null ? '' : walConfigLine(await collectionWalConfig({ dir: location.collectionDir }));
      io.stdout.write(escapeControlsInLines(config + render(stats)));
    }
    return stats.damaged > 0 ? EXIT_PROBLEM : EXIT_OK;
  },
};
