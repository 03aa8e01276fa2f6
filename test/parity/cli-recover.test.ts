import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryMode, RecoveryPlan, RecoveryReport, RecoveryResult } from '../../core/contract/contract.js';
import { GOLDEN } from '../support/paths.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { copyStore, normalise } from './support/scenario.js';
import { withSession } from './support/cli-parity.js';
import { openTransport, type Transport } from './support/transports.js';

/**
 * `recover --dry-run --json` prints what recovery.plan answers and `recover --yes --json` what
 * recovery.apply answers: the same use case, the same view. The service adds `row` to listed
 * entries and the plan's `plan_id`; those, and the copy's directory, are all that may differ.
 */
let service: Transport;
beforeAll(async () => {
  service = await openTransport('in-process');
});
afterAll(() => service.close());

const CASES = fs.readdirSync(path.join(GOLDEN, 'recovery')).filter((n) => fs.statSync(path.join(GOLDEN, 'recovery', n)).isDirectory()).sort();
const MODES: readonly { mode: RecoveryMode; committedOnly: boolean }[] = [
  { mode: 'safe', committedOnly: false }, { mode: 'safe', committedOnly: true },
  { mode: 'force', committedOnly: false }, { mode: 'force', committedOnly: true },
];

function withoutRows<T extends RecoveryReport>(r: T): T {
  const strip = <I extends { row?: number }>(items: readonly I[]) => items.map(({ row: _row, ...rest }) => rest);
  return {
    ...r, failures: strip(r.failures), lost: strip(r.lost), flagged: strip(r.flagged),
    ...(r.dropped ? { dropped: strip(r.dropped) } : {}),
    ...(r.skipped ? { skipped: strip(r.skipped) } : {}),
    changes: r.changes.map((c) => (c.uncommitted ? { ...c, uncommitted: strip(c.uncommitted) } : c)),
  };
}

/** The copy's directory as `<store>`; a backup is named after the instant it was made. */
function comparable(value: unknown, collection: string): unknown {
  const text = JSON.stringify(value).split(collection).join('<store>')
    .replace(/<store>\/\.backups\/recover-[^"/]+/g, '<store>/.backups/recover-<instant>');
  return normalise(JSON.parse(text));
}

async function planThroughService(collection: string, mode: RecoveryMode, committed_only: boolean): Promise<RecoveryPlan> {
  return withSession(service.api, collection, async (session_id) => {
    const r = await service.api.recovery.plan({ session_id, mode, committed_only });
    if (!r.ok) throw new Error(`recovery.plan: ${r.error.code} ${r.error.message}`);
    return r.value;
  });
}

async function applyThroughService(collection: string, mode: RecoveryMode, committed_only: boolean): Promise<RecoveryResult> {
  return withSession(service.api, collection, async (session_id) => {
    const plan = await service.api.recovery.plan({ session_id, mode, committed_only });
    if (!plan.ok) throw new Error(`recovery.plan: ${plan.error.code} ${plan.error.message}`);
    const r = await service.api.recovery.apply({ session_id, plan_id: plan.value.plan_id });
    if (!r.ok) throw new Error(`recovery.apply: ${r.error.code} ${r.error.message}`);
    return r.value;
  });
}

async function recoverJson(collection: string, mode: RecoveryMode, committedOnly: boolean, step: '--dry-run' | '--yes'): Promise<{ code: number; value: unknown }> {
  const r = await runCliCaptured(['recover', collection, '--store', collection, '--mode', mode, ...(committedOnly ? ['--committed-only'] : []), step, '--json']);
  expect(r.code, r.stderr).toBeLessThan(2);
  return { code: r.code, value: JSON.parse(r.stdout) as unknown };
}

/**
 * Every document file of the collection and of `.deleted/`, as text; the instants a write
 * stamps (`created_at` of a new document, `updated_at`) are those of the apply, so masked.
 */
function documentFiles(collection: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of ['', '.deleted']) {
    const at = path.join(collection, dir);
    if (!fs.existsSync(at)) continue;
    for (const name of fs.readdirSync(at).sort()) {
      if (!name.endsWith('.json') || (dir === '' && name.startsWith('.'))) continue;
      out[path.join(dir, name)] = fs.readFileSync(path.join(at, name), 'utf8').replace(/"(created_at|updated_at)": "[^"]*"/g, '"$1": "<instant>"');
    }
  }
  return out;
}

/** The files a backup holds, relative to its directory. */
function backupFiles(backup: string | null): string[] {
  if (backup === null) return [];
  return (fs.readdirSync(backup, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(backup, f)).isFile()).sort();
}

describe('recover --json equals recovery.plan and recovery.apply', () => {
  for (const name of CASES) {
    for (const { mode, committedOnly } of MODES) {
      const label = `${mode}${committedOnly ? ' --committed-only' : ''}`;

      it(`${name}, ${label}: --dry-run --json is recovery.plan`, async () => {
        const collection = copyStore(name);
        const before = documentFiles(collection);
        const fromService = await planThroughService(collection, mode, committedOnly);
        const { code, value } = await recoverJson(collection, mode, committedOnly, '--dry-run');
        const { plan_id: _, ...preview } = withoutRows(fromService);
        expect(normalise(value)).toEqual(normalise(preview));
        expect(code).toBe(fromService.failed_operations > 0 ? 1 : 0);
        expect((value as RecoveryReport).dropped_entries).toBe(committedOnly ? fromService.dropped?.length : undefined);
        expect(documentFiles(collection)).toEqual(before);
      }, 60_000);

      it(`${name}, ${label}: --yes --json is recovery.apply, and leaves the same files`, async () => {
        const [viaCli, viaService] = [copyStore(name), copyStore(name)];
        const { code, value } = await recoverJson(viaCli, mode, committedOnly, '--yes');
        const fromService = await applyThroughService(viaService, mode, committedOnly);
        expect(comparable(value, viaCli)).toEqual(comparable(withoutRows(fromService), viaService));
        expect(code).toBe(fromService.failed_operations > 0 ? 1 : 0);
        expect(documentFiles(viaCli)).toEqual(documentFiles(viaService));
        expect(backupFiles((value as RecoveryResult).backup)).toEqual(backupFiles(fromService.backup));
      }, 60_000);
    }
  }
});
