import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/paths.js';

export interface ServeProcess {
  /** The URL the server printed, token included. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/[?#]token=[\w-]+/;

/** Starts `wal-inspector serve <args>` (the real service) and waits for the URL it prints. */
export function startServe(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<ServeProcess> {
  const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
  const child = spawn(tsx, ['cli/main.ts', 'serve', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`serve printed no URL within ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = URL_PATTERN.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], child, output: () => text, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before printing its URL:\n${text}`));
    });
  });
}
