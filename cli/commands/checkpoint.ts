import type { CheckpointPreview, CheckpointResult } from '../../core/contract/contract.js';
import { applyCheckpoint, locateLog, parseCompression, planCheckpoint, type CheckpointOptions } from '../../core/inspector/use-cases/checkpoint.js';
import {
  applyStoreCheckpoint, planStoreCheckpoint, storeTarget, type StoreCheckpointPreview, type StoreCheckpointResult, type StoreTarget,
} from '../../core/inspector/use-cases/store-wide.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliCommand, type CliIo } from '../cli-io.js';
import { COLLECTION_OPTION, notAStore, plural, sectionHeading, skippedLines } from '../store-text.js';
import { onePath, parseCount, parseOptions } from '../parse-options.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';
import { canAsk, confirm } from '../confirm.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `--max-age`: seconds, or a number with s/m/h/d/w. */
export function parseDuration(value: string, option: string): number {
  const m = /^(\d+)([smhdw]?)$/.exec(value.trim());
  if (!m) throw new UsageError(`${option}: "${value}" is not a duration (e.g. 3600, 90m, 12h, 7d)`);
  return Number(m[1]) * (UNITS[m[2] || 's'] ?? 1);
}

/** The preview (and, once applied, what was done) for a person: the same values --json prints. */
function describeCompaction(plan: CheckpointPreview, result: CheckpointResult | null): string {
  const lines = [`verification ${plan.verify_passed ? 'passed' : 'FAILED'}: ${plan.entries_processed} entries, ${plan.critical_issues} critical issues`];
  if (plan.refused) lines.push(`refused: ${plan.refused}`);
  for (const b of plan.blocked_by) lines.push(`  blocked: ${b.description}${b.segment !== undefined ? ` (${b.segment}:${b.offset ?? 0})` : ''}`);
  if (plan.blocked_total > plan.blocked_by.length) lines.push(`  … and ${plan.blocked_total - plan.blocked_by.length} more not listed`);
  if (plan.writer_check === 'unavailable') lines.push('note: this system has no /proc: other processes writing the log were looked for only through our writer lock; files that change while compacting are kept');
  lines.push(plan.seal
    ? `${result ? 'sealed' : 'seal'} ${plan.seal.from} (${plan.position.offset} bytes, ${plan.seal.entries} entries) as ${plan.seal.final}` +
      (plan.seal.compression === 'none' ? '' : ` (${plan.seal.compression})`) + '; the active segment starts empty'
    : 'the active segment is empty: nothing to seal');
  for (const r of plan.remove) {
    lines.push(`${result ? (result.removed.includes(r.segment) ? 'removed' : 'did not remove') : 'remove'} ${r.segment} (${r.reason === 'age' ? 'older than --max-age' : 'beyond --keep'})` +
      (r.duplicates.length ? ` and its leftover copies ${r.duplicates.join(', ')}` : ''));
  }
  for (const k of result?.kept ?? []) lines.push(`kept ${k.file}: ${k.reason}`);
  if (result) lines.push(`log now ends at ${result.position.segment ?? '(no active segment)'}:${result.position.offset}`);
  return escapeControlsInLines(lines.join('\n') + '\n');
}

function describePlain(r: CheckpointResult): string {
  const p = r.position;
  return escapeControlsInLines(`checkpoint: ${r.synced ? 'synced' : 'nothing to sync'}; log ends at ${p.segment ?? '(no active segment)'}:${p.offset} (${p.entries} entries in it, ${p.segments} segments)\n`);
}

