import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliCommandEntry } from '../../cli/cli-io.js';
import { runCli } from '../../cli/run-cli.js';

async function run(argv: string[], commands: readonly CliCommandEntry[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => { stdout += c.toString(); });
  err.on('data', (c: Buffer) => { stderr += c.toString(); });
  const code = await runCli(argv, { stdout: out, stderr: err, stdin: new PassThrough(), cwd: process.cwd(), signal: new AbortController().signal }, commands);
  return { code, stdout, stderr };
}

const throwing: CliCommandEntry = {
  name: 'boom', summary: 'fails',
  load: async () => ({
    name: 'boom', usage: 'boom',
    run: async () => { throw new TypeError('cannot read x of undefined\n    at secret (/home/me/src/file.ts:1:1)'); },
  }),
};

describe('runCli', () => {
  it('reports a bug in one line without a stack trace', async () => {
    const r = await run(['boom'], [throwing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wal-inspector boom: internal error: cannot read x of undefined \(a bug/);
    expect(r.stderr).not.toMatch(/\bat |run-cli|file\.ts/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('loads a command only when it runs: --help lists every command from its summary alone', async () => {
    let loaded = 0;
    const lazy: CliCommandEntry = { name: 'lazy', summary: 'a lazy one', load: async () => { loaded++; return { name: 'lazy', usage: 'lazy', run: async () => 0 }; } };
    const help = await run(['--help'], [lazy]);
    expect(help.stdout).toMatch(/lazy {2}a lazy one/);
    expect(loaded).toBe(0);
    expect((await run(['lazy'], [lazy])).code).toBe(0);
    expect(loaded).toBe(1);
  });
});
