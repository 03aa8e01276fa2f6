/**
 * Text search in data (rows.page `filter.text`, core/inspector/query/text-search.ts) over the
 * where-bench's generated binary WAL, one thread and two threads alternately, each beside the
 * read + zlib.crc32 floor measured in the same round (STYLE rule 9). Throughput is bytes of the
 * file per second of wall time; every round checks both give the same rows.
 * Not a test. Usage: npx tsx test/bench/text-search-bench.ts [MiB=1024] [rounds=3]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openLocation } from '../../core/inspector/open-location.js';
import { textMatches, type TextOptions } from '../../core/inspector/query/text-search.js';
import { Session } from '../../core/inspector/session.js';
import { generateWal } from './generate-wal.js';
import { readAndCrcMs } from './read-crc-floor.js';

const mib = Number(process.argv[2] ?? 1024);
const rounds = Number(process.argv[3] ?? 3);
const { file } = generateWal(path.join(os.tmpdir(), `wal-inspector-bench-${mib}m.wal`), mib * 1024 * 1024);
const size = fs.statSync(file).size;

const QUERIES: [string, string, Partial<TextOptions>][] = [
  ['no hit, folded (no case)', 'No Such Text', {}],
  ['no hit, a letter-free anchor', 'user-77', {}],
  ['no hit, case-sensitive', 'No Such Text', { caseSensitive: true }],
  ['many hits, folded', '"TAGS":["A"', {}],
  ['regular expression', 'name":"zz[0-9]', { regex: true }],
  ['regular expression, alternation', 'zq[0-9]|qz[0-9]', { regex: true }],
  ['regular expression, no literal', 'z[0-9]{3}', { regex: true }],
];

const session = new Session({ id: 'bench', input: file, located: await openLocation(file), emit: () => {}, followPollMs: 60_000 });
await session.indexer.whenDone();
const rows = session.store.rows;
console.log(`${path.basename(file)}: ${(size / 2 ** 20).toFixed(0)} MiB, ${rows} rows; ${rounds} rounds; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const gbps: Record<string, number[]> = {};
const ratios: Record<string, number[]> = {};
const found: Record<string, number> = {};
const floors: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const [name, query, o] of QUERIES) {
    const floor = readAndCrcMs(file);
    floors.push(floor);
    for (const [how, splitBytes] of [['one thread', Infinity], ['two threads', undefined]] as const) {
      session.cache.lasting.clear();
      const t = performance.now();
      const m = await textMatches(session, query, { caseSensitive: false, regex: false, ...o, ...(splitBytes !== undefined ? { splitBytes } : {}) });
      const ms = performance.now() - t;
      let n = 0;
      for (let i = 0; i < m.bitmap.length; i++) n += m.bitmap[i]!;
      if (found[name] !== undefined && found[name] !== n) throw new Error(`${name}, ${how}: ${n} rows, not ${found[name]}`);
      found[name] = n;
      (gbps[`${name}, ${how}`] ??= []).push(size / ms / 1e6);
      (ratios[`${name}, ${how}`] ??= []).push(floor / ms);
    }
  }
}
session.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`floor: read + zlib.crc32 ${(size / median(floors) / 1e6).toFixed(2)} GB/s (median of ${floors.length}); load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const [key, xs] of Object.entries(gbps)) {
  const q = key.slice(0, key.lastIndexOf(','));
  const rs = ratios[key]!;
  console.log(`${key.padEnd(44)} ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} GB/s (median ${median(xs).toFixed(2)}), ${median(rs).toFixed(2)}× floor, ${found[q]} rows`);
}
