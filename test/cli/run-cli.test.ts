import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliCommandEntry } from '../../cli/cli-io.js';
import { runCli } from '../../cli/run-cli.js';
import { InspectorFailure } from '../../core/inspector/inspector-error.js';
import { WalError } from '../../core/wal/wal-error.js';

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

function throwingWith(err: unknown): CliCommandEntry {
  return { name: 'fail', summary: 'fails', load: async () => ({ name: 'fail', usage: 'fail', run: async () => { throw err; } }) };
}

describe('runCli', () => {
  it('translates errors by their type, as the service does: typed errors and system errors are the user\'s, exit 2', async () => {
    const wal = await run(['fail'], [throwingWith(new WalError('NOT_A_WAL', '/tmp/x: not a WAL', { file: '/tmp/x' }))]);
    expect([wal.code, wal.stderr]).toEqual([2, 'wal-inspector fail: /tmp/x: not a WAL\n']);
    const failure = await run(['fail'], [throwingWith(new InspectorFailure('ABORTED', 'reading was cancelled'))]);
    expect([failure.code, failure.stderr]).toEqual([2, 'wal-inspector fail: reading was cancelled\n']);
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/nope/log.wal'"), { code: 'ENOENT', errno: -2, syscall: 'open', path: '/nope/log.wal' });
    const missing = await run(['fail'], [throwingWith(enoent)]);
    expect([missing.code, missing.stderr]).toEqual([2, 'wal-inspector fail: /nope/log.wal: no such file or directory\n']);
  });

  it('does not take an error for the user\'s because it carries an upper-case code: a Node ERR_ code or a stray object is a bug', async () => {
    const nodeBug = Object.assign(new TypeError('The "path" argument must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' });
    for (const err of [nodeBug, { code: 'NOT_FOUND', message: 'looks typed, is not' }]) {
      const r = await run(['fail'], [throwingWith(err)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^wal-inspector fail: internal error: .* \(a bug/);
    }
  });

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
