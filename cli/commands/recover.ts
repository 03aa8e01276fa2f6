import type { RecoveryReport } from '../../core/contract/contract.js';
import {
  applyRecoveryPlan, compactDocumentText, locateLog, planRecoveryAt, type RecoveryPlanOptions,
} from '../../core/inspector/use-cases/recovery.js';
import {
  applyStoreRecovery, planStoreRecovery, storeTarget, type StoreRecoveryPreview, type StoreRecoveryResult, type StoreTarget,
} from '../../core/inspector/use-cases/store-wide.js';
import { planRecoveryFile, planStoreRecoveryFile, rehearseRecoveryAt, rehearseStoreRecoveryAt, writePlanFile } from '../../core/inspector/use-cases/recovery-plan-file.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PROBLEM, UsageError, write, type CliIo, type CliCommand } from '../cli-io.js';
import { COLLECTION_OPTION, notAStore, plural, sectionHeading, skippedLines } from '../store-text.js';
import { canAsk, confirm } from '../confirm.js';
import { writeJson } from '../json-stream.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';

const SHOWN = 50;

// Escaped before it is cut, so an escape is never cut in half.
function clip(text: string, n = 70): string {
  const flat = escapeControls(text);
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}

/** The plan (or what was applied) for a person, from the same report --json prints. */
export function describePlan(plan: RecoveryReport): string {
  const lines = [
    `${plan.mode} recovery${plan.committed_only ? ' (committed only)' : ''} of "${plan.collection}"` +
      `${plan.into !== undefined ? ` into the new folder ${plan.into} (the store is not touched)` : ''}: ` +
      `${plan.recovered_operations} recovered, ${plan.skipped_operations} skipped, ${plan.failed_operations} failed` +
      (plan.dropped_entries !== undefined ? `, ${plan.dropped_entries} dropped` : '') + ` — ${plan.changes.length} document${plan.changes.length === 1 ? '' : 's'} to change`,
  ];
  for (const ch of plan.changes.slice(0, SHOWN)) {
    const before = ch.before === null ? '(none)' : clip(compactDocumentText(ch.before));
    const after = ch.operation === 'delete' || ch.after === null ? '(soft-deleted)' : clip(compactDocumentText(ch.after));
    lines.push(`  ${ch.operation.padEnd(6)} ${ch.document_id}: ${before} → ${after}${ch.note ? ` (${ch.note})` : ''}`);
  }
  if (plan.changes.length > SHOWN) lines.push(`  … and ${plan.changes.length - SHOWN} more (--json lists them all)`);
  for (const f of plan.failures.slice(0, SHOWN)) {
    lines.push(`  FAILED ${f.operation_type} ${f.document_id} (transaction ${f.transaction_id}) at ${f.segment}:${f.offset}: ${f.reason}`);
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

function parseMode(value: string | undefined): RecoveryPlanOptions['mode'] {
  if (value === undefined) throw new UsageError('--mode is required: safe or force');
  if (value !== 'safe' && value !== 'force') throw new UsageError(`--mode: "${value}" is not safe or force`);
  return value;
}

/** A section per collection, then the store's totals. */
function describeStore(r: StoreRecoveryPreview | StoreRecoveryResult): string {
  const where = r.into !== undefined ? escapeControls(`recovery of ${r.store} into the new store root ${r.into} (the store is not touched)`) + '\n' : '';
  return where + describeSections(r);
}

function describeSections(r: StoreRecoveryPreview | StoreRecoveryResult): string {
  const parts = r.collections.map((c) => sectionHeading(c.collection) + describePlan(c) + (c.backup ? `backup: ${escapeControls(c.backup)}\n` : ''));
  return parts.join('\n') + (parts.length ? '\n' : '') + escapeControlsInLines(skippedLines(r.skipped_collections)) +
    `total over ${plural(r.collections.length, 'collection')}: ${r.recovered_operations} recovered, ${r.skipped_operations} skipped, ${r.failed_operations} failed` +
    (r.dropped_entries !== undefined ? `, ${r.dropped_entries} dropped` : '') + ` — ${plural(r.document_changes, 'document')} to change\n`;
}

const planWritten = (file: string): string =>
  `plan written to ${escapeControls(file)}: review it, then apply it with \`wal-inspector apply ${escapeControls(file)}\`\n`;

type Flags = { json: boolean; dryRun: boolean; yes: boolean; backup: boolean };

/** `recover <store root>`: each collection from its own chain into its own directory, one confirmation for all. */
async function recoverStore(io: CliIo, target: StoreTarget, options: Omit<RecoveryPlanOptions, 'store'>, f: Flags, hooks: Parameters<typeof planStoreRecovery>[2]): Promise<number> {
  const { preview, held } = await planStoreRecovery(target, options, hooks);
  const exit = preview.failed_operations > 0 ? EXIT_PROBLEM : EXIT_OK;
  if (f.dryRun) {
    await (f.json ? writeJson(io.stdout, preview) : write(io.stdout, describeStore(preview) + 'dry run: nothing was changed\n'));
    return exit;
  }
  if (!f.yes) {
    io.stderr.write(describeStore(preview));
    const changing = preview.collections.filter((c) => c.changes.length > 0).length;
    if (preview.document_changes > 0 && !(await confirm(io, `Apply ${plural(preview.document_changes, 'change')} to ${plural(changing, 'collection')} of ${preview.store}?`))) {
      io.stderr.write('recovery cancelled: nothing was changed\n');
      return EXIT_ERROR;
    }
  }
  const result = await applyStoreRecovery(held, { backup: f.backup }, hooks);
  await (f.json ? writeJson(io.stdout, result) : write(io.stdout, describeStore(result) + `applied ${plural(result.document_changes, 'change')}\n`));
  return exit;
}

/** `recover <store root> --into DIR`: the store's recovery written as the new store root DIR (store.plan_recovery with `into`, then store.apply_recovery). */
async function rehearseStore(
  io: CliIo, target: StoreTarget, options: Parameters<typeof planStoreRecoveryFile>[1] & { readonly into: string }, f: Flags,
  hooks: Parameters<typeof planStoreRecoveryFile>[2] & object,
): Promise<number> {
  const planned = await planStoreRecoveryFile(target, options, hooks);
  const { preview } = planned;
  const exit = preview.failed_operations > 0 ? EXIT_PROBLEM : EXIT_OK;
  if (f.dryRun) {
    await (f.json ? writeJson(io.stdout, preview) : write(io.stdout, describeStore(preview) + 'dry run: nothing was written\n'));
    return exit;
  }
  if (!f.yes) {
    io.stderr.write(describeStore(preview));
    if (!(await confirm(io, `Write the recovered store to the new folder ${preview.into ?? options.into}?`))) {
      io.stderr.write('recovery cancelled: nothing was written\n');
      return EXIT_ERROR;
    }
  }
  const result = await rehearseStoreRecoveryAt(planned, io.signal);
  await (f.json ? writeJson(io.stdout, result)
    : write(io.stdout, describeStore(result) + `wrote ${escapeControls(result.into ?? options.into)} (${plural(result.applied, 'document')} recovered; the store was not touched)\n`));
  return exit;
}

/**
 * `recover <collection> --into DIR`: the recovery written as the new folder DIR (recovery.plan
 * with `into`, then recovery.apply); the store is not touched. Previewed and confirmed as a recovery is.
 */
async function rehearse(
  io: CliIo, location: Parameters<typeof planRecoveryFile>[0], options: Parameters<typeof planRecoveryFile>[1] & { readonly into: string }, f: Flags,
  hooks: Parameters<typeof planRecoveryFile>[2] & object,
): Promise<number> {
  const planned = await planRecoveryFile(location, options, hooks);
  const { preview } = planned;
  const exit = preview.failed_operations > 0 ? EXIT_PROBLEM : EXIT_OK;
  if (f.dryRun) {
    await (f.json ? writeJson(io.stdout, preview) : write(io.stdout, describePlan(preview) + 'dry run: nothing was written\n'));
    return exit;
  }
  if (!f.yes) {
    io.stderr.write(describePlan(preview));
    if (!(await confirm(io, `Write the recovered collection to the new folder ${preview.into ?? options.into}?`))) {
      io.stderr.write('recovery cancelled: nothing was written\n');
      return EXIT_ERROR;
    }
  }
  const result = await rehearseRecoveryAt(planned, io.signal);
  await (f.json ? writeJson(io.stdout, result)
    : write(io.stdout, describePlan(result) + `wrote ${escapeControls(result.into ?? options.into)} (${plural(result.applied, 'document')} recovered; the store was not touched)\n`));
  return exit;
}

export const recoverCommand: CliCommand = {
  name: 'recover',
  usage: 'recover <path> [--store <collection dir>] --mode safe|force [--collection NAME]... [--committed-only] [--include-repaired] [--into DIR] [--dry-run] [--plan-out FILE] [--json] [--no-backup] [--yes]\n' +
    '  --plan-out FILE writes the exact operations with digests of the log and documents read, for `apply FILE`; applies nothing\n' +
    '  --into DIR rehearses: writes the recovered collection (a store root: store) as the new folder DIR (absent or empty; the store is not touched), for compare, then promote FILE or discard FILE with --plan-out\n' +
    '  a store root or a collection is its own store (a store root: every collection but system ones, or those named);\n' +
    '  --store for a log kept apart from its collection\n' +
    '  exit 0 nothing failed, 1 some entries failed, 2 usage or I/O error (or not confirmed)',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      store: { type: 'string' },
      mode: { type: 'string' },
      'committed-only': { type: 'boolean', default: false },
      'include-repaired': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'plan-out': { type: 'string' },
      into: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-backup': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      ...COLLECTION_OPTION,
    });
    const path = onePath(positionals);
    const mode = parseMode(values.mode);
    const planOut = values['plan-out'];
    // A plan written to a file is reviewed, then applied with `apply FILE`: nothing to confirm here.
    const dryRun = values['dry-run'] || planOut !== undefined;
    if (!dryRun && !values.yes && !canAsk(io)) {
      io.stderr.write('wal-inspector recover: not changing the store without confirmation and no terminal to ask at: pass --yes (or --dry-run to preview)\n');
      return EXIT_ERROR;
    }
    const progress = progressLine(io);
    const hooks = { signal: io.signal, onProgress: (p: { phase: string; done: number; total?: number }) => progress.report(p) };
    const target = await storeTarget(path, values.collection, 'write');
    if (target) {
      if (values.store !== undefined) throw new UsageError('a store root recovers each collection into its own directory: --store is for a log kept apart from its collection');
      try {
        const storeOptions = { mode, committed_only: values['committed-only'], include_repaired: values['include-repaired'] };
        if (values.into !== undefined && planOut === undefined) {
          return await rehearseStore(io, target, { ...storeOptions, into: values.into }, { json: values.json, dryRun, yes: values.yes, backup: false }, hooks);
        }
        if (planOut !== undefined) {
          const { plan, preview } = await planStoreRecoveryFile(target, { ...storeOptions, ...(values.into !== undefined ? { into: values.into } : {}) }, hooks);
          await writePlanFile(planOut, plan);
          await (values.json ? writeJson(io.stdout, preview) : write(io.stdout, describeStore(preview) + planWritten(planOut)));
          return preview.failed_operations > 0 ? EXIT_PROBLEM : EXIT_OK;
        }
        return await recoverStore(io, target, { mode, committed_only: values['committed-only'], include_repaired: values['include-repaired'] }, { json: values.json, dryRun, yes: values.yes, backup: !values['no-backup'] }, hooks);
      } finally {
        progress.done();
      }
    }
    if (values.collection?.length) throw notAStore(path);
    const location = await locateLog(path, {});
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    // A collection (or its .wal/) is its own store; a lone segment needs to be told.
    const store = values.store ?? location.collectionDir;
    if (store === null) throw new UsageError('--store <collection dir> is required: the path is a lone segment, not a collection');
    const planOptions = { store, mode, committed_only: values['committed-only'], include_repaired: values['include-repaired'] };
    if (values.into !== undefined && planOut === undefined) {
      try {
        return await rehearse(io, location, { ...planOptions, into: values.into }, { json: values.json, dryRun, yes: values.yes, backup: false }, hooks);
      } finally {
        progress.done();
      }
    }
    if (planOut !== undefined) {
      const { plan, preview } = await planRecoveryFile(location, { ...planOptions, ...(values.into !== undefined ? { into: values.into } : {}) }, hooks);
      progress.done();
      await writePlanFile(planOut, plan);
      await (values.json ? writeJson(io.stdout, preview) : write(io.stdout, describePlan(preview) + planWritten(planOut)));
      return preview.failed_operations > 0 ? EXIT_PROBLEM : EXIT_OK;
    }
    const { preview, held } = await planRecoveryAt(location, planOptions, hooks);
    progress.done();
    const exit = preview.failed_operations > 0 ? EXIT_PROBLEM : EXIT_OK;
    const changes = `${preview.changes.length} change${preview.changes.length === 1 ? '' : 's'}`;
    if (dryRun) {
      await (values.json ? writeJson(io.stdout, preview) : write(io.stdout, describePlan(preview) + 'dry run: nothing was changed\n'));
      return exit;
    }
    if (!values.yes) {
      io.stderr.write(describePlan(preview));
      if (preview.changes.length > 0 && !(await confirm(io, `Apply ${changes} to ${preview.store}?`))) {
        io.stderr.write('recovery cancelled: nothing was changed\n');
        return EXIT_ERROR;
      }
    }
    const result = await applyRecoveryPlan(held, { backup: !values['no-backup'] }, hooks);
    progress.done();
    // --json streams the rows (every change, failure and skipped entry), never one string of them all.
    await (values.json ? writeJson(io.stdout, result)
      : write(io.stdout, describePlan(result) + (result.backup ? `backup: ${escapeControls(result.backup)}\n` : '') + `applied ${changes}\n`));
    return exit;
  },
};