/** --compress, --max-age and --keep as checkpoint.plan's arguments. */
function compactOptions(values: { compress?: string | undefined; 'max-age'?: string | undefined; keep?: string | undefined }): Omit<CheckpointOptions, 'compact'> {
  let compression;
  if (values.compress !== undefined) {
    const parsed = parseCompression(values.compress, '--compress');
    if (!parsed.ok) throw new UsageError(parsed.error.message);
    compression = parsed.value;
  }
  return {
    ...(compression ? { compression } : {}),
    ...(values['max-age'] !== undefined ? { remove_older_than_ms: parseDuration(values['max-age'], '--max-age') * 1000 } : {}),
    ...(values.keep !== undefined ? { keep_segments: parseCount(values.keep, '--keep') } : {}),
  };
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** A section per collection (its preview, and what was done), then the store's totals. */
function describeStore(plan: StoreCheckpointPreview, result: StoreCheckpointResult | null): string {
  const parts = plan.collections.map((c) => {
    const done = result?.collections.find((r) => r.collection === c.collection) ?? null;
    return sectionHeading(c.collection) + (plan.compact ? describeCompaction(c, done) : done ? describePlain(done) : '');
  });
  const skipped = skippedLines(result?.skipped_collections ?? plan.skipped_collections);
  const total = result
    ? `total over ${plural(result.collections.length, 'collection')}: ${result.sealed} sealed, ${result.removed} removed, ${result.kept} kept, ${result.synced ? 'all synced' : 'not all synced'}`
    : `total over ${plural(plan.collections.length, 'collection')}: ${plan.seals} to seal, ${plan.removals} to remove, ${plan.refused_collections} refused`;
  return parts.join('\n') + (parts.length ? '\n' : '') + escapeControlsInLines(skipped) + total + '\n';
}

/**
 * `checkpoint <store root>`: each collection's own `.wal/`. A plain checkpoint syncs them all; a
 * compaction previews them all, asks once, and applies those not refused (exit 1 if any was).
 */
async function checkpointStore(io: CliIo, target: StoreTarget, options: CheckpointOptions, f: { json: boolean; dryRun: boolean; yes: boolean }): Promise<number> {
  const { preview, held } = await planStoreCheckpoint(target, options, { signal: io.signal });
  const exit = preview.refused_collections > 0 ? EXIT_PROBLEM : EXIT_OK;
  if (f.dryRun || (options.compact && preview.refused_collections === preview.collections.length)) {
    await write(io.stdout, f.json ? json(preview) : describeStore(preview, null) + (f.dryRun ? 'dry run: nothing was changed\n' : ''));
    return exit;
  }
  if (options.compact && !f.yes && (preview.seals > 0 || preview.removals > 0)) {
    io.stderr.write(describeStore(preview, null));
    if (!(await confirm(io, `Compact the log of ${plural(preview.collections.length - preview.refused_collections, 'collection')}?`))) {
      io.stderr.write('checkpoint cancelled: nothing was changed\n');
      return EXIT_ERROR;
    }
  }
  const result = await applyStoreCheckpoint(held, { signal: io.signal });
  await write(io.stdout, f.json ? json(result) : describeStore(preview, result));
  return exit;
}

export const checkpointCommand: CliCommand = {
  name: 'checkpoint',
  usage: 'checkpoint <path> [--compact] [--dry-run] [--json] [--compress none|zstd|lz4|brotli|deflate|gzip]\n' +
    '                  [--max-age N[s|m|h|d|w]] [--keep N] [--yes] [--collection NAME]...\n' +
    '  a store root: every collection\'s .wal/ (system collections only when named); refused ones are left as they are\n' +
    '  exit 0 done, 1 refused (verification has critical issues), 2 usage or I/O error (or not confirmed)',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      compact: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      compress: { type: 'string' },
      'max-age': { type: 'string' },
      keep: { type: 'string' },
      yes: { type: 'boolean', default: false },
      ...COLLECTION_OPTION,
    });
    const input = onePath(positionals);
    if (!values.compact) {
      const compactOnly = (['compress', 'max-age', 'keep'] as const).find((k) => values[k] !== undefined);
      if (compactOnly) throw new UsageError(`--${compactOnly} needs --compact`);
      if (values['dry-run']) throw new UsageError('--dry-run needs --compact (a plain checkpoint only syncs)');
    }
    const target = await storeTarget(input, values.collection, 'write');
    if (target) {
      if (values.compact && !values['dry-run'] && !values.yes && !canAsk(io)) {
        io.stderr.write('wal-inspector checkpoint: not changing the log without confirmation and no terminal to ask at: pass --yes (or --dry-run to preview)\n');
        return EXIT_ERROR;
      }
      const options: CheckpointOptions = values.compact ? { compact: true, ...compactOptions(values) } : { compact: false };
      return checkpointStore(io, target, options, { json: values.json, dryRun: values['dry-run'], yes: values.yes });
    }
    if (values.collection?.length) throw notAStore(input);
    const location = await locateLog(input, {});
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    if (!values.compact) {
      const compactOnly = (['compress', 'max-age', 'keep'] as const).find((k) => values[k] !== undefined);
      if (compactOnly) throw new UsageError(`--${compactOnly} needs --compact`);
      if (values['dry-run']) throw new UsageError('--dry-run needs --compact (a plain checkpoint only syncs)');
      const r = await applyCheckpoint(location, null, { signal: io.signal });
      await write(io.stdout, values.json ? json(r) : describePlain(r));
      return EXIT_OK;
    }
    const options: CheckpointOptions = { compact: true, ...compactOptions(values) };
    const dryRun = values['dry-run'];
    if (!dryRun && !values.yes && !canAsk(io)) {
      io.stderr.write('wal-inspector checkpoint: not changing the log without confirmation and no terminal to ask at: pass --yes (or --dry-run to preview)\n');
      return EXIT_ERROR;
    }
    const { preview, held } = await planCheckpoint(location, options, { signal: io.signal });
    // Refused, or a dry run: the preview is the answer (nothing is applied).
    if (dryRun || preview.refused) {
      await write(io.stdout, values.json ? json(preview) : describeCompaction(preview, null) + (dryRun ? 'dry run: nothing was changed\n' : ''));
      return preview.refused ? EXIT_PROBLEM : EXIT_OK;
    }
    if (!values.yes && (preview.seal || preview.remove.length > 0)) {
      io.stderr.write(describeCompaction(preview, null));
      if (!(await confirm(io, 'Compact the log?'))) {
        io.stderr.write('checkpoint cancelled: nothing was changed\n');
        return EXIT_ERROR;
      }
    }
    const result = await applyCheckpoint(location, held, { signal: io.signal });
    await write(io.stdout, values.json ? json(result) : describeCompaction(preview, result));
    return EXIT_OK;
  },
};
