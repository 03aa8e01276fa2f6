import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { GOLDEN, REPO_ROOT } from '../support/paths.js';

/**
 * Start-up cost is mostly module loading: a command loads what it runs, and the packages that
 * cost tens of milliseconds (compression bindings, the id generator, BLAKE3, zod, the service)
 * only where they are used. Timed in test/bench/startup-bench.ts; here, what is loaded.
 */
function loadedPackages(args: string[]): string[] {
  const dir = tempDir('start-up-');
  const log = path.join(dir, 'loaded.txt');
  const hooks = path.join(dir, 'hooks.mjs');
  fs.writeFileSync(hooks, `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`);
  const register = path.join(dir, 'register.mjs');
  // ESM loads go through the hook; CommonJS ones (require, createRequire) are in require.cache at exit.
  fs.writeFileSync(register, `import { appendFileSync } from 'node:fs'; import { createRequire, register } from 'node:module';
register(${JSON.stringify(new URL(`file://${hooks}`).href)});
process.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n'));`);
  const r = spawnSync(process.execPath, ['--import', register, '--import', 'tsx', path.join(REPO_ROOT, 'cli/main.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const urls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  expect(urls.some((u) => u.endsWith('/cli/main.ts'))).toBe(true); // the hook sees our modules
  return [...new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []))].filter((p) => p !== 'tsx' && p !== 'esbuild' && p !== 'get-tsconfig' && p !== 'resolve-pkg-maps');
}

const HEAVY = ['zstd-napi', 'lz4-napi', '@paralleldrive/cuid2', '@noble/hashes', 'bignumber.js', 'hash-wasm', 'zod', 'crc-32', '@marcbachmann/cel-js'];

describe('start-up', () => {
  it('--version loads no package at all', () => {
    expect(loadedPackages(['--version'])).toEqual([]);
  }, 30_000);

  it('stats of an uncompressed log loads none of the heavy packages', () => {
    const loaded = loadedPackages(['stats', path.join(GOLDEN, 'basic.wal')]);
    expect(loaded.filter((p) => HEAVY.includes(p))).toEqual([]);
  }, 30_000);

  it('a compressed chain loads the compression bindings when it needs them', () => {
    expect(fs.readdirSync(path.join(GOLDEN, 'chain')).some((f) => f.endsWith('.zst'))).toBe(true);
    expect(loadedPackages(['stats', path.join(GOLDEN, 'chain')])).toContain('zstd-napi');
  }, 30_000);
});
