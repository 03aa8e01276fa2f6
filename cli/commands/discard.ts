import { checkDiscardAt, discardAt } from '../../core/inspector/use-cases/rehearsal.js';
import { EXIT_ERROR, EXIT_OK, write, type CliCommand } from '../cli-io.js';
import { canAsk, confirm } from '../confirm.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls } from '../terminal-text.js';

export const discardCommand: CliCommand = {
  name: 'discard',
  usage: 'discard <plan file> [--dry-run] [--yes] [--json]\n' +
    '  removes the rehearsal folder `apply FILE` wrote for a plan made with restore or recover --into, only if nothing in it changed since\n' +
    '  exit 0 removed (or checked), 2 refused, usage or I/O error (or not confirmed)',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      'dry-run': { type: 'boolean', default: false }, yes: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
    });
    const file = onePath(positionals, 'plan file');
    if (!values['dry-run'] && !values.yes && !canAsk(io)) {
      io.stderr.write('wal-inspector discard: not removing anything without confirmation and no terminal to ask at: pass --yes (or --dry-run to check)\n');
      return EXIT_ERROR;
    }
    const checked = await checkDiscardAt(file);
    if (values['dry-run']) {
      await write(io.stdout, values.json ? JSON.stringify(checked, null, 2) + '\n' : `would remove ${escapeControls(checked.would_remove)} (as written); dry run: nothing was removed\n`);
      return EXIT_OK;
    }
    if (!values.yes && !(await confirm(io, `Remove the rehearsal folder ${escapeControls(checked.would_remove)}?`))) {
      io.stderr.write('discard cancelled: nothing was removed\n');
      return EXIT_ERROR;
    }
    const done = await discardAt(file);
    await write(io.stdout, values.json ? JSON.stringify(done, null, 2) + '\n' : `removed ${escapeControls(done.removed)}\n`);
    return EXIT_OK;
  },
};
