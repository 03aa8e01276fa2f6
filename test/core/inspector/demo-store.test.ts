import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoStore } from '../../../scripts/make-demo-store.js';
import { harness, must, tempDir } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());
let root = '';
beforeAll(async () => {
  root = (await makeDemoStore(path.join(tempDir(), 'demo'))).root;
});

describe('the bundled demo store, through the service', () => {
  it('is the same bytes every time', async () => {
    const again = (await makeDemoStore(path.join(tempDir(), 'demo'))).root;
    const list = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
    expect(list(again)).toEqual(list(root));
    for (const f of list(root)) {
      const p = path.join(root, f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(path.join(again, f)).equals(fs.readFileSync(p))).toBe(true);
    }
  });

  it('is a store of three collections: users (binary, zstd), orders (JSON Lines), events (LZ4, write mode warn)', async () => {
    const opened = await h.open(root);
    expect(opened.store?.collections.map((c) => c.collection)).toEqual(['events', 'orders', 'users']);
    const orders = await h.open(root, 'orders');
    expect(orders.segments.map((s) => [s.compression, s.format])).toEqual([['none', 'jsonl'], ['none', 'jsonl'], ['none', 'jsonl']]);
    const events = await h.open(root, 'events');
    expect(events.segments.map((s) => s.compression)).toEqual(['lz4', 'lz4', 'none']);
    const kinds = (r: { findings: readonly { kind: string }[] }) => r.findings.map((f) => f.kind);
    expect(kinds(must(await h.api.verify.run({ session_id: orders.session_id })))).toEqual(expect.arrayContaining(['document-changed', 'deleted-copy-kept']));
    expect(kinds(must(await h.api.verify.run({ session_id: events.session_id })))).toEqual(expect.arrayContaining(['unknown-documents', 'signatures-not-checked']));
  });

  it('holds transactions, rotated compressed segments and damage', async () => {
    const info = await h.open(root, 'users');
    expect(info.collection).toBe('users');
    expect(info.segments.map((s) => s.compression)).toEqual(['zstd', 'zstd', 'none']);
    expect(info.progress.damaged).toBe(2);
    const damage = must(await h.api.damage.list({ session_id: info.session_id }));
    expect(damage.items.map((d) => d.damage).sort()).toEqual(['crc-mismatch', 'undecodable']);
    const tx = must(await h.api.transactions.list({ session_id: info.session_id }));
    expect(tx.counts).toMatchObject({ committed: 1, 'rolled-back': 1, incomplete: 1 });
    const v = must(await h.api.verify.run({ session_id: info.session_id }));
    expect(v.passed).toBe(false);
    expect(v.findings.some((f) => f.kind === 'unterminated-transaction')).toBe(true);
  });

  it('a safe recovery into a copy writes documents; running it again has nothing to do', async () => {
    const copy = path.join(tempDir(), 'copy');
    fs.cpSync(root, copy, { recursive: true });
    const info = await h.open(copy, 'users');
    const plan = must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe' }));
    expect(plan.changes.length).toBeGreaterThan(0);
    expect(plan.lost.length).toBe(2);
    must(await h.api.recovery.apply({ session_id: info.session_id, plan_id: plan.plan_id }));
    for (const c of plan.changes.filter((x) => x.operation !== 'delete')) {
      const doc = JSON.parse(fs.readFileSync(path.join(copy, 'data', 'users', `${c.document_id}.json`), 'utf8')) as { data: unknown };
      expect(doc.data).toEqual(JSON.parse(c.after!));
    }
    const again = must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe' }));
    expect(again.changes).toEqual([]);
  });
});
