import { applyRecovery } from '../../core/recovery/apply-recovery.js';
import { planRecovery } from '../../core/recovery/plan-recovery.js';
import { changeNote, recoveryToJson } from '../../core/inspector/views/recovery-view.js';
import type { RecoveryMode, RecoveryPlan } from '../../core/recovery/recovery-types.js';
import { FsCollection } from '../../core/store/fs-collection.js';
import { toCompactText } from '../../core/json/index.js';
import { locateLog } from '../../core/wal/log-location.js';
import { readLog } from '../../core/wal/read-log.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliIo, type CliCommand } from '../cli-io.js';
import { canAsk, confirm } from '../confirm.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';

const SHOWN = 50;

// Escaped before it is cut, so an escape is never cut in half.
function clip(text: string, n = 70): string {
  const flat = escapeControls(text);
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}

/** The plan for a person: counts, the first changes, failures, notes. */
export function describePlan(plan: RecoveryPlan): string {
  const c = plan.counts;
  const lines = [
    `${plan.mode} recovery${plan.committedOnly ? ' (committed only)' : ''} of "${plan.collection}": ` +
      `${c.recovered} recovered, ${c.skipped} skipped, ${c.failed} failed` +
      (plan.committedOnly ? `, ${plan.dropped.length} dropped` : '') + ` — ${plan.changes.length} document${plan.changes.length === 1 ? '' : 's'} to change`,
  ];
  for (const ch of plan.changes.slice(0, SHOWN)) {
    const before = ch.before === null ? '(none)' : clip(toCompactText(ch.before));
    const after = ch.operation === 'delete' ? '(soft-deleted)' : clip(toCompactText(ch.after));
    const note = changeNote(ch);
    lines.push(`  ${ch.operation.padEnd(6)} ${ch.documentId}: ${before} → ${after}${note ? ` (${note})` : ''}`);
  }
  if (plan.changes.length > SHOWN) lines.push(`  … and ${plan.changes.length - SHOWN} more (--json lists them all)`);
  for (const f of plan.failures.slice(0, SHOWN)) {
    lines.push(`  FAILED ${f.operationType} ${f.documentId} (transaction ${f.transactionId}) at ${f.segment}:${f.offset}: ${f.reason}`);
  }
  if (plan.failures.length > SHOWN) lines.push(`  … and ${plan.failures.length - SHOWN} more failures`);
  for (const n of plan.notes) lines.push(`note: ${n}`);
  return escapeControlsInLines(lines.join('\n') + '\n');
}

/**
 * Progress on stderr, only at a terminal (a pipe gets no carriage-return noise): one line,
 * rewritten at most every 200 ms, cleared by `done()`.
 */
export function progressLine(io: CliIo): { report(p: { phase: string; done: number; total?: number }): void; done(): void } {
  let last = 0;
  let shown = false;
  const tty = io.stderr.isTTY === true;
  return {
    report(p) {
      const now = Date.now();
      if (!tty || now - last < 200) return;
      last = now;
      shown = true;
      io.stderr.write(`\r${p.phase} ${p.done}${p.total !== undefined ? `/${p.total}` : ''}\u001b[K`);
    },
    done() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}

function parseMode(value: string | undefined): RecoveryMode {
  if (value === undefined) throw new UsageError('--mode is required: safe or force');
  if (value !== 'safe' && value !== 'force') throw new UsageError(`--mode: "${value}" is not safe or force`);
  return value;
}

export const recoverCommand: CliCommand = {
  name: 'recover',
  usage: 'recover <path> --store <collection dir> --mode safe|force [--committed-only] [--dry-run] [--json] [--no-backup] [--yes]\n' +
    '  exit 0 nothing failed, 1 some entries failed, 2 usage or I/O error (or not confirmed)',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      store: { type: 'string' },
      mode: { type: 'string' },
      'committed-only': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'no-backup': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
    });
    const path = onePath(positionals);
    if (values.store === undefined) throw new UsageError('--store <collection dir> is required');
    const mode = parseMode(values.mode);
    const dryRun = values['dry-run'];
    if (!dryRun && !values.yes && !canAsk(io)) {
      io.stderr.write('wal-inspector recover: not changing the store without confirmation and no terminal to ask at: pass --yes (or --dry-run to preview)\n');
      return EXIT_ERROR;
    }
    const location = await locateLog(path, {});
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    const store = await FsCollection.open(values.store);
    const progress = progressLine(io);
    const plan = await planRecovery(() => readLog(location, { signal: io.signal }), store, {
      mode, committedOnly: values['committed-only'], signal: io.signal, onProgress: (p) => progress.report(p),
    });
    progress.done();
    const exit = plan.counts.failed > 0 ? EXIT_PROBLEM : EXIT_OK;
    const report = async (backup: string | null, applied: boolean): Promise<void> => {
      if (values.json) await write(io.stdout, recoveryToJson(plan, { dryRun: !applied, backup }) + '\n');
      else if (applied) await write(io.stdout, describePlan(plan) + (backup ? `backup: ${escapeControls(backup)}\n` : '') + `applied ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}\n`);
      else await write(io.stdout, describePlan(plan) + 'dry run: nothing was changed\n');
    };
    if (dryRun) {
      await report(null, false);
      return exit;
    }
    if (!values.yes) {
      io.stderr.write(describePlan(plan));
      if (plan.changes.length > 0 && !(await confirm(io, `Apply ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'} to ${store.dir}?`))) {
        io.stderr.write('recovery cancelled: nothing was changed\n');
        return EXIT_ERROR;
      }
    }
    const result = await applyRecovery(plan, store, { backup: !values['no-backup'], signal: io.signal, onProgress: (p) => progress.report(p) });
    progress.done();
    await report(result.backup, true);
    return exit;
  },
};
