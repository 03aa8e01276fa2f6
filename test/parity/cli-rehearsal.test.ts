import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0 } from '../core/history/history-fixture.js';
import { documentFiles, overwrittenStore } from '../core/restore/restore-fixture.js';
import { documentText, type TestStore } from '../core/store/store-fixture.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { cliJson, withSession } from './support/cli-parity.js';
import { openTransport, type Transport } from './support/transports.js';

/**
 * `promote FILE` / `discard FILE` are restore.promote / restore.discard for the command line:
 * the rehearsal's plan is a file (`restore --into DIR --plan-out FILE`, written by `apply FILE`)
 * instead of a session's. The same store rehearsed both ways promotes to the same report and files.
 */
let t: Transport;
const stores: TestStore[] = [];
beforeAll(async () => {
  t = await openTransport('in-process');
});
afterAll(async () => {
  await t.close();
  for (const s of stores) await s.cleanup();
});

/** d00…d19 (overwrittenStore). */
async function store(): Promise<TestStore> {
  const s = await overwrittenStore(20);
  stores.push(s);
  return s;
}
const until = String(T0 + 2n);


/** A report with its store's own paths made relative, and what only the transport differs in (backup names, the plan file) left out. */
function comparable(value: unknown, root: string): unknown {
  const v = JSON.parse(JSON.stringify(value).split(root).join('<root>')) as { applied?: Record<string, unknown> };
  if (v.applied) v.applied = { ...v.applied, backups: (v.applied['backups'] as unknown[]).length, plan_file: null };
  return v;
}

/** `restore --into --plan-out`, then `apply`: the CLI's rehearsal. */
async function rehearseWithCli(s: TestStore): Promise<{ into: string; planFile: string }> {
  const into = path.join(s.root, 'rehearsal');
  const planFile = path.join(s.root, 'rehearsal.plan.json');
  expect((await cliJson(['restore', s.collDir, '--store', s.collDir, '--until', until, '--into', into, '--plan-out', planFile, '--json'])).code).toBe(0);
  expect(fs.existsSync(into)).toBe(false);
  const wrote = await cliJson(['apply', planFile, '--yes', '--json']);
  expect(wrote.code).toBe(0);
  expect(wrote.value).toMatchObject({ applied: { into } });
  expect(fs.existsSync(`${planFile}.rehearsal`)).toBe(true);
  return { into, planFile };
}

describe('promote and discard on the command line', () => {
  it('promote FILE --json is restore.promote: same report, the live files then equal the rehearsal\'s; --dry-run changes nothing', async () => {
    const viaService = await store();
    const serviceInto = path.join(viaService.root, 'rehearsal');
    const serviceDone = await withSession(t.api, viaService.collDir, async (session_id) => {
      const plan = await t.api.restore.plan({ session_id, until, into: serviceInto });
      if (!plan.ok) throw new Error(plan.error.message);
      expect(await t.api.restore.apply({ session_id, plan_id: plan.value.plan_id })).toMatchObject({ ok: true });
      const promoted = await t.api.restore.promote({ session_id, plan_id: plan.value.plan_id });
      if (!promoted.ok) throw new Error(promoted.error.message);
      return promoted.value;
    });

    const s = await store();
    const { into, planFile } = await rehearseWithCli(s);
    const live = documentFiles(s.collDir);
    const preview = await cliJson(['promote', planFile, '--dry-run', '--json']);
    expect(preview.code).toBe(0);
    expect(preview.value).toMatchObject({ dry_run: true, into: null, store: s.collDir });
    expect(documentFiles(s.collDir)).toEqual(live);

    const done = await cliJson(['promote', planFile, '--yes', '--json']);
    expect(done.code).toBe(0);
    expect(done.value).toMatchObject({ dry_run: false, into: null, applied: { into: null, plan_file: planFile } });
    expect((done.value as { applied: { written: number } }).applied.written).toBeGreaterThan(0);
    expect(comparable(done.value, s.root)).toEqual(comparable(serviceDone, viaService.root));
    expect(documentFiles(s.collDir)).toEqual(documentFiles(into));
    expect(documentFiles(viaService.collDir)).toEqual(documentFiles(serviceInto));
    expect((await cliJson(['compare', s.collDir, into, '--json'])).value).toMatchObject({ changed: 0, added: 0, removed: 0 });
  }, 60_000);

  it('discard FILE --json is restore.discard: checked (--dry-run), then removed with its record; refused once the folder changed', async () => {
    const s = await store();
    const { into, planFile } = await rehearseWithCli(s);
    const checked = await cliJson(['discard', planFile, '--dry-run', '--json']);
    expect(checked).toMatchObject({ code: 0, value: { would_remove: into } });
    expect(fs.existsSync(into)).toBe(true);

    fs.writeFileSync(path.join(into, 'mine.txt'), 'x');
    const refused = await runCliCaptured(['discard', planFile, '--yes', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(path.join(into, 'mine.txt'));
    expect(fs.existsSync(path.join(into, 'd01.json'))).toBe(true);
    fs.rmSync(path.join(into, 'mine.txt'));

    const done = await cliJson(['discard', planFile, '--yes', '--json']);
    expect(done).toMatchObject({ code: 0, value: { removed: into } });
    expect(fs.existsSync(into)).toBe(false);
    expect(fs.existsSync(`${planFile}.rehearsal`)).toBe(false);
  }, 60_000);

  it('promote refuses a store changed since the rehearsal (naming the file), a plan without --into, and a plan file whose rehearsal was never written', async () => {
    const s = await store();
    const { planFile } = await rehearseWithCli(s);
    const doc = path.join(s.collDir, 'd02.json');
    fs.writeFileSync(doc, await documentText('d02', '{"edited":"by hand"}'));
    const refused = await runCliCaptured(['promote', planFile, '--yes', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(doc);
    expect(fs.readFileSync(doc, 'utf8')).toContain('by hand');

    const plain = path.join(s.root, 'plain.plan.json');
    expect((await cliJson(['restore', s.collDir, '--store', s.collDir, '--until', until, '--plan-out', plain, '--json'])).code).toBe(0);
    const notRehearsal = await runCliCaptured(['promote', plain, '--yes', '--json']);
    expect(notRehearsal.code).toBe(2);
    expect(notRehearsal.stderr).toContain('without --into');
    const noRecord = await runCliCaptured(['discard', plain, '--yes', '--json']);
    expect(noRecord.code).toBe(2);
    expect(noRecord.stderr).toContain(plain);
  }, 60_000);
});
