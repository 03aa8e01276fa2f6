import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const CHILD = join(import.meta.dirname, 'append-child.ts');

/** A running append-child.ts: what it acknowledged (fsynced), and ways to drive and kill it. */
export interface AppendProcess {
  readonly pid: number;
  /** Sequence numbers acknowledged so far (each fsynced before it was printed). */
  readonly acked: number[];
  /** Asks for one append and waits for its acknowledgement. */
  appendOne(): Promise<number>;
  /** Waits until at least `count` appends are acknowledged. */
  waitForAcks(count: number): Promise<void>;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
}

export async function startAppender(walDir: string, mode: 'writer' | 'raw' | 'compress', everyMs?: number): Promise<AppendProcess> {
  const args = ['--import', 'tsx', CHILD, walDir, mode, ...(everyMs !== undefined ? [String(everyMs)] : [])];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const acked: number[] = [];
  const waiters: (() => void)[] = [];
  let out = '';
  let err = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => {
    exited = true;
    for (const w of waiters.splice(0)) w();
    resolve();
  }));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line === 'ready') resolve();
        const m = /^ack (\d+)$/.exec(line);
        if (m) acked.push(Number(m[1]));
        for (const w of waiters.splice(0)) w();
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    void exit.then(() => reject(new Error(`append child exited before it was ready: ${err}`)));
  });
  await ready;
  const until = (done: () => boolean): Promise<void> => new Promise((resolve, reject) => {
    const check = (): void => {
      if (done()) resolve();
      else if (exited) reject(new Error(`append child exited: ${err}`));
      else waiters.push(check);
    };
    check();
  });
  return {
    pid: child.pid!,
    acked,
    async appendOne() {
      const before = acked.length;
      child.stdin.write('append\n');
      await until(() => acked.length > before);
      return acked.at(-1)!;
    },
    waitForAcks: (count) => until(() => acked.length >= count),
    async kill() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}
