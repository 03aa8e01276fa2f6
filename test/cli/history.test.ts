import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { B, C, D, I, R, T0, U, tx, type Step } from '../core/history/history-fixture.js';
import { storeWith } from '../core/restore/restore-fixture.js';
import type { TestStore } from '../core/store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const G = tx('group');
const RB = tx('rolledback');
const steps: Step[] = [
  I('a', '{"big":12345678901234567890,"o":{"x":1}}', { at: 1 }), B(G, 2), U('a', '{"o":{"y":2}}', { tx: G, at: 3 }), C(G, 4),
  B(RB, 5), D('a', { tx: RB, at: 6 }), R(RB, 7), I('other', '{}', { at: 8 }),
];

describe('history', () => {
  it('--json: every version with position, time, transaction and fate, and the state after it (deep merge, numbers exact)', async () => {
    const s = await storeWith({}, steps);
    stores.push(s);
    const r = await runCliCaptured(['history', s.collDir, '--document', 'a', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"big": 12345678901234567890');
    const h = JSON.parse(r.stdout);
    expect(h).toMatchObject({ document_id: 'a', collection: 'users', complete: true });
    expect(h.versions.map((v: { entry_type: string; transaction_status: string }) => [v.entry_type, v.transaction_status])).toEqual([
      ['Insert', 'standalone'], ['Update', 'committed'], ['Delete', 'rolled-back'],
    ]);
    expect(h.versions[1]).toMatchObject({ segment: 'transactions.wal', transaction_id: G, timestamp: Number(T0 + 3n), state: { o: { x: 1, y: 2 } } });
    expect(h.versions[2].state).toBeNull();
    expect(Object.keys(h.versions[0])).toEqual(['segment', 'offset', 'timestamp', 'entry_type', 'transaction_id', 'transaction_status', 'state']);
  });

  it('human output, and exit 1 for an incomplete history', async () => {
    const s = await storeWith({}, [U('z', '{"v":1}')]);
    stores.push(s);
    const r = await runCliCaptured(['history', s.collDir, '--document', 'z']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/document z in "users": 1 version — history incomplete/);
    expect(r.stdout).toMatch(/#1 transactions\.wal:0 {2}2024-11-23T\S+ {2}Update/);
  });

  it('--document is required', async () => {
    const r = await runCliCaptured(['history', '/nonexistent']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--document ID is required/);
  });
});
