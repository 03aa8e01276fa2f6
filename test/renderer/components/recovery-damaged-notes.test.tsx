// @vitest-environment jsdom
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import type { RecoveryPlan } from '../../../renderer/src/contract.js';
import { RecoveryPlanView } from '../../../renderer/src/components/recovery-plan-view.js';
import { setInspectorApi } from '../../../renderer/src/store/api-ref.js';
import { resetAppStore } from '../../../renderer/src/store/app-store.js';
import { memoryStore } from '../../core/store/store-fixture.js';
import { damagedTransactionsLog } from '../../support/damaged-transactions-log.js';
import { createFakeApi } from '../support/fake-api.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-damaged-notes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  resetAppStore();
  setInspectorApi(createFakeApi({}).api);
});
afterEach(() => cleanup());

describe('the recovery preview lists the damaged transactions', () => {
  it("shows the plan's notes about them, in its mode's words", async () => {
    const file = path.join(dir, 'damaged.wal');
    fs.writeFileSync(file, damagedTransactionsLog().bytes);
    const location = await locateLog(file);
    const core = await planRecovery(() => readLog(location), await memoryStore({}), { mode: 'safe', committedOnly: true });
    const plan: RecoveryPlan = {
      plan_id: 'p1', store: '/data/orders', collection: 'orders', mode: 'safe', committed_only: true, dry_run: true, backup: null,
      recovered_operations: 0, skipped_operations: 0, failed_operations: 3, failures: [], lost: [], flagged: [], notes: core.notes,
      foreign_collection_entries: 0, changes: [], skipped: [], skipped_by_reason: [],
    };
    render(<RecoveryPlanView plan={plan} />);
    const section = screen.getByTestId('recovery-damaged-transactions');
    expect(section.querySelector('h3')!.textContent).toBe('Damaged transactions (3)');
    expect(section.textContent).toMatch(/transaction txn-a is damaged: committed-only will apply 3 of its 4 entries: the 2nd, an Insert of order-1, is lost at damaged\.wal:\d+/);
  });
});
