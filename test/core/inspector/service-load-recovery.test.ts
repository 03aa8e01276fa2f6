import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRealisticWal } from '../../bench/generate-realistic-wal.js';
import { harness, must, tempDir } from './support/inspector-fixtures.js';
import { isProgress, lateness } from './support/responsiveness.js';

// recovery.plan stays on the service's thread (its plan is kept for recovery.apply): it must yield.
const h = harness();
afterAll(() => h.service.close());
let session = '';
let collection = '';
beforeAll(async () => {
  collection = path.join(tempDir(), 'store', 'data', 'users');
  fs.mkdirSync(path.join(collection, '.wal'), { recursive: true });
  generateRealisticWal(path.join(collection, '.wal', 'transactions.wal'), 40e6);
  session = (await h.open(collection)).session_id;
}, 120_000);


describe('reads while a long recovery plan runs', () => {
  it.each([false, true])('rows.page answers within 200 ms and job.cancel ends the plan within 300 ms (committed only: %s)', async (committedOnly) => {
    const jobId = `load-plan-${committedOnly}`;
    const expected = must(await h.api.rows.page({ session_id: session, offset: 1000, limit: 50 })).rows;
    const running = h.api.recovery.plan({ session_id: session, mode: 'safe', committed_only: committedOnly, job_id: jobId });
    await h.waitFor(isProgress(jobId));
    const late: number[] = [];
    for (let i = 0; i < 10; i++) {
      late.push(await lateness(async () => expect(must(await h.api.rows.page({ session_id: session, offset: 1000, limit: 50 })).rows).toEqual(expected)));
    }
    expect(Math.max(...late)).toBeLessThan(200);
    const asked = performance.now();
    expect(must(await h.api.job.cancel({ job_id: jobId }))).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(performance.now() - asked).toBeLessThan(300);
  }, 60_000);
});
