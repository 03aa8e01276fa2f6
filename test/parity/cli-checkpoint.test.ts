import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { del, ins, makeStore, type TestStore } from '../core/store/store-fixture.js';
import { cliJson, withSession, withoutPlanId } from './support/cli-parity.js';
import { PARITY_LOGS, PARITY_STORES, copyStore, normalise } from './support/scenario.js';
import { openTransport, type Transport } from './support/transports.js';

/**
 * `checkpoint --json` prints what the service's checkpoint operations answer: the plan
 * (`checkpoint.plan`, without the session's plan_id) with `--dry-run`, the result
 * (`checkpoint.apply`) once applied. A checkpoint syncs (opens the active segment for writing),
 * so every log here is a copy, never the golden file itself.
 */
let t: Transport;
const made: TestStore[] = [];
beforeAll(async () => {
  t = await openTransport('in-process');
});
afterAll(async () => {
  await t.close();
  for (const s of made) await s.cleanup();
});

function copyLog(log: string): string {
  const copy = path.join(tempDir('parity-checkpoint-'), path.basename(log));
  fs.cpSync(log, copy, { recursive: true });
  return copy;
}

/** Puts `dir` back as `snapshot` holds it, at the same path (so both sides name the same files). */
function restore(dir: string, snapshot: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(snapshot, dir, { recursive: true });
}

async function servicePlan(log: string, args: { compact: boolean; compression?: 'none' | 'zstd'; keep_segments?: number }) {
  return withSession(t.api, log, async (session_id) => {
    const plan = await t.api.checkpoint.plan({ session_id, ...args });
    if (!plan.ok) return plan;
    return { ok: true as const, value: withoutPlanId(plan.value) };
  });
}

async function serviceApply(log: string, args: { compact: boolean }) {
  return withSession(t.api, log, async (session_id) => {
    const plan = await t.api.checkpoint.plan({ session_id, ...args });
    if (!plan.ok) throw new Error(`checkpoint.plan: ${plan.error.message}`);
    return t.api.checkpoint.apply({ session_id, plan_id: plan.value.plan_id });
  });
}

describe('checkpoint --json is checkpoint.apply (plain checkpoint)', () => {
  for (const log of PARITY_LOGS) {
    it(`on a copy of ${path.basename(log)}`, async () => {
      const copy = copyLog(log);
      const service = await serviceApply(copy, { compact: false });
      expect(service.ok).toBe(true);
      const cli = await cliJson(['checkpoint', copy, '--json']);
      expect(cli.code).toBe(0);
      expect(cli.value).toEqual(service.ok && service.value);
    }, 60_000);
  }
});

describe('checkpoint --compact --dry-run --json is checkpoint.plan', () => {
  for (const name of PARITY_STORES) {
    it(`on the store of recovery case ${name}`, async () => {
      const coll = copyStore(name);
      const service = await servicePlan(coll, { compact: true });
      expect(service.ok).toBe(true);
      const cli = await cliJson(['checkpoint', coll, '--compact', '--dry-run', '--json']);
      const plan = service.ok ? service.value : null;
      expect(cli.code).toBe(plan?.refused ? 1 : 0);
      expect(normalise(cli.value)).toEqual(normalise(plan));
    }, 60_000);
  }

  it('on a store with a blocking finding (a Delete whose .deleted/ copy is missing)', async () => {
    const s = await makeStore({ a: '{}' }, [ins('a', '{}'), ins('b', '{}'), del('b')]);
    made.push(s);
    const service = await servicePlan(s.collDir, { compact: true, keep_segments: 2 });
    const cli = await cliJson(['checkpoint', s.collDir, '--compact', '--dry-run', '--json', '--keep', '2']);
    expect(cli.code).toBe(1);
    expect(service).toMatchObject({ ok: true, value: { blocked_total: 1, blocked_by: [{ kind: 'deleted-copy-missing' }] } });
    expect(normalise(cli.value)).toEqual(normalise(service.ok && service.value));
  }, 60_000);
});

describe('checkpoint --compact --yes --json is checkpoint.apply', () => {
  it('seals the active segment of a store that reflects the log: the same result, the same files', async () => {
    const s = await makeStore({ a: '{}' }, [ins('a', '{}')]);
    made.push(s);
    const snapshot = path.join(tempDir('parity-checkpoint-snap-'), 'store');
    fs.cpSync(s.storeDir, snapshot, { recursive: true });

    const plan = await servicePlan(s.collDir, { compact: true });
    const dry = await cliJson(['checkpoint', s.collDir, '--compact', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(normalise(dry.value)).toEqual(normalise(plan.ok && plan.value));
    expect(plan).toMatchObject({ ok: true, value: { refused: null, seal: { from: 'transactions.wal' } } });

    const service = await serviceApply(s.collDir, { compact: true });
    expect(service).toMatchObject({ ok: true, value: { sealed: expect.stringMatching(/^transactions\.\d+\.wal$/) } });
    const serviceFiles = fs.readdirSync(s.walDir).map((f) => normalise(f)).sort();

    restore(s.storeDir, snapshot);
    const cli = await cliJson(['checkpoint', s.collDir, '--compact', '--yes', '--json']);
    expect(cli.code).toBe(0);
    expect(normalise(cli.value)).toEqual(normalise(service.ok && service.value));
    expect(fs.readdirSync(s.walDir).map((f) => normalise(f)).sort()).toEqual(serviceFiles);
  }, 60_000);

  it('a refused compaction prints the plan (nothing applied) and exits 1; the service refuses to apply it', async () => {
    const coll = copyStore('partial-transaction');
    const plan = await servicePlan(coll, { compact: true });
    expect(plan).toMatchObject({ ok: true, value: { refused: expect.any(String) } });
    const cli = await cliJson(['checkpoint', coll, '--compact', '--yes', '--json']);
    expect(cli.code).toBe(1);
    expect(normalise(cli.value)).toEqual(normalise(plan.ok && plan.value));
    expect(await serviceApply(coll, { compact: true })).toMatchObject({ ok: false, error: { code: 'VERIFY_FAILED' } });
  }, 60_000);
});
