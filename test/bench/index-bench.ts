/**
 * Index throughput of a generated binary WAL as a ratio to the floor of that work, measured
 * in the same run: reading the file and computing zlib.crc32 over every byte. Also plain read
 * speed, RSS while indexing. Run: npm run bench (or npx tsx test/bench/index-bench.ts [MiB]).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { indexRange } from '../../core/wal/segment-index.js';
import { indexFileParallel } from '../../core/wal/segment-index-parallel.js';
import { IndexWorkerPool } from '../../core/wal/segment-index-pool.js';
import { generateWal } from './generate-wal.js';
import { FileByteSource } from '../../core/wal/byte-source.js';
import { LogStatsBuilder } from '../../core/wal/log-stats.js';
import { addSegmentStats } from '../../core/wal/segment-stats.js';

const mib = Number(process.argv[2] ?? 1024);
const gen = generateWal(path.join(os.tmpdir(), `wal-inspector-bench-${mib}m.wal`), mib * 1024 * 1024);
const file = gen.file;
const size = fs.statSync(file).size;
const CHUNK = 4 << 20;

function plainRead(): void {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  while (pos < size) pos += fs.readSync(fd, buf, 0, CHUNK, pos);
  fs.closeSync(fd);
}

function readAndCrc(): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  let crc = 0;
  while (pos < size) {
    const n = fs.readSync(fd, buf, 0, CHUNK, pos);
    crc = zlib.crc32(buf.subarray(0, n), crc);
    pos += n;
  }
  fs.closeSync(fd);
  return crc;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

const gbps = (ms: number) => (size / 1e9 / (ms / 1000)).toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

plainRead();
const pool = new IndexWorkerPool(2);
await pool.warm();
const reads: number[] = [], floors: number[] = [], indexes: number[] = [], parallel: number[] = [], stats: number[] = [];
let entries = 0;
for (let round = 0; round < 3; round++) {
  reads.push(time(plainRead).ms);
  floors.push(time(readAndCrc).ms);
  const one = time(() => indexRange(file));
  indexes.push(one.ms);
  entries = one.value.count;
  const par = await timeAsync(() => indexFileParallel(file, pool));
  if (par.value.count !== entries) throw new Error(`parallel index found ${par.value.count} entries, serial ${entries}`);
  parallel.push(par.ms);
  const source = FileByteSource.open(file, path.basename(file));
  const st = await timeAsync(async () => {
    const b = new LogStatsBuilder();
    await addSegmentStats(b, source);
    return b.result();
  });
  source.close();
  if (st.value.entries !== entries) throw new Error(`stats counted ${st.value.entries} entries, the index ${entries}`);
  stats.push(st.ms);
}
const floor = median(floors);
console.log(`file: ${(size / 2 ** 20).toFixed(0)} MiB, ${entries} entries (${(size / entries).toFixed(0)} bytes/entry avg)${gen.entries < 0 ? ', cached' : ''}`);
console.log(`plain read (4 MiB chunks):   ${gbps(median(reads))} GB/s`);
console.log(`floor: read + zlib.crc32:    ${gbps(floor)} GB/s`);
console.log(`index, 1 thread:             ${gbps(median(indexes))} GB/s = ${(floor / median(indexes)).toFixed(2)}x floor`);
console.log(`index, 2 worker threads:     ${gbps(median(parallel))} GB/s = ${(floor / median(parallel)).toFixed(2)}x floor`);
console.log(`stats (the CLI's), 1 thread: ${gbps(median(stats))} GB/s = ${(floor / median(stats)).toFixed(2)}x floor`);
await pool.close();
// RSS while indexing, measured alone in a fresh process (this one holds several results), on
// the compiled build when there is one (what ships; `npm run bench` builds it), else via tsx.
const dist = fileURLToPath(new URL('../../dist/core/wal/', import.meta.url));
function measureCompiled(): { maxRssMiB: number; build: string } {
  const script = path.join(os.tmpdir(), `wal-inspector-index-rss-${process.pid}.mjs`);
  fs.writeFileSync(script, `
    import { indexFileParallel } from ${JSON.stringify(path.join(dist, 'segment-index-parallel.js'))};
    import { IndexWorkerPool } from ${JSON.stringify(path.join(dist, 'segment-index-pool.js'))};
    const pool = new IndexWorkerPool(2);
    await pool.warm();
    const index = await indexFileParallel(${JSON.stringify(file)}, pool);
    await pool.close();
    // VmHWM, not getrusage's maxrss: Linux carries maxrss over from the parent at fork.
    const hwm = Number(/VmHWM:\\s+(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1]);
    console.log(JSON.stringify({ entries: index.count, maxRssMiB: Math.round(hwm / 1024) }));`);
  try {
    const env = { ...process.env };
    delete env['NODE_OPTIONS'];
    return { ...JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8', env })), build: 'compiled' };
  } finally {
    fs.rmSync(script, { force: true });
  }
}
const child = fs.existsSync(path.join(dist, 'segment-index.js'))
  ? measureCompiled()
  : { ...JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./index-rss.ts', import.meta.url)), file], { encoding: 'utf8' })), build: 'tsx' };
console.log(`peak RSS indexing it once:   ${child.maxRssMiB} MiB (2 worker threads, whole process, ${child.build} build)`);
