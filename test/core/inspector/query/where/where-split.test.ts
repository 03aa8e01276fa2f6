import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexLog } from '../../../../../core/inspector/index/index-log.js';
import { openLocation } from '../../../../../core/inspector/open-location.js';
import { Session } from '../../../../../core/inspector/session.js';
import { whereMatches } from '../../../../../core/inspector/query/where/where-matches.js';
import { whereRowsOfLog } from '../../../../../core/inspector/query/where/where-of-log.js';
import { splitRow } from '../../../../../core/inspector/query/where/where-split.js';
import { generateWal } from '../../../../bench/generate-wal.js';
import { GOLDEN } from '../../../../support/paths.js';

/**
 * A where scan split over two threads (the later rows in a worker) matches exactly the rows one
 * thread matches — for stats/dump/convert (whereRowsOfLog) and a session (whereMatches).
 */
const QUERIES = [
  'data.n > 500000 && "a" in data.tags',
  'has(data.name) || transaction_id.startsWith("a")',
  'damaged || entry_type == "Delete"',
  'data.name == "abcdefgh"',
];
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

function bigLog(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'where-split-'));
  dirs.push(dir);
  return generateWal(path.join(dir, 'big.wal'), 3 << 20).file;
}
const rowsOf = (b: Uint8Array) => Array.from(b.keys()).filter((r) => b[r] === 1);

describe('where on two threads', () => {
  const logs = [...['basic.wal', 'basic.jsonl', 'damaged-zero-run.wal', 'damaged-lines.jsonl', 'edge-ids.wal'].map((n) => path.join(GOLDEN, n)), bigLog()];
  for (const log of logs) {
    it(`matches what one thread matches on ${path.basename(log)}`, async () => {
      const segments = (await openLocation(log)).segments;
      const store = await indexLog(segments, { idsUtf8: true });
      for (const where of QUERIES) {
        const how: string[] = [];
        const one = await whereRowsOfLog(store, segments, where, undefined, undefined, Infinity, (h) => how.push(h));
        const two = await whereRowsOfLog(store, segments, where, undefined, undefined, 0, (h) => how.push(h));
        expect(how, where).toEqual(['one thread', 'two threads']);
        expect(rowsOf(two), where).toEqual(rowsOf(one));
      }
    }, 60_000);
  }

  it('cuts at about half the bytes', async () => {
    const log = bigLog();
    const segments = (await openLocation(log)).segments;
    const store = await indexLog(segments, {});
    const cut = splitRow(store, 0, store.rows);
    let before = 0;
    let total = 0;
    for (let r = 0; r < store.rows; r++) { total += store.length(r); if (r < cut) before += store.length(r); }
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(store.rows);
    expect(Math.abs(before * 2 - total)).toBeLessThanOrEqual(2 * store.length(cut - 1));
  }, 60_000);

  it('gives a session the same rows', async () => {
    const log = path.join(GOLDEN, 'damaged-lines.jsonl');
    const session = new Session({ id: 'w', input: log, located: await openLocation(log), emit: () => {}, followPollMs: 1000 });
    try {
      await session.indexer.whenDone();
      const store = await indexLog((await openLocation(log)).segments, { idsUtf8: true });
      for (const where of QUERIES) {
        const want = rowsOf(await whereRowsOfLog(store, (await openLocation(log)).segments, where, undefined, undefined, Infinity));
        const got = await whereMatches(session, where, undefined, undefined, 0);
        expect(rowsOf(got.bitmap), where).toEqual(want);
        expect(got.scanned).toBe(session.store.rows);
      }
    } finally {
      await session.close();
    }
  }, 60_000);
});
