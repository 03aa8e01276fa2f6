import { PassThrough } from 'node:stream';
import { runCli } from '../../cli/run-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured streams (what a shell would see). */
export async function runCliCaptured(argv: string[], options: { signal?: AbortSignal; cwd?: string } = {}): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  const errs: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  err.on('data', (c: Buffer) => errs.push(c));
  const code = await runCli(argv, {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
  });
  out.end();
  err.end();
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') };
}
