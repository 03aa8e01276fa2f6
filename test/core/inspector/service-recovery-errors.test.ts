import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RECOVERY_LOCK } from '../../../core/recovery/recovery-lock.js';
import { GOLDEN } from '../../support/paths.js';
import { harness, must, tempDir } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());

/** A copy of a golden case's collection directory (the files there are never written). */
function copyStore(name: string): string {
  const dest = path.join(tempDir(), 'store');
  fs.cpSync(path.join(GOLDEN, 'recovery', name, 'store'), dest, { recursive: true });
  return path.join(dest, 'data', fs.readdirSync(path.join(dest, 'data'))[0]!);
}

// Issue 11: recovery's refusals reached the contract as IO_ERROR, without the holder or the directory.
describe('recovery.apply refusals cross the contract with their own codes and context', () => {
  it('LOCKED names the lock file and the process holding it; nothing is written', async () => {
    const collection = copyStore('crash-before-write');
    const info = await h.open(collection);
    const plan = must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe' }));
    expect(plan.changes.length).toBeGreaterThan(0);
    const lock = path.join(collection, RECOVERY_LOCK);
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: hostname(), tool: 'wal-inspector recover', started_at: '2025-01-01T00:00:00.000Z', token: 't' }));
      const before = fs.readdirSync(collection).sort();
      const r = await h.api.recovery.apply({ session_id: info.session_id, plan_id: plan.plan_id });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ code: 'LOCKED', context: { file: lock, pid: holder.pid } });
      expect(r.error.message).toContain(`held by process ${holder.pid}`);
      expect(fs.readdirSync(collection).sort()).toEqual(before);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('UNSAFE_DIRECTORY names the directory that is a link', async () => {
    const collection = copyStore('crash-before-write');
    const elsewhere = fs.mkdtempSync(path.join(path.dirname(collection), 'elsewhere-'));
    fs.symlinkSync(elsewhere, path.join(collection, '.backups'));
    const info = await h.open(collection);
    const plan = must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe' }));
    const r = await h.api.recovery.apply({ session_id: info.session_id, plan_id: plan.plan_id });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'UNSAFE_DIRECTORY', context: { file: path.join(collection, '.backups') } });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });
});
