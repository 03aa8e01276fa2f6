import { EXIT_ERROR, UsageError, type CliCommandEntry, type CliIo } from './cli-io.js';
import { COMMANDS } from './commands/index.js';
import { packageVersion } from './package-version.js';
import { escapeControls, escapeControlsInLines } from './terminal-text.js';

function help(commands: readonly CliCommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'wal-inspector — inspect, verify and recover Cyberpath Sentinel write-ahead logs',
    '',
    'usage: wal-inspector <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'A <path> is a segment file, a .wal/ directory, a collection directory or a store root.',
    'Run `wal-inspector <command> --help` for a command\'s options.',
    'Exit codes: 0 clean, 1 damage / failed checks, 2 usage or I/O error. --version prints the version.',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommandEntry[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help(commands));
    return name === undefined ? EXIT_ERROR : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`wal-inspector ${await packageVersion()}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`wal-inspector: unknown command "${escapeControls(name)}"\n\n${help(commands)}`);
    return EXIT_ERROR;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`usage: wal-inspector ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`wal-inspector ${name}: ${escapeControls(err.message)}\nusage: wal-inspector ${command.usage}\n`);
      return EXIT_ERROR;
    }
    // Translated by type as the service translates it (every core CodedError, Node system
    // errors, cancellation); loaded only on the way out, so start-up does not pay for it.
    const { toInspectorError } = await import('../core/inspector/inspector-error.js');
    const e = toInspectorError(err);
    if (e.code !== 'INTERNAL') {
      // Messages quote paths, ids and arguments as they are.
      io.stderr.write(`wal-inspector ${name}: ${escapeControls(e.message)}\n`);
      return EXIT_ERROR;
    }
    // A bug, not the user's input: one line, and the stack only when asked for.
    const message = err instanceof Error ? err.message.split('\n', 1)[0]! : String(err);
    const stack = process.env['WAL_INSPECTOR_DEBUG'] && err instanceof Error && err.stack ? `\n${escapeControlsInLines(err.stack)}` : '';
    io.stderr.write(`wal-inspector ${name}: internal error: ${escapeControls(message)} (a bug: please report it; WAL_INSPECTOR_DEBUG=1 shows where)${stack}\n`);
    return EXIT_ERROR;
  }
}
