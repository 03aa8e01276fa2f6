import { describe, expect, it } from 'vitest';
import { jsonDataError } from '../../../core/verify/data-validity.js';
import { verifyLog } from '../../../core/verify/verify-log.js';
import type { DataCheckSource, EntryPosition } from '../../../core/verify/verify-types.js';
import type { WalRecord } from '../../../core/wal/records.js';
import { begin, commit, ins, toRecords, upd } from '../store/store-fixture.js';

/** A log with valid and invalid data in transactions, as batches of 7 records. */
function batches(): WalRecord[][] {
  const specs = [];
  for (let i = 0; i < 40; i++) {
    const tx = `tx-${i}`;
    specs.push(begin(tx), ins(`d${i}`, i % 5 === 0 ? `{"i":${i},}` : `{"i":${i}}`, tx), upd(`d${i}`, i % 7 === 0 ? '[1 2]' : `{"i":${i},"u":true}`, tx), commit(tx));
  }
  const records = toRecords(specs);
  const out: WalRecord[][] = [];
  for (let i = 0; i < records.length; i += 7) out.push(records.slice(i, i + 7));
  return out;
}

/** Checks in place, recording what verification asked (the order of covers and questions). */
class RecordingChecks implements DataCheckSource {
  readonly calls: string[] = [];
  closed = false;
  async cover(first: EntryPosition, last: EntryPosition): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.calls.push(`cover ${first.offset}-${last.offset}`);
  }
  errorOf(at: EntryPosition & { length: number }, data: string): string | undefined {
    this.calls.push(`check ${at.offset}`);
    return jsonDataError(data);
  }
  close(): void {
    this.closed = true;
  }
}

describe('verifyLog with a source of data checks', () => {
  it('asks it of every Insert/Update after covering the batch, closes it, and answers as in place', async () => {
    const inPlace = await verifyLog(async function* () { yield* batches(); }, undefined);
    const checks = new RecordingChecks();
    const viaSource = await verifyLog(async function* () { yield* batches(); }, undefined, { dataChecks: async () => checks });
    expect(viaSource).toEqual(inPlace);
    expect(inPlace.issues.some((i) => i.description.startsWith('Invalid JSON data in update operation'))).toBe(true);
    expect(checks.closed).toBe(true);
    const all = batches();
    expect(checks.calls.filter((c) => c.startsWith('check')).length).toBe(80);
    // Each batch is covered before any of its entries is checked.
    let covered = -1;
    for (const c of checks.calls) {
      const [what, range] = c.split(' ');
      if (what === 'cover') covered = Number(range!.split('-')[1]);
      else expect(Number(range)).toBeLessThanOrEqual(covered);
    }
    expect(checks.calls.filter((c) => c.startsWith('cover')).length).toBe(all.length);
  });

  it('uses the source\'s answer (a verdict it gives is the one reported)', async () => {
    const checks = new RecordingChecks();
    checks.errorOf = (at, data) => (at.offset === batches()[0]![1]!.offset ? 'from the source' : jsonDataError(data));
    const result = await verifyLog(async function* () { yield* batches(); }, undefined, { dataChecks: async () => checks });
    expect(result.issues[0]!.description).toBe('Invalid JSON data in insert operation: from the source');
  });
});
