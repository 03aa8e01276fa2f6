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
  readonly usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/**
 * A command as `--help` lists it. Its module (and everything it imports: codecs, compression
 * bindings, the service) is loaded only when the command runs, so `--version` and a small `stats`
 * start in about the time of a bare `node`.
 */
export interface CliCommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
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

/**
 * Gathers small writes into chunks of about 64 KiB: one system call per chunk instead of one
 * per line (writing a line at a time had been half of `dump`'s time). What it holds is also
 * written when the event loop turns, so a slow producer (`dump --follow`) shows each line at once.
 */
export class BatchedWriter {
  private parts: string[] = [];
  private size = 0;
  private scheduled = false;

  constructor(private readonly stream: NodeJS.WritableStream, private readonly limit = 64 * 1024) {}

  write(text: string): Promise<void> | void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit) return this.flush();
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
  }

  flush(): Promise<void> | void {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return write(this.stream, text);
  }
}
