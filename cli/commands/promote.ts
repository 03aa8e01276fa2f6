import { promoteAt, readPromotionAt } from '../../core/inspector/use-cases/rehearsal.js';
import { EXIT_ERROR, EXIT_OK, write, type CliCommand } from '../cli-io.js';
import { canAsk, confirm } from '../confirm.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls } from '../terminal-text.js';
import { describeDone, describePreview } from './apply.js';

export const promoteCommand: CliCommand = {
  name: 'promote',
  usage: 'promote <plan file> [--dry-run] [--yes] [--no-backup] [--json]\n' +
    '  applies a rehearsal\'s plan (restore or recover --into DIR --plan-out FILE, written with apply FILE) to the live store, with a backup; ' +
    'refuses if the log or a document it read changed since\n' +
    '  exit 0 promoted (or previewed), 2 refused, usage or I/O error (or not confirmed)',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      'dry-run': { type: 'boolean', default: false }, yes: { type: 'boolean', default: false },
      'no-backup': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
    });
    const file = onePath(positionals, 'plan file');
    if (!values['dry-run'] && !values.yes && !canAsk(io)) {
      io.stderr.write('wal-inspector promote: not changing anything without confirmation and no terminal to ask at: pass --yes (or --dry-run to preview)\n');
      return EXIT_ERROR;
    }
    const live = await readPromotionAt(file);
    // What the plan would do to the live store: a restore's report, or each collection's recovery preview.
    const preview = live.kind === 'restore' ? live.report : { kind: live.kind, store: live.store, collections: live.reports };
    if (values['dry-run']) {
      await write(io.stdout, values.json ? JSON.stringify(preview, null, 2) + '\n' : describePreview(live) + 'dry run: nothing was changed\n');
      return EXIT_OK;
    }
    if (!values.yes) {
      io.stderr.write(describePreview(live));
      const n = live.kind === 'restore' ? live.report.changes.length : live.operations.length;
      if (!(await confirm(io, `Promote the rehearsal: apply ${n} change${n === 1 ? '' : 's'} to ${live.store}?`))) {
        io.stderr.write('promote cancelled: nothing was changed\n');
        return EXIT_ERROR;
      }
    }
    const done = await promoteAt(live, { backup: !values['no-backup'], planFile: file, signal: io.signal });
    await write(io.stdout, values.json ? JSON.stringify(done, null, 2) + '\n' : describeDone(done, live) + `rehearsal ${escapeControls(file)} promoted\n`);
    return EXIT_OK;
  },
};
