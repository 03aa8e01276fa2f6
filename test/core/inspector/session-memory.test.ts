import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { withAllocatorEnv } from '../../../cli/allocator-env.js';
import { makeBigLog } from '../../e2e/support/big-log.js';
import { REPO_ROOT } from '../../support/paths.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-session-memory-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Issue 16: closing a session gives its memory back (RSS within 50 MiB of before it opened).
it('gives a closed session\'s memory back: rows, tables, orders and the text search thread\'s copy of the rows', () => {
  const small = makeBigLog(path.join(tmp, 'small'), 2_000).walDir;
  const big = makeBigLog(path.join(tmp, 'big'), 2_000_000).walDir;
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/core/inspector/support/session-memory-child.ts'), small, big], {
    // Started as serve and npm start start their service (cli/allocator-env.ts): without the
    // setting glibc keeps freed arena memory, 42-68 MiB here on a quiet machine and 101 MiB once
    // in CI under load (+27 with it).
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 150_000, env: withAllocatorEnv(process.env),
  });
  expect(child.status, `${child.stderr}\n${child.stdout}`).toBe(0);
  const { before, browsed, closed } = JSON.parse(child.stdout.trim().split('\n').pop()!) as { before: number; browsed: number; closed: number };
  console.log(`[session memory] RSS before ${before.toFixed(0)} MiB, indexed and browsed ${browsed.toFixed(0)}, closed ${closed.toFixed(0)}`);
  // The log held enough to tell: 2 M rows are 86 MiB of index alone.
  expect(browsed - before).toBeGreaterThan(100);
  // Issue 16 asks for 50 MiB in serve (ui-bench measures it); heap pages kept from one run to the
  // next vary with the machine's load, so the bound here is wider.
  expect(closed - before).toBeLessThan(80);
  expect(closed - before).toBeLessThan((browsed - before) * 0.5);
}, 180_000);
