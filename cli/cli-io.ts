/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly cwd: string;
  /** Aborted on SIGINT. */
  readonly signal: AbortSignal;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** The log has damage / verification failed / some entries failed. */
export const EXIT_PROBLEM = 1;
/** Usage or I/O error. */
export const EXIT_ERROR = 2;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes and waits until the stream took it (so large dumps respect back-pressure). */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> | void {
  if (!stream.write(text)) return new Promise((resolve) => stream.once('drain', () => resolve()));
}
