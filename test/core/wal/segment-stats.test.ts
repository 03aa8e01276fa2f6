import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { BufferByteSource } from '../../../core/wal/byte-source.js';
import { ENTRY_TYPES } from '../../../core/wal/entry-type.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import { LogStatsBuilder, type LogStats } from '../../../core/wal/log-stats.js';
import { openSegments } from '../../../core/wal/read-log.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { addSegmentStats } from '../../../core/wal/segment-stats.js';
import { readSegmentRecords } from '../../../core/wal/segment-reader.js';
import { entryScanKernel } from '../../../core/wal/wasm/entry-scan.js';
import { withValidCrc } from '../../support/crafted-entries.js';
import { GOLDEN } from '../../support/paths.js';
import { randomEntry, seededRandom } from '../../support/random-entries.js';

/** Statistics from records (entry objects), the reference. */
function byRecords(bytes: Uint8Array, name = 'x.wal'): LogStats {
  const b = new LogStatsBuilder();
  for (const r of readSegmentRecords(new BufferByteSource(name, bytes))) b.add(r);
  return b.result();
}

async function byScanner(bytes: Uint8Array, name = 'x.wal'): Promise<{ stats: LogStats; fastShare: number }> {
  const b = new LogStatsBuilder();
  const before = entryScanKernel()!.accepted;
  await addSegmentStats(b, new BufferByteSource(name, bytes));
  const stats = b.result();
  return { stats, fastShare: stats.entries === 0 ? 0 : (entryScanKernel()!.accepted - before) / stats.entries };
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

describe('statistics by the run scanner', () => {
  it('equal statistics from records on every golden file and chain', async () => {
    let checked = 0;
    for (const name of fs.readdirSync(GOLDEN)) {
      if (name.endsWith('.jsonl') && name.includes('expected')) continue;
      const p = path.join(GOLDEN, name);
      let location;
      try {
        location = await locateLog(p);
      } catch {
        continue; // not a log (manifests, README, recovery stores)
      }
      const fast = new LogStatsBuilder();
      const reference = new LogStatsBuilder();
      for await (const { opened } of openSegments(location)) {
        await addSegmentStats(fast, opened.source);
        reference.beginSegment(opened.source.name);
        for (const r of readSegmentRecords(opened.source)) reference.add(r);
      }
      expect(fast.result(), name).toEqual(reference.result());
      checked++;
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('equal on transactions, padded and non-UTF-8 ids, and u64 timestamps', async () => {
    const rand = seededRandom(3);
    const txs = Array.from({ length: 40 }, (_, i) => {
      const t = Buffer.alloc(32, 0x61 + (i % 26));
      t.writeUInt16BE(i, 0);
      if (i % 5 === 0) t.fill(0, 20); // padded: the same transaction as its unpadded bytes
      if (i % 7 === 0) t[10] = 0xff; // not UTF-8
      return t;
    });
    const cols = [Buffer.from('users'), Buffer.from('orders'), Buffer.from([0x6f, 0xc3]), Buffer.from('users\0\0')];
    const ts = [0n, 5n, 2n ** 53n + 1n, 2n ** 64n - 1n, 1_732_400_000_000n, 2n ** 32n, 2n ** 32n - 1n];
    const parts: Buffer[] = [];
    for (let i = 0; i < 5000; i++) {
      const type = Math.floor(rand() * 6);
      parts.push(entry(type, txs[Math.floor(rand() * txs.length)]!, cols[Math.floor(rand() * cols.length)]!, `d${i % 97}`, ts[i % ts.length]! - BigInt(i % 3 && ts[i % ts.length]! > 2n ? i % 3 : 0), type === 1 ? 'é'.repeat(i % 9) : null));
    }
    const bytes = Buffer.concat(parts);
    const { stats, fastShare } = await byScanner(bytes);
    expect(stats).toEqual(byRecords(bytes));
    expect(fastShare).toBeGreaterThan(0.99);
    expect(stats.invalidUtf8Ids).toBeGreaterThan(100);
    expect([stats.firstTimestamp, stats.lastTimestamp]).toEqual(['0', (2n ** 64n - 1n).toString()]);
    expect(stats.transactions.withBegin).toBeGreaterThan(10);
  });

  it('equal on seeded mutations of logs larger than the chunk', async () => {
    const rand = seededRandom(11);
    const base = Buffer.concat(Array.from({ length: 12_000 }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, i)))));
    for (let round = 0; round < 6; round++) {
      const file = Buffer.from(base);
      for (let m = 0; m <= round; m++) {
        const at = Math.floor(rand() * file.length);
        file.fill(Math.floor(rand() * 256), at, at + 1 + Math.floor(rand() * 40));
      }
      const cut = file.subarray(0, round % 2 ? file.length : Math.floor(file.length * (0.5 + rand() / 2)));
      const { stats, fastShare } = await byScanner(cut);
      expect(stats).toEqual(byRecords(cut));
      expect(fastShare).toBeGreaterThan(0.97);
    }
  }, 60_000);
});

describe('segments', () => {
  it('lists an empty active segment (as after a checkpoint) with its sealed predecessor', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-stats-empty-'));
    try {
      fs.copyFileSync(path.join(GOLDEN, 'basic.wal'), path.join(dir, 'transactions.1732400000.wal'));
      fs.writeFileSync(path.join(dir, 'transactions.wal'), '');
      const b = new LogStatsBuilder();
      for await (const { opened } of openSegments(await locateLog(dir))) await addSegmentStats(b, opened.source);
      const stats = b.result();
      expect(stats.segments.map((s) => [s.name, s.entries > 0])).toEqual([['transactions.1732400000.wal', true], ['transactions.wal', false]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('without WebAssembly', () => {
  it('stats of a damaged log are the same under `node --jitless` (no WebAssembly) and with it switched off', async () => {
    const { execFileSync } = await import('node:child_process');
    const { REPO_ROOT } = await import('../../support/paths.js');
    const run = (nodeArgs: string[], env: Record<string, string> = {}) => {
      try {
        return execFileSync(process.execPath, [...nodeArgs, '--import', 'tsx', 'cli/main.ts', 'stats', '--json', path.join(GOLDEN, 'damaged-inserted-garbage.wal')], {
          cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch (err) {
        return (err as { stdout: string }).stdout; // exit 1: the log has damage
      }
    };
    // The contract's Stats, as stats.get answers it; index_ms is how long it took.
    const stats = (text: string) => ({ ...(JSON.parse(text) as { entries: number; damaged: number }), index_ms: 0 });
    const withWasm = stats(run([]));
    expect(withWasm.entries).toBeGreaterThan(0);
    expect(withWasm.damaged).toBeGreaterThan(0);
    expect(stats(run(['--jitless']))).toEqual(withWasm);
    expect(stats(run([], { WAL_INSPECTOR_NO_WASM: '1' }))).toEqual(withWasm);
  }, 60_000);
});
