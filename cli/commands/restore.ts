import type { RestoreReport } from '../../core/contract/contract-history.js';
import { applyRestoreAt, planRestoreAt, writePlanFile } from '../../core/inspector/use-cases/restore.js';
import { compactDocumentText } from '../../core/inspector/use-cases/recovery.js';
import { EXIT_ERROR, EXIT_OK, UsageError, write, type CliCommand } from '../cli-io.js';
import { canAsk, confirm } from '../confirm.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';

const SHOWN = 50;

function clip(text: string, n = 70): string {
  const flat = escapeControls(text);
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}

function target(r: RestoreReport): string {
  const s = r.selection;
  if (s.until !== undefined) return `until ${s.until}${s.exclusive ? ' (exclusive)' : ''}`;
  if (s.exclude_tx) return `without transaction${s.exclude_tx.length === 1 ? '' : 's'} ${s.exclude_tx.join(', ')}`;
  return `without the entries of ${s.exclude_range}`;
}

/** The plan (or what was applied) for a person, from the same report --json prints. */
export function describeRestore(r: RestoreReport): string {
  const where = r.into !== null ? ` into the new directory ${r.into} (the store is not touched)` : '';
  const lines = [
    `restore of ${r.store} (${r.collections.join(', ')}) ${target(r)}${r.selection.document ? `, documents ${r.selection.document}` : ''}${where}: ` +
      `${r.changes.length} document${r.changes.length === 1 ? '' : 's'} to change, ${r.conflicts.length} in conflict, ${r.incomplete.length} incomplete; ` +
      `${r.excluded_entries} entries excluded, ${r.entries_read} read`,
  ];
  for (const ch of r.changes.slice(0, SHOWN)) {
    const before = ch.before === null ? '(none)' : clip(compactDocumentText(ch.before));
    const after = ch.after === null ? '(soft-deleted)' : clip(compactDocumentText(ch.after));
    const repaired = ch.includes_repaired ? ' [a repaired entry]' : '';
    lines.push(`  ${ch.operation.padEnd(6)} ${ch.collection}/${ch.document_id}: ${before} → ${after}${ch.note ? ` (${ch.note})` : ''}${repaired}`);
  }
  if (r.changes.length > SHOWN) lines.push(`  … and ${r.changes.length - SHOWN} more (--json lists them all)`);
  for (const c of r.conflicts.slice(0, SHOWN)) {
    const fate = c.resolution === 'keep' ? 'left as it is' : c.resolution === 'later' ? 'later value kept' : 'later change dropped';
    lines.push(`  CONFLICT ${c.collection}/${c.document_id} at ${c.paths.join(', ')}: changed later by ${c.transactions.join(', ')} (${fate})`);
  }
  if (r.conflicts.length > SHOWN) lines.push(`  … and ${r.conflicts.length - SHOWN} more conflicts`);
  for (const i of r.incomplete_documents.slice(0, SHOWN)) lines.push(`  INCOMPLETE ${i.collection}/${i.document_id}: ${i.reason}`);
  if (r.incomplete_documents.length > SHOWN) lines.push(`  … and ${r.incomplete_documents.length - SHOWN} more incomplete`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  return escapeControlsInLines(lines.join('\n') + '\n');
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** What an apply did, in words. */
export function describeApplied(r: RestoreReport): string {
  const a = r.applied;
  if (!a) return '';
  const lines = [a.into !== null ? `wrote ${a.into} (${a.written} document${a.written === 1 ? '' : 's'} restored; the store was not touched)` : `applied ${a.written} change${a.written === 1 ? '' : 's'}` + (a.already_done ? ` (${a.already_done} already done)` : '')];
  for (const b of a.backups) lines.push(`backup: ${b}`);
  return escapeControlsInLines(lines.join('\n') + '\n');
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore <path> --store DIR (--until T [--exclusive] | --exclude-tx ID[,ID…] | --exclude-range FROM..TO) [--document ID|\'prefix*\'] ' +
    '[--collection C] [--on-conflict later|excluded] [--include-uncommitted] [--include-repaired] [--into DIR] [--plan-out FILE] [--dry-run] [--yes] [--no-backup] [--json]\n' +
    '  T: milliseconds, an ISO time, segment:offset or a transaction id\n  exit 0 done (or previewed), 2 usage or I/O error (or not confirmed)',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      store: { type: 'string' }, collection: { type: 'string' },
      until: { type: 'string' }, exclusive: { type: 'boolean', default: false },
      'exclude-tx': { type: 'string' }, 'exclude-range': { type: 'string' },
      document: { type: 'string' }, 'on-conflict': { type: 'string' }, 'include-uncommitted': { type: 'boolean', default: false },
      'include-repaired': { type: 'boolean', default: false }, into: { type: 'string' }, 'plan-out': { type: 'string' },
      'dry-run': { type: 'boolean', default: false }, yes: { type: 'boolean', default: false }, 'no-backup': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    const path = onePath(positionals);
    if (values.store === undefined) throw new UsageError('--store DIR (a collection directory or a store root) is required');
    // A plan written to a file is reviewed, then applied with `apply FILE`.
    const applyNow = !values['dry-run'] && values['plan-out'] === undefined;
    if (applyNow && !values.yes && !canAsk(io)) {
      io.stderr.write('wal-inspector restore: not changing anything without confirmation and no terminal to ask at: pass --yes (or --dry-run to preview)\n');
      return EXIT_ERROR;
    }
    const plan = await planRestoreAt({
      store: values.store, log: path,
      ...(values.collection !== undefined ? { collection: values.collection } : {}),
      ...(values.until !== undefined ? { until: values.until } : {}), exclusive: values.exclusive,
      ...(values['exclude-tx'] !== undefined ? { exclude_tx: values['exclude-tx'] } : {}),
      ...(values['exclude-range'] !== undefined ? { exclude_range: values['exclude-range'] } : {}),
      ...(values.document !== undefined ? { document: values.document } : {}),
      ...(values['on-conflict'] !== undefined ? { on_conflict: values['on-conflict'] } : {}),
      include_uncommitted: values['include-uncommitted'], include_repaired: values['include-repaired'],
      ...(values.into !== undefined ? { into: values.into } : {}),
      plan_out: values['plan-out'] !== undefined,
    }, { signal: io.signal });
    const preview = plan.report;
    if (!applyNow) {
      if (values['plan-out'] !== undefined) await writePlanFile(values['plan-out'], plan);
      const tail = values['plan-out'] !== undefined ? `plan written to ${escapeControls(values['plan-out'])}: review it, then apply it with \`wal-inspector apply ${escapeControls(values['plan-out'])}\`\n` : 'dry run: nothing was changed\n';
      await write(io.stdout, values.json ? json(preview) : describeRestore(preview) + tail);
      return EXIT_OK;
    }
    if (!values.yes) {
      io.stderr.write(describeRestore(preview));
      const what = preview.into !== null ? `Write the restored store to ${preview.into}?` : `Apply ${preview.changes.length} change${preview.changes.length === 1 ? '' : 's'} to ${preview.store}?`;
      if ((preview.changes.length > 0 || preview.into !== null) && !(await confirm(io, what))) {
        io.stderr.write('restore cancelled: nothing was changed\n');
        return EXIT_ERROR;
      }
    }
    const done = await applyRestoreAt(plan, { backup: !values['no-backup'], signal: io.signal });
    await write(io.stdout, values.json ? json(done) : describeRestore(done) + describeApplied(done));
    return EXIT_OK;
  },
};
