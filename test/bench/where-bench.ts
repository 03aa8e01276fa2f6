/**
 * `--where` over the index-bench's generated binary WAL (one collection, mixed sizes, 551 bytes
 * an entry on average): the time to evaluate a where expression on every row of an index built
 * beforehand (core/inspector/query/where/where-of-log.ts, what `stats --where` and a session's
 * rows.page run), as a ratio to the floor — read + zlib.crc32 over every byte — measured in the
 * same round. Usage: npx tsx test/bench/where-bench.ts [MiB=1024] [rounds=3]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexLog } from '../../core/inspector/index/index-log.js';
import { whereRowsOfLog } from '../../core/inspector/query/where/where-of-log.js';
import { generateWal } from './generate-wal.js';
import { readAndCrc as readAndCrcOf } from './read-crc-floor.js';

const mib = Number(process.argv[2] ?? 1024);
const rounds = Number(process.argv[3] ?? 3);
const gen = generateWal(path.join(os.tmpdir(), `wal-inspector-bench-${mib}m.wal`), mib * 1024 * 1024);
const file = gen.file;
const size = fs.statSync(file).size;


const QUERIES: Record<string, string> = {
  'envelope fields only': 'entry_type == "Update" && collection == "users" && size > 1000',
  'data, a literal the bytes rule out': 'entry_type == "Update" && data.name == "abcdefgh"',
  'data, parsed for every entry with data': 'data.n > 500000 && "a" in data.tags',
};

const segments = [{ name: path.basename(file), path: file, compression: 'none' as const, fileBytes: size }];
const store = await indexLog(segments, {});
console.log(`${path.basename(file)}: ${(size / 2 ** 20).toFixed(0)} MiB, ${store.rows} rows; ${rounds} rounds, each query beside a floor of its own`);
const ratios: Record<string, number[]> = {};
const matched: Record<string, number> = {};
const floors: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const [name, where] of Object.entries(QUERIES)) {
    const t0 = performance.now();
    readAndCrcOf(file);
    const floor = performance.now() - t0;
    floors.push(floor);
    // One thread and two threads (where-split.ts) alternately, each beside the same floor.
    for (const [how, minRows] of [['one thread', Infinity], ['two threads', undefined]] as const) {
      const t1 = performance.now();
      const bits = await whereRowsOfLog(store, segments, where, undefined, undefined, minRows);
      const ms = performance.now() - t1;
      let n = 0;
      for (let i = 0; i < bits.length; i++) n += bits[i]!;
      const key = `${name}, ${how}`;
      if (matched[name] !== undefined && matched[name] !== n) throw new Error(`${key}: ${n} rows match, not ${matched[name]}`);
      matched[name] = n;
      (ratios[key] ??= []).push(floor / ms);
    }
  }
}
const gbps = (ms: number) => (size / ms / 1e6).toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`floor: read + zlib.crc32: ${gbps(median(floors))} GB/s (median of ${floors.length})`);
for (const [name, rs] of Object.entries(ratios)) {
  const lo = Math.min(...rs).toFixed(2);
  const hi = Math.max(...rs).toFixed(2);
  const q = name.slice(0, name.lastIndexOf(','));
  console.log(`${name.padEnd(54)} ${lo}–${hi}× floor (median ${median(rs).toFixed(2)}), ${matched[q]} of ${store.rows} rows match   ${QUERIES[q]}`);
}
