import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDataChecks, type DataChecks } from '../../../core/recovery/data-check-thread.js';
import { verifyLog } from '../../../core/verify/verify-log.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLogBatches } from '../../../core/wal/read-log-batches.js';
import { begin, commit, ins, upd, walBytes } from '../store/store-fixture.js';

describe('verifyLog with its data checked on a second thread', () => {
  it('gives the same result as checking in place, the thread answering the checks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wal-inspector-verify-thread-'));
    try {
      const specs = [];
      for (let i = 0; i < 3000; i++) {
        const tx = `tx-${i}`;
        specs.push(begin(tx), ins(`d${i % 700}`, i % 11 === 0 ? `{"i":${i},}` : JSON.stringify({ i, pad: 'x'.repeat(i % 200) }), tx));
        specs.push(upd(`d${i % 500}`, i % 13 === 0 ? '{"a" 1}' : `{"u":${i}}`, tx), commit(tx));
      }
      await writeFile(join(dir, 'transactions.wal'), walBytes(specs));
      const location = await locateLog(join(dir, 'transactions.wal'));
      const inPlace = await verifyLog(() => readLogBatches(location), undefined);
      let checks: DataChecks | undefined;
      const threaded = await verifyLog(() => readLogBatches(location), undefined, {
        dataChecks: async () => (checks = await startDataChecks(location, 0)),
      });
      expect(threaded).toEqual(inPlace);
      expect(inPlace.issues.filter((i) => i.description.startsWith('Invalid JSON data')).length).toBe(273 + 231);
      expect(checks!.answered.byThread + checks!.answered.here).toBe(6000);
      expect(checks!.answered.byThread).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
