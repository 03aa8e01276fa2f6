import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { damagedTransactionsLog } from '../../../support/damaged-transactions-log.js';
import { harness, must, tempDir } from '../support/inspector-fixtures.js';

const h = harness();
const dir = tempDir('damaged-tx-');
afterAll(() => {
  h.service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('damaged transactions', () => {
  const file = path.join(dir, 'damaged-tx.wal');
  fs.writeFileSync(file, damagedTransactionsLog().bytes);

  it('stats.get counts them: an unverified entry, a range inside one, one lost whole', async () => {
    const info = await h.open(file);
    const stats = must(await h.api.stats.get({ session_id: info.session_id }));
    expect(stats.damaged).toBe(3);
    expect(stats.transactions.damaged).toBe(3);
    expect(stats.transactions.committed).toBe(3);
  });

  it('transactions.page marks them and filters to them', async () => {
    const info = await h.open(file);
    const all = must(await h.api.transactions.page({ session_id: info.session_id, offset: 0, limit: 100 }));
    const byId = new Map(all.items.map((t) => [t.transaction_id, t]));
    expect(all.damaged).toBe(2); // solo-1 has no intact entry: no transaction to list, only counted by stats
    expect(byId.get('txn-a')!.damaged).toBe(true);
    expect(byId.get('txn-b')!.damaged).toBe(true);
    expect(byId.get('txn-c')!.damaged).toBe(false);
    expect(byId.get('txn-a')!.status).toBe('committed');
    const only = must(await h.api.transactions.page({ session_id: info.session_id, offset: 0, limit: 100, damaged: true }));
    expect(only.items.map((t) => t.transaction_id)).toEqual(['txn-a', 'txn-b']);
    expect(only.total).toBe(2);
  });
});

describe('stats (the command) says so', () => {
  it('prints the damaged transactions line and transactions.damaged in --json', async () => {
    const { runCliCaptured } = await import('../../../support/run-cli-in-process.js');
    const file = path.join(dir, 'damaged-tx-cli.wal');
    fs.writeFileSync(file, damagedTransactionsLog().bytes);
    const human = await runCliCaptured(['stats', file]);
    expect(human.stdout).toContain('damaged transactions: 3');
    const json = await runCliCaptured(['stats', file, '--json']);
    expect(JSON.parse(json.stdout).transactions.damaged).toBe(3);
  });
});
