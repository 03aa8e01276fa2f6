import type { CheckpointPreview, CheckpointResult } from '../../core/contract/contract.js';
import { applyCheckpoint, locateLog, parseCompression, planCheckpoint, type CheckpointOptions } from '../../core/inspector/use-cases/checkpoint.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliCommand } from '../cli-io.js';
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

export const checkpointCommand: CliCommand = {
  name: 'checkpoint',
  usage: 'checkpoint <path> [--compact] [--dry-run] [--json] [--compress none|zstd|lz4|brotli|deflate|gzip]\n' +
    '                  [--max-age N[s|m|h|d|w]] [--keep N] [--yes]\n' +
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
    });
    const location = await locateLog(onePath(positionals), {});
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
