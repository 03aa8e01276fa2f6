import type { RestoreApplied, RestoreReport } from '../../core/contract/contract-history.js';
import type { RecoveryPreview } from '../../core/contract/contract-jobs.js';
import { applyPlanFileAt, readAnyPlanAt, type FilePlan, type RecoverPlanApplied } from '../../core/inspector/use-cases/recovery-plan-file.js';
import { EXIT_ERROR, EXIT_OK, write, type CliCommand } from '../cli-io.js';
import { canAsk, confirm } from '../confirm.js';
import { onePath, parseOptions } from '../parse-options.js';
import { sectionHeading } from '../store-text.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';
import { describePlan } from './recover.js';
import { describeApplied, describeRestore } from './restore.js';

/** A recover plan's previews: one section per collection when it is a store's. */
function describeRecover(reports: readonly RecoveryPreview[], store: boolean): string {
  return reports.map((r) => (store ? sectionHeading(r.collection) : '') + describePlan(r)).join(store ? '\n' : '');
}

/** A plan file's preview for a person (apply, promote). */
export function describePreview(plan: FilePlan): string {
  return plan.kind === 'restore' ? describeRestore(plan.report) : describeRecover(plan.reports, plan.store_kind === 'store');
}

function recoverApplied(a: RestoreApplied): string {
  const lines = [`applied ${a.written} change${a.written === 1 ? '' : 's'}` + (a.already_done ? ` (${a.already_done} already done)` : '')];
  for (const b of a.backups) lines.push(`backup: ${b}`);
  return escapeControlsInLines(lines.join('\n') + '\n');
}

/** What applying a plan file did, for a person (apply, promote). */
export function describeDone(done: RestoreReport | RecoverPlanApplied, plan: FilePlan): string {
  if ('kind' in done) return describeRecover(done.collections, plan.store_kind === 'store') + recoverApplied(done.applied);
  return describeRestore(done) + describeApplied(done);
}

export const applyCommand: CliCommand = {
  name: 'apply',
  usage: 'apply <plan file> [--yes] [--no-backup] [--json]\n' +
    '  applies exactly the plan `restore --plan-out` or `recover --plan-out` wrote; refuses if a log range or document it read changed; a stopped apply resumes\n' +
    '  exit 0 applied, 2 refused, usage or I/O error (or not confirmed)',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      yes: { type: 'boolean', default: false }, 'no-backup': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
    });
    const file = onePath(positionals, 'plan file');
    if (!values.yes && !canAsk(io)) {
      io.stderr.write('wal-inspector apply: not changing anything without confirmation and no terminal to ask at: pass --yes\n');
      return EXIT_ERROR;
    }
    const plan = await readAnyPlanAt(file);
    if (!values.yes) {
      io.stderr.write(describePreview(plan));
      if (!(await confirm(io, `Apply the plan ${file}?`))) {
        io.stderr.write('apply cancelled: nothing was changed\n');
        return EXIT_ERROR;
      }
    }
    const done = await applyPlanFileAt(plan, { backup: !values['no-backup'], planFile: file, signal: io.signal });
    await write(io.stdout, values.json ? JSON.stringify(done, null, 2) + '\n' : describeDone(done, plan) + `plan ${escapeControls(file)} applied\n`);
    return EXIT_OK;
  },
};
