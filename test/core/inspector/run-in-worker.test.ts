import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERIFY_LISTED } from '../../../core/contract/contract.js';
import { InspectorFailure } from '../../../core/inspector/inspector-error.js';
import { runJobTask } from '../../../core/inspector/job-tasks.js';
import type { JobContext } from '../../../core/inspector/jobs.js';
import { runInWorker } from '../../../core/inspector/run-in-worker.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { GOLDEN } from '../../support/paths.js';
import { binaryBytes, generated, harness, tempDir, writeFile } from './support/inspector-fixtures.js';

const CASES = fs.readdirSync(path.join(GOLDEN, 'recovery')).filter((n) => fs.existsSync(path.join(GOLDEN, 'recovery', n, 'store')));

function jobContext(controller = new AbortController()): JobContext & { seen: number[] } {
  const seen: number[] = [];
  return { signal: controller.signal, seen, progress: (done) => void seen.push(done) };
}

async function failure(p: Promise<unknown>): Promise<InspectorFailure> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(InspectorFailure);
  return err as InspectorFailure;
}

describe('a task on a worker thread gives what it gives in place', () => {
  it.each(CASES.slice(0, 3))('verify against the store: %s', async (name) => {
    const collection = path.join(GOLDEN, 'recovery', name, 'store', 'data', fs.readdirSync(path.join(GOLDEN, 'recovery', name, 'store', 'data'))[0]!);
    const location = await locateLog(collection);
    const task = { kind: 'verify' as const, location, store: collection, listed: VERIFY_LISTED, readTotal: 0 };
    const here = await runJobTask(task, { onProgress: () => {} });
    const job = jobContext();
    expect(await runInWorker(task, job)).toEqual(here);
    expect(job.seen.length).toBeGreaterThan(0);
  }, 30_000);

  it('a typed failure in the thread crosses as that error, with its context', async () => {
    const location = await locateLog(path.join(GOLDEN, 'damaged-data-bitflip.wal'));
    const missing = path.join(tempDir(), 'no-such-collection');
    const err = await failure(runInWorker({ kind: 'verify', location, store: missing, listed: VERIFY_LISTED, readTotal: 0 }, jobContext()));
    expect(err.code).toBe('IO_ERROR');
    expect(err.message).toContain(missing);
    expect(err.context).toMatchObject({ file: missing, collection: 'no-such-collection' });
  }, 30_000);

  it('cancelling ends the thread at once with ABORTED', async () => {
    const file = writeFile(path.join(tempDir(), 'long.wal'), binaryBytes(generated(200_000)));
    const controller = new AbortController();
    const job = jobContext(controller);
    const running = runInWorker({ kind: 'verify', location: await locateLog(file), store: null, listed: VERIFY_LISTED, readTotal: 200_000 }, job);
    while (job.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    const asked = performance.now();
    controller.abort();
    expect((await failure(running)).code).toBe('ABORTED');
    expect(performance.now() - asked).toBeLessThan(100);
  }, 30_000);
});

describe('closing the service', () => {
  it('ends a job running on a worker thread (ABORTED), so no thread outlives the service', async () => {
    const h = harness();
    const sid = (await h.open(writeFile(path.join(tempDir(), 'close.wal'), binaryBytes(generated(150_000))))).session_id;
    const running = h.api.verify.run({ session_id: sid, store: null, job_id: 'close-1' });
    await h.waitFor((e) => e.type === 'job.progress' && e.progress.job_id === 'close-1');
    const asked = performance.now();
    await h.service.close();
    expect(await running).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(performance.now() - asked).toBeLessThan(300);
  }, 60_000);
});
