/**
 * The product's index (core/inspector/index: the service's index worker and its second thread)
 * and `wal-inspector stats` on a generated binary WAL, as ratios to the floor of that work
 * measured in the same run: reading the file and computing zlib.crc32 over every byte. Runs
 * the compiled build (what ships; `npm run bench` builds it), else the sources. `stats` is
 * timed as a whole process, startup included. Also plain read speed and peak RSS.
 * Run: npm run bench (or npx tsx test/bench/index-bench.ts [MiB] [rounds]).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateWal } from './generate-wal.js';
import type { WorkerInit } from '../../core/inspector/index/index-messages.js';
import { readAndCrc as readAndCrcOf } from './read-crc-floor.js';

const mib = Number(process.argv[2] ?? 1024);
const rounds = Number(process.argv[3] ?? 3);
const gen = generateWal(path.join(os.tmpdir(), `wal-inspector-bench-${mib}m.wal`), mib * 1024 * 1024);
const file = gen.file;
const size = fs.statSync(file).size;
const CHUNK = 4 << 20;
const root = fileURLToPath(new URL('../../', import.meta.url));
const compiled = fs.existsSync(path.join(root, 'dist/core/inspector/index/indexer.js'));
const { Indexer } = (await import(compiled ? path.join(root, 'dist/core/inspector/index/indexer.js') : '../../core/inspector/index/indexer.js')) as typeof import('../../core/inspector/index/indexer.js');

function plainRead(): void {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  while (pos < size) pos += fs.readSync(fd, buf, 0, CHUNK, pos);
  fs.closeSync(fd);
}


function time(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Indexes the file as the service does (worker threads started included); resolves with ms and rows. */
function index(options: Partial<WorkerInit>): Promise<{ ms: number; rows: number }> {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const noop = () => undefined;
    const ix = new Indexer({ segments: [{ name: path.basename(file), path: file, compression: 'none' }], walDir: null, ...options }, size, {
      progress: noop, followRows: noop, segment: noop, rotated: noop,
      done: () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        void ix.close();
        if (ix.error) reject(new Error(ix.error.message));
        else resolve({ ms, rows: ix.store.rows });
      },
    });
  });
}

/** `wal-inspector stats FILE --json` as a fresh process; its entry count. */
function statsProcess(): { ms: number; entries: number } {
  const env = { ...process.env };
  delete env['NODE_OPTIONS']; // not tsx's loader: the command as users run it
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/wal-inspector.js'), 'stats', file, '--json'], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`stats exited ${r.status}: ${r.stderr}`);
  return { ms, entries: (JSON.parse(r.stdout) as { entries: number }).entries };
}

const gbps = (ms: number) => (size / 1e9 / (ms / 1000)).toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

plainRead();
const reads: number[] = [], floors: number[] = [], one: number[] = [], two: number[] = [], stats: number[] = [];
const ratios = { one: [] as number[], two: [] as number[], stats: [] as number[] };
let entries = -1;
for (let round = 0; round < rounds; round++) {
  reads.push(time(plainRead));
  const floor = time(() => readAndCrcOf(file));
  floors.push(floor);
  // Each measurement beside the floor of its own round: the machine's speed drifts.
  const serial = await index({ splitBytes: Infinity });
  const split = await index({});
  if (split.rows !== serial.rows) throw new Error(`two threads found ${split.rows} rows, one ${serial.rows}`);
  const st = statsProcess();
  if (entries >= 0 && st.entries !== entries) throw new Error('stats changed between rounds');
  entries = st.entries;
  one.push(serial.ms);
  two.push(split.ms);
  stats.push(st.ms);
  ratios.one.push(floor / serial.ms);
  ratios.two.push(floor / split.ms);
  ratios.stats.push(floor / st.ms);
}
console.log(`file: ${(size / 2 ** 20).toFixed(0)} MiB, ${entries} entries (${(size / entries).toFixed(0)} bytes/entry avg)${gen.entries < 0 ? ', cached' : ''}; ${compiled ? 'compiled build' : 'sources (tsx)'}, ${rounds} rounds`);
console.log(`plain read (4 MiB chunks):    ${gbps(median(reads))} GB/s`);
console.log(`floor: read + zlib.crc32:     ${gbps(median(floors))} GB/s (${gbps(Math.max(...floors))}–${gbps(Math.min(...floors))})`);
console.log(`index, 1 thread:              ${gbps(median(one))} GB/s = ${range(ratios.one)}x floor (median ${median(ratios.one).toFixed(2)})`);
console.log(`index, 2 threads (product):   ${gbps(median(two))} GB/s = ${range(ratios.two)}x floor (median ${median(ratios.two).toFixed(2)})`);
console.log(`stats, whole process:         ${gbps(median(stats))} GB/s = ${range(ratios.stats)}x floor (median ${median(ratios.stats).toFixed(2)})`);
// Peak RSS of indexing once, alone in a fresh process (this one holds several results), from
// the compiled build when there is one (tsx's loader would add its own memory).
function peakRss(): { rows: number; maxRssMiB: number } {
  if (!compiled) {
    return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./index-rss.ts', import.meta.url)), file], { encoding: 'utf8' }));
  }
  const script = path.join(os.tmpdir(), `wal-inspector-index-rss-${process.pid}.mjs`);
  fs.writeFileSync(script, `import { Indexer } from ${JSON.stringify(path.join(root, 'dist/core/inspector/index/indexer.js'))};\n`
    + fs.readFileSync(fileURLToPath(new URL('./index-rss.ts', import.meta.url)), 'utf8').split(/^\/\/ --- body ---.*\n/m)[1]!);
  try {
    const env = { ...process.env };
    delete env['NODE_OPTIONS'];
    return JSON.parse(execFileSync(process.execPath, [script, file], { encoding: 'utf8', env }));
  } finally {
    fs.rmSync(script, { force: true });
  }
}
const rss = peakRss();
console.log(`peak RSS indexing it once:    ${rss.maxRssMiB} MiB (2 threads, whole process, ${rss.rows} rows)`);
