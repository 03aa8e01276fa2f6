import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { ENTRY_TYPES } from '../../../../core/wal/entry-type.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import { locateLog, type LogLocation } from '../../../../core/wal/log-location.js';
import { LogStatsBuilder, type LogStats } from '../../../../core/wal/log-stats.js';
import { compressionDamage, openSegments } from '../../../../core/wal/read-log.js';
import { readSegmentRecords } from '../../../../core/wal/segment-reader.js';
import { logStats, rowStatsOfLog, type RowStats } from '../../../../core/inspector/query/log-stats.js';
import { indexLog } from '../../../../core/inspector/index/index-log.js';
import type { LocatedSegment } from '../../../../core/inspector/open-location.js';
import { chunkViews } from '../../../../core/inspector/index/index-layout.js';
import { withValidCrc } from '../../../support/crafted-entries.js';
import { GOLDEN } from '../../../support/paths.js';
import { seededRandom } from '../../../support/random-entries.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-log-stats-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function located(location: LogLocation): LocatedSegment[] {
  return location.segments.map((s) => ({ name: s.name, path: s.path, compression: s.compression, fileBytes: fs.statSync(s.path).size }));
}

/** The serial reference: every record of every segment, as entry objects, into LogStatsBuilder. */
async function reference(location: LogLocation): Promise<LogStats> {
  const b = new LogStatsBuilder();
  for await (const { segment, opened } of openSegments(location)) {
    b.beginSegment(opened.source.name);
    for (const r of readSegmentRecords(opened.source)) b.add(r);
    const broken = compressionDamage(segment, opened);
    if (broken) b.add(broken);
  }
  return b.result();
}

/** What the serial reference counts too: every field of LogStats, segments as it has them. */
function asLogStats(r: RowStats): LogStats {
  return {
    entries: r.entries, entryBytes: r.entryBytes, dataBytes: r.dataBytes, byType: r.byType, byCollection: { ...r.byCollection },
    segments: r.segments.map(({ name, entries, bytes, damaged }) => ({ name, entries, bytes, damaged })),
    firstTimestamp: r.firstTimestamp, lastTimestamp: r.lastTimestamp, transactions: r.transactions, damage: r.damage, invalidUtf8Ids: r.invalidUtf8Ids,
  };
}

/** The same numbers as the serial reference; the index's own counts consistent with them. */
function expectSameStats(actual: RowStats, expected: LogStats, label: string): void {
  expect(asLogStats(actual), label).toEqual(expected);
  expect(actual.transactionIds, label).toBe(expected.transactions.withBegin + expected.transactions.standalone);
  expect(actual.rows, label).toBe(expected.entries + expected.damage.ranges);
  expect(actual.segments.reduce((n, s) => n + s.damagedBytes, 0), label).toBe(expected.damage.bytes);
  expect(actual.entrySize.max, label).toBeLessThanOrEqual(expected.entryBytes);
  expect(actual.entrySize.min * expected.entries, label).toBeLessThanOrEqual(expected.entryBytes);
}

/** An entry with the given fields; ids given as bytes (any bytes, padded or not UTF-8). */
function entry(type: number, tx: Uint8Array, collection: Uint8Array, doc: string, ts: bigint, data: string | null): Buffer {
  const e = Buffer.from(encodeBinaryEntry(createEntry({
    entryType: ENTRY_TYPES[type]!, transactionId: 'x'.repeat(32), collection: 'c'.repeat(collection.length), documentId: doc, timestamp: ts, data,
  })));
  e.set(tx, 2);
  e.set(collection, 35);
  return withValidCrc(e);
}

/** Transactions shared by many entries (Begin…Commit, Rollback, never ended, no Begin), ids padded or not UTF-8, u64 times, damage. */
function craftedLog(name: string, count: number): string {
  const rand = seededRandom(count);
  const txs = Array.from({ length: 400 }, (_, k) => {
    const t = Buffer.alloc(32, 0x61 + (k % 26));
    t.write(k.toString(36), 0, 'latin1');
    if (k % 7 === 0) t.fill(0, 20); // padded: the same transaction as its text
    if (k % 11 === 0) t[5] = 0xff; // not UTF-8
    return t;
  });
  const collections = [Buffer.from('users'), Buffer.from('orders'), Buffer.from([0x6f, 0xc3, 0x28]), Buffer.from('logs\0\0')];
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const type = Math.floor(rand() * 6);
    const ts = rand() < 0.05 ? 2n ** 53n + BigInt(Math.floor(rand() * 1e6)) : 1_732_400_000_000n + BigInt(i);
    const data = type <= 1 ? JSON.stringify({ i, pad: 'y'.repeat(Math.floor(rand() * 300)) }) : null;
    parts.push(entry(type, txs[Math.floor(rand() * txs.length)]!, collections[Math.floor(rand() * collections.length)]!, `doc-${i % 97}`, ts, data));
  }
  const file = Buffer.concat(parts);
  for (const at of [0.25, 0.5, 0.5003, 0.8]) {
    const i = Math.floor(file.length * at);
    file[i] = file[i]! ^ 0x40;
  }
  const p = path.join(tmp, name);
  fs.writeFileSync(p, file);
  return p;
}

