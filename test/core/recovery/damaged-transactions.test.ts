import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { damagedTransactionsLog } from '../../support/damaged-transactions-log.js';
import { memoryStore } from '../store/store-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recovery-damaged-tx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'damaged.wal');
fs.writeFileSync(file, damagedTransactionsLog().bytes);

describe('every recovery preview names the damaged transactions', () => {
  for (const [mode, committedOnly, who] of [['safe', false, 'safe'], ['force', false, 'force'], ['safe', true, 'committed-only'], ['force', true, 'committed-only']] as const) {
    it(`${mode}${committedOnly ? ', committed only' : ''}`, async () => {
      const location = await locateLog(file);
      const plan = await planRecovery(() => readLog(location), await memoryStore({}), { mode, committedOnly });
      const damaged = plan.notes.filter((n) => n.startsWith('transaction '));
      expect(damaged).toHaveLength(3);
      // txn-a: Begin, Insert order-1 (lost), Insert order-2, Commit.
      expect(damaged.find((n) => n.startsWith('transaction txn-a '))).toMatch(
        new RegExp(`^transaction txn-a is damaged: ${who} will apply 3 of its 4 entries: the 2nd, an Insert of order-1, is lost at damaged\\.wal:\\d+`),
      );
      expect(damaged.find((n) => n.startsWith('transaction txn-b '))).toMatch(/a damaged range at damaged\.wal:\d+ lies inside it and may have held more of its entries; .* applies the 4 intact ones/);
      expect(damaged.find((n) => n.startsWith('transaction solo-1 '))).toContain(`${who} will apply 0 of its 1 entries: the 1st, an Insert of order-6, is lost`);
      expect(damaged.some((n) => n.includes('txn-c'))).toBe(false);
    });
  }
});
