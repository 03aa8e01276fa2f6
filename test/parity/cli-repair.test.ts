import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { I, T0, U } from '../core/history/history-fixture.js';
import { walOf } from '../core/restore/restore-fixture.js';
import { ins, makeStore, walBytes } from '../core/store/store-fixture.js';
import { cliJson, withSession } from './support/cli-parity.js';
import { PARITY_LOGS } from './support/scenario.js';
import { TRANSPORTS, openTransport, type Transport } from './support/transports.js';

/**
 * repair.plan is `repair --dry-run --json` and repair.apply is `repair --json`, in process,
 * over HTTP and over Electron IPC, with the same bytes written. Each run writes to the same
 * path in turn (the previous output removed first), so the answers' `path` compares as it is.
 */
const open: Transport[] = [];
beforeAll(async () => {
  for (const name of TRANSPORTS) open.push(await openTransport(name));
});
afterAll(async () => {
  for (const t of open) await t.close();
});

/** Every file of an output (a file, or a directory's files by name) with its bytes. */
function contents(p: string): Record<string, string> {
  if (!fs.statSync(p).isDirectory()) return { '.': fs.readFileSync(p).toString('base64') };
  return Object.fromEntries(fs.readdirSync(p).sort().map((n) => [n, fs.readFileSync(path.join(p, n)).toString('base64')]));
}

describe('repair --json is repair.apply, --dry-run is repair.plan, on every transport', () => {
  for (const log of PARITY_LOGS) {
    it(path.basename(log), async () => {
      const out = path.join(tempDir('parity-repair-'), fs.statSync(log).isDirectory() ? 'out' : `out${path.extname(log)}`);
      const plan = await cliJson(['repair', log, '--dry-run', '--json']);
      const cli = await cliJson(['repair', log, out, '--json']);
      const bytes = contents(out);
      expect(cli.code).toBe((cli.value as { unrepaired: number }).unrepaired > 0 ? 1 : 0);
      expect(plan.code).toBe(cli.code);
      for (const t of open) {
        fs.rmSync(out, { recursive: true });
        const [planned, applied] = await withSession(t.api, log, async (session_id) => [
          await t.api.repair.plan({ session_id }), await t.api.repair.apply({ session_id, path: out }),
        ] as const);
        expect(planned, t.name).toEqual({ ok: true, value: plan.value });
        expect(applied, t.name).toEqual({ ok: true, value: cli.value });
        expect(contents(out), t.name).toEqual(bytes);
      }
    }, 60_000);
  }

  it('an existing path is refused with OUTPUT_EXISTS on every transport', async () => {
    const taken = path.join(tempDir('parity-repair-'), 'taken.wal');
    fs.writeFileSync(taken, 'x');
    for (const t of open) {
      const r = await withSession(t.api, PARITY_LOGS[0]!, (session_id) => t.api.repair.apply({ session_id, path: taken }));
      expect(r, t.name).toMatchObject({ ok: false, error: { code: 'OUTPUT_EXISTS' } });
      expect(fs.readFileSync(taken, 'utf8')).toBe('x');
    }
  }, 60_000);

  it('recovery.plan include_repaired is recover --dry-run --json --include-repaired on every transport', async () => {
    const entries = [ins('a', '{"v":1}'), ins('b', '{"name":"Bob"}')];
    const bytes = walBytes(entries);
    bytes[bytes.length - 8] = bytes[bytes.length - 8]! ^ 1;
    const s = await makeStore({}, bytes);
    try {
      const pick = (r: { include_repaired?: boolean; repaired_entries?: unknown; notes: readonly string[]; changes: readonly { document_id: string; includes_repaired?: boolean }[] }) => ({
        include_repaired: r.include_repaired, repaired_entries: r.repaired_entries, notes: r.notes,
        changes: r.changes.map((c) => [c.document_id, c.includes_repaired ?? false]),
      });
      const cli = await cliJson(['recover', s.collDir, '--mode', 'safe', '--dry-run', '--json', '--include-repaired']);
      const expected = pick(cli.value as Parameters<typeof pick>[0]);
      expect(expected.changes).toEqual([['a', false], ['b', true]]);
      for (const t of open) {
        const r = await withSession(t.api, s.collDir, (session_id) => t.api.recovery.plan({ session_id, mode: 'safe', include_repaired: true }));
        expect(r.ok, t.name).toBe(true);
        if (r.ok) expect(pick(r.value), t.name).toEqual(expected);
      }
    } finally {
      await s.cleanup();
    }
  }, 60_000);

  it('restore.plan include_repaired is restore --dry-run --json --include-repaired on every transport', async () => {
    // b's Insert has a flipped bit; the documents were updated after the restore's cut-off.
    const steps = [I('a', '{"v":1}', { at: 1 }), I('b', '{"name":"Bob"}', { at: 2 }), U('a', '{"v":2}', { at: 5 }), U('b', '{"name":"Bobby"}', { at: 6 })];
    const bytes = walOf(steps);
    const at = walOf(steps.slice(0, 2)).length - 8;
    bytes[at] = bytes[at]! ^ 1;
    const s = await makeStore({ a: '{"v":2}', b: '{"name":"Bobby"}' }, bytes);
    try {
      const pick = (r: { include_repaired?: boolean; repaired_entries?: unknown; notes: readonly string[]; changes: readonly { document_id: string; includes_repaired?: boolean }[] }) => ({
        include_repaired: r.include_repaired, repaired_entries: r.repaired_entries, notes: r.notes,
        changes: r.changes.map((c) => [c.document_id, c.includes_repaired ?? false]),
      });
      const until = String(T0 + 2n);
      const cli = await cliJson(['restore', s.collDir, '--store', s.collDir, '--until', until, '--dry-run', '--json', '--include-repaired']);
      const expected = pick(cli.value as Parameters<typeof pick>[0]);
      expect(expected.changes).toEqual([['a', false], ['b', true]]);
      for (const t of open) {
        const r = await withSession(t.api, s.collDir, (session_id) => t.api.restore.plan({ session_id, until, include_repaired: true }));
        expect(r.ok, t.name).toBe(true);
        if (r.ok) expect(pick(r.value), t.name).toEqual(expected);
      }
    } finally {
      await s.cleanup();
    }
  }, 60_000);
});
