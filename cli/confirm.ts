import { createInterface } from 'node:readline';
import type { CliIo } from './cli-io.js';
import { escapeControls } from './terminal-text.js';

/** A command that changes files: --yes, --dry-run, or a person at a terminal answering. */
export function canAsk(io: CliIo): boolean {
  return io.stdin.isTTY === true && io.stderr.isTTY === true;
}

/** Asks on stderr, reads one line from stdin; true for y/yes. */
export async function confirm(io: CliIo, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, terminal: false });
  try {
    const answer = new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    io.stderr.write(`${escapeControls(question)} [y/N] `);
    return /^(y|yes)$/i.test((await answer).trim());
  } finally {
    rl.close();
  }
}