describe('stats from the one index', () => {
  it('equal the serial reference on every golden file and chain', async () => {
    let checked = 0;
    for (const name of fs.readdirSync(GOLDEN)) {
      if (name.endsWith('.jsonl') && name.includes('expected')) continue;
      let location;
      try {
        location = await locateLog(path.join(GOLDEN, name));
      } catch {
        continue; // not a log (manifests, README, recovery stores)
      }
      // Every uncompressed binary segment split between the two threads, however small.
      expectSameStats(await logStats(located(location), { splitBytes: 0 }), await reference(location), name);
      checked++;
    }
    expect(checked).toBeGreaterThan(8);
  }, 120_000);

  it('equal the serial reference with shared transactions, padded and non-UTF-8 ids, u64 times and damage at the seam', async () => {
    const p = craftedLog('crafted.wal', 6000);
    const location = await locateLog(p);
    const want = await reference(location);
    expect(want.transactions.committed).toBeGreaterThan(10);
    expect(want.transactions.standalone).toBeGreaterThan(0);
    expect(want.invalidUtf8Ids).toBeGreaterThan(100);
    expect(BigInt(want.lastTimestamp!)).toBeGreaterThan(2n ** 53n);
    expect(want.damage.ranges).toBeGreaterThan(2);
    expectSameStats(await logStats(located(location), { splitBytes: 0 }), want, 'crafted.wal');
  }, 60_000);

  it('tells transactions apart by their bytes when their hashes collide', async () => {
    const p = craftedLog('collide.wal', 2000);
    const location = await locateLog(p);
    const segments = located(location);
    const store = await indexLog(segments, { idsUtf8: true });
    // Give every row the hash of row 0: only the bytes can tell the transactions apart now.
    store.forEachChunk((c) => {
      const v = chunkViews(c.time.buffer as SharedArrayBuffer);
      v.txLo.fill(store.txLo(0));
      v.txHi.fill(store.txHi(0));
    });
    expectSameStats(await rowStatsOfLog(store, segments), await reference(location), 'collide.wal');
  }, 60_000);
});

describe('wal-inspector stats on a segment large enough to split', () => {
  it('waits for the second thread (the process does not exit while a part is pending) and prints the reference', async () => {
    const { execFileSync } = await import('node:child_process');
    const { REPO_ROOT } = await import('../../../support/paths.js');
    const p = craftedLog('large.wal', 70_000);
    expect(fs.statSync(p).size).toBeGreaterThan(8 << 20); // split-scan.ts's SPLIT_BYTES
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'stats', '--json', p], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { status: number; stdout: string };
      expect(e.status, 'exit 1: the log has damage').toBe(1);
      out = e.stdout;
    }
    const ref = await reference(await locateLog(p));
    const damageKinds = ['crc-mismatch', 'truncated-tail', 'undecodable', 'invalid-json-line', 'corrupt-compression'] as const;
    // The contract's Stats (stats.get's): every number the reference counts, under its contract name.
    expect(JSON.parse(out)).toMatchObject({
      rows: ref.entries + ref.damage.ranges, entries: ref.entries,
      by_type: Object.fromEntries(Object.entries(ref.byType).map(([t, v]) => [t, v.count])),
      bytes_by_type: Object.fromEntries(Object.entries(ref.byType).map(([t, v]) => [t, v.bytes])),
      damaged: ref.damage.ranges, damaged_bytes: ref.damage.bytes,
      by_damage: Object.fromEntries(damageKinds.map((k) => [k, ref.damage.byKind[k] ?? 0])),
      by_collection: Object.entries(ref.byCollection).map(([collection, entries]) => ({ collection, entries })).sort((a, b) => b.entries - a.entries),
      transactions: {
        ids: ref.transactions.withBegin + ref.transactions.standalone, with_begin: ref.transactions.withBegin, committed: ref.transactions.committed,
        rolled_back: ref.transactions.rolledBack, never_terminated: ref.transactions.unterminated, without_begin: ref.transactions.standalone,
      },
      entry_bytes: { total: ref.entryBytes }, data_bytes: ref.dataBytes, entries_with_invalid_utf8_ids: ref.invalidUtf8Ids,
      first_time: ref.firstTimestamp, last_time: ref.lastTimestamp,
      segments: ref.segments.map((g) => ({ name: g.name, entries: g.entries, bytes: g.bytes, damaged: g.damaged })),
      complete: true,
    });
  }, 60_000);
});
