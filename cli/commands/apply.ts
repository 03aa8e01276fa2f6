import { applyRestoreAt, readPlanAt } from '../../core/inspector/use-cases/restore.js';
import { EXIT_ERROR, EXIT_OK, write, type CliCommand } from '../cli-io.js';
import { canAsk, confirm } from '../confirm.js';
import { onePath, parseOptions } from '../parse-options.js';
import { escapeControls } from '../terminal-text.js';
import { describeApplied, describeRestore } from './restore.js';

export const applyCommand: CliCommand = {
  name: 'apply',
  usage: 'apply <plan file> [--yes] [--no-backup] [--json]\n' +
    '  applies exactly the plan `restore --plan-out` wrote; refuses if a log range or document it read changed; a stopped apply resumes\n' +
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
    const plan = await readPlanAt(file);
    if (!values.yes) {
      io.stderr.write(describeRestore(plan.report));
      if (!(await confirm(io, `Apply the plan ${file}?`))) {
        io.stderr.write('apply cancelled: nothing was changed\n');
        return EXIT_ERROR;
      }
    }
    const done = await applyRestoreAt(plan, { backup: !values['no-backup'], planFile: file, signal: io.signal });
    await write(io.stdout, values.json ? JSON.stringify(done, null, 2) + '\n' : describeRestore(done) + describeApplied(done) + `plan ${escapeControls(file)} applied\n`);
    return EXIT_OK;
  },
};
