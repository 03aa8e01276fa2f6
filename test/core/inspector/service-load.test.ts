import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRealisticWal } from '../../bench/generate-realistic-wal.js';
import { harness, must, tempDir } from './support/inspector-fixtures.js';
import { isProgress, lateness } from './support/responsiveness.js';

// A long verify (~240 k entries, seconds of work) must not hold up the service's other calls.
const h = harness();
afterAll(() => h.service.close());
let session = '';
beforeAll(async () => {
  const { file } = generateRealisticWal(path.join(tempDir(), 'load.wal'), 60e6);
  session = (await h.open(file)).session_id;
}, 120_000);


describe('reads while a long verify runs', () => {
  it('rows.page answers within 200 ms, with the same rows, and job.cancel ends the verify within 300 ms', async () => {
    const pageAt = (offset: number) => h.api.rows.page({ session_id: session, offset, limit: 50, sort: { key: 'time', direction: 'desc' } });
    const expected = await Promise.all([0, 50_000, 200_000].map(async (o) => must(await pageAt(o)).rows));
    const running = h.api.verify.run({ session_id: session, store: null, job_id: 'load-verify' });
    await h.waitFor(isProgress('load-verify'));
    const late: number[] = [];
    for (let i = 0; i < 15; i++) {
      const offset = [0, 50_000, 200_000][i % 3]!;
      late.push(await lateness(async () => expect(must(await pageAt(offset)).rows).toEqual(expected[i % 3])));
    }
    expect(Math.max(...late)).toBeLessThan(200);
    const asked = performance.now();
    expect(must(await h.api.job.cancel({ job_id: 'load-verify' }))).toEqual({ cancelled: true });
    const r = await running;
    const tookMs = performance.now() - asked;
    expect(r).toMatchObject({ ok: false, error: { code: 'ABORTED', context: { job_id: 'load-verify' } } });
    expect(tookMs).toBeLessThan(300);
  }, 60_000);

  it('a verify left to finish gives the same verdict as before', async () => {
    const r = must(await h.api.verify.run({ session_id: session, store: null, job_id: 'load-verify-2' }));
    expect(r.passed).toBe(true);
    expect(r.entries_processed).toBe(must(await h.api.session.info({ session_id: session })).progress.entries);
    expect(h.events.filter(isProgress('load-verify-2')).at(-1)).toMatchObject({ progress: { operation: 'verify.run', unit: 'entries' } });
  }, 60_000);
});
