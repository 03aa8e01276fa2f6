import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binaryBytes, BASE_TS, entries, harness, must, tempDir, writeFile } from './support/inspector-fixtures.js';

const STACK_FRAME = /\n\s+at |\bat .*\.(?:ts|js):\d+/;
const logged: string[] = [];
const h = harness({
  log: (line) => logged.push(line),
  extraHandlers: {
    'dialog.open': async () => {
      throw new TypeError('cannot read properties of undefined (reading "x")');
    },
  },
});
afterAll(() => h.service.close());

/** Entries whose u64 timestamps lie past JavaScript's Date range (±8.64e15 ms), then damage. */
async function farFutureLog() {
  const far = entries([
    { type: 'Insert', ts: BASE_TS },
    { type: 'Insert', ts: 8_640_000_000_000_000n },
    { type: 'Insert', ts: 8_640_000_000_000_001n },
    { type: 'Insert', ts: 18_446_744_073_709_551_615n },
  ]);
  const after = entries([{ type: 'Insert', ts: BASE_TS }]);
  const bytes = Buffer.concat([binaryBytes(far), Buffer.alloc(40, 0xff), binaryBytes(after)]);
  const info = await h.open(writeFile(path.join(tempDir(), 'far.wal'), bytes));
  return info.session_id;
}

describe('timestamps past the Date range', () => {
  it('entry.get answers for entries and for a damage row after them: exact decimal text, no ISO time', async () => {
    const sid = await farFutureLog();
    const page = must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10 }));
    console.log(JSON.stringify(page), JSON.stringify(must(await h.api.session.info({ session_id: sid })).progress));
    expect(page.rows.map((r) => r.kind)).toEqual(['entry', 'entry', 'entry', 'entry', 'damage', 'entry']);
    const at = async (row: number) => must(await h.api.entry.get({ session_id: sid, row }));
    expect((await at(0)).time_iso).toBe(new Date(Number(BASE_TS)).toISOString());
    expect((await at(1)).time_iso).toBe('+275760-09-13T00:00:00.000Z');
    const past = await at(2);
    expect(past.row.timestamp).toBe('8640000000000001');
    expect(past.time_iso).toBeNull();
    const max = await at(3);
    expect(max.row.timestamp).toBe('18446744073709551615');
    expect(max.time_iso).toBeNull();
    const damage = await at(4);
    expect(damage.row.kind).toBe('damage');
    expect(damage.time_iso).toBeNull();
  });
});

describe('no stack trace reaches a client', () => {
  it('an unexpected failure is INTERNAL with a plain message; the stack goes to the server log only', async () => {
    logged.length = 0;
    const r = await h.api.dialog.open({ kind: 'file' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INTERNAL');
    expect(r.error.message).toContain('cannot read properties of undefined');
    const sent = JSON.stringify(r.error);
    expect(sent).not.toMatch(STACK_FRAME);
    expect(sent).not.toContain('TypeError:');
    expect(logged.join('\n')).toMatch(STACK_FRAME);
    expect(logged.join('\n')).toContain('dialog.open');
  });
});
