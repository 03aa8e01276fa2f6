import { applyCompaction } from '../../core/checkpoint/compact-apply.js';
import { planCompaction } from '../../core/checkpoint/compact-plan.js';
import { checkpointToJson, compactToJson } from '../../core/inspector/views/checkpoint-view.js';
import type { CompactPlan, CompactResult } from '../../core/checkpoint/checkpoint-types.js';
import { checkpointLog } from '../../core/checkpoint/log-position.js';
import { parseCompression } from '../../core/wal/compression/compression.js';
import { locateLog } from '../../core/wal/log-location.js';
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

function describeCompaction(plan: CompactPlan, result: CompactResult | null): string {
  const v = plan.verification;
  const lines = [`verification ${v.passed ? 'passed' : 'FAILED'}: ${v.entriesProcessed} entries, ${v.criticalIssues} critical issues`];
  if (plan.refused) lines.push(`refused: ${plan.refused}`);
  for (const b of plan.blockers) lines.push(`  blocked: ${b.description}${b.segment !== undefined ? ` (${b.segment}:${b.offset ?? 0})` : ''}`);
  if (plan.blockersTotal > plan.blockers.length) lines.push(`  … and ${plan.blockersTotal - plan.blockers.length} more not listed`);
  if (plan.writerCheck === 'unavailable') lines.push('note: this system has no /proc: other processes writing the log were looked for only through our writer lock; files that change while compacting are kept');
  lines.push(plan.seal
    ? `${result ? 'sealed' : 'seal'} ${plan.seal.from} (${plan.active?.size ?? 0} bytes, ${plan.position.entries} entries) as ${plan.seal.final}` +
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
      const r = await checkpointLog(location, io.signal);
      await write(io.stdout, values.json ? checkpointToJson(r) + '\n'
        : escapeControlsInLines(`checkpoint: ${r.synced ? 'synced' : 'nothing to sync'}; log ends at ${r.position.segment ?? '(no active segment)'}:${r.position.offset} (${r.position.entries} entries in it, ${r.position.segments} segments)\n`));
      return EXIT_OK;
    }
    let compression;
    if (values.compress !== undefined) {
      const parsed = parseCompression(values.compress, '--compress');
      if (!parsed.ok) throw new UsageError(parsed.error.message);
      compression = parsed.value;
    }
    const dryRun = values['dry-run'];
    if (!dryRun && !values.yes && !canAsk(io)) {
      io.stderr.write('wal-inspector checkpoint: not changing the log without confirmation and no terminal to ask at: pass --yes (or --dry-run to preview)\n');
      return EXIT_ERROR;
    }
    const options = {
      signal: io.signal,
      ...(compression ? { compression } : {}),
      ...(values['max-age'] !== undefined ? { maxAgeSecs: parseDuration(values['max-age'], '--max-age') } : {}),
      ...(values.keep !== undefined ? { keep: parseCount(values.keep, '--keep') } : {}),
    };
    const plan = await planCompaction(location, options);
    const nothing = !plan.seal && plan.remove.length === 0;
    let result: CompactResult | null = null;
    if (!dryRun && !plan.refused && !nothing) {
      if (!values.yes) {
        io.stderr.write(describeCompaction(plan, null));
        if (!(await confirm(io, 'Compact the log?'))) {
          io.stderr.write('checkpoint cancelled: nothing was changed\n');
          return EXIT_ERROR;
        }
      }
      result = await applyCompaction(plan, options);
    }
    await write(io.stdout, values.json ? compactToJson(plan, result, dryRun) + '\n' : describeCompaction(plan, result) + (dryRun ? 'dry run: nothing was changed\n' : ''));
    return plan.refused ? EXIT_PROBLEM : EXIT_OK;
  },
};
