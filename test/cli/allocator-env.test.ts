import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOCATOR_ENV, hasAllocatorEnv, onGlibc, withAllocatorEnv } from '../../cli/allocator-env.js';
import { GOLDEN, REPO_ROOT } from '../support/paths.js';

const settings = Object.keys(ALLOCATOR_ENV);
const without = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !settings.includes(k)));

describe('allocator settings for long-lived processes', () => {
  it('adds the settings on glibc, keeping a value the user set', () => {
    const env = withAllocatorEnv({ PATH: '/bin', MALLOC_TRIM_THRESHOLD_: '4096' });
    expect(env['PATH']).toBe('/bin');
    if (!onGlibc()) {
      expect(env).toEqual({ PATH: '/bin', MALLOC_TRIM_THRESHOLD_: '4096' });
      expect(hasAllocatorEnv({})).toBe(true);
      return;
    }
    expect(env['MALLOC_TRIM_THRESHOLD_']).toBe('4096');
    expect(withAllocatorEnv({})).toEqual(ALLOCATOR_ENV);
    expect(hasAllocatorEnv({})).toBe(false);
    expect(hasAllocatorEnv(withAllocatorEnv({}))).toBe(true);
  });

  // /proc names a process's children and environment: Linux only, where the setting matters.
  it.runIf(onGlibc())('serve runs in a child started with them, which ends when the parent is killed outright', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', path.join(GOLDEN, 'chain'), '--port', '0', '--no-recent'], {
      cwd: REPO_ROOT, env: without(),
    });
    let child = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        parent.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/token=/.test(out)) resolve();
        });
        parent.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const children = fs.readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
      expect(children).toHaveLength(1);
      child = children[0]!;
      const env = fs.readFileSync(`/proc/${child}/environ`, 'utf8').split('\0');
      for (const [k, v] of Object.entries(ALLOCATOR_ENV)) expect(env).toContain(`${k}=${v}`);
    } finally {
      parent.kill('SIGKILL');
    }
    const alive = () => fs.existsSync(`/proc/${child}`) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${child}/status`, 'utf8'));
    const until = Date.now() + 10_000;
    while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  }, 60_000);
});
