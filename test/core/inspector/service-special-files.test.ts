import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN } from '../../support/paths.js';
import { harness, tempDir } from './support/inspector-fixtures.js';

/** A FIFO opened as a log hung every reader and left `serve`'s session.close unanswered (issue 10.7). */
const h = harness();
afterAll(() => h.service.close());

describe('session.open on something that is not a log file', () => {
  it('refuses a FIFO at once, naming it, and the service keeps answering', async () => {
    const fifo = path.join(tempDir('fifo-'), 'transactions.wal');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    const r = await h.api.session.open({ path: fifo });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('NOT_A_WAL');
      expect(r.error.message).toContain(fifo);
    }
    expect((await h.api.session.list({})).ok).toBe(true);
  });

  it('refuses a character device', async () => {
    const r = await h.api.session.open({ path: '/dev/zero' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('/dev/zero');
  });

  it('a .wal/ holding a FIFO opens the rest and says what it left out; close answers', async () => {
    const wal = path.join(tempDir('fifo-dir-'), '.wal');
    fs.mkdirSync(wal);
    fs.copyFileSync(path.join(GOLDEN, 'basic.wal'), path.join(wal, 'transactions.wal'));
    execFileSync('mkfifo', [path.join(wal, 'transactions.1732700009.wal')]);
    const info = await h.open(wal);
    expect(info.progress.entries).toBeGreaterThan(0);
    expect(info.warnings.join('\n')).toMatch(/transactions\.1732700009\.wal.*FIFO/);
    expect((await h.api.session.close({ session_id: info.session_id })).ok).toBe(true);
  });
});
