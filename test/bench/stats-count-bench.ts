/**
 * `stats` in-process, with and without the counts made while indexing (RowStore.counts: per
 * piece, in the thread that indexed it) and the transaction lanes sorted on both threads
 * (RowStore.lanes), alternated in one process so that both meet the same machine: indexing,
 * then the counting and grouping after it, wall, CPU of all threads and CPU of this (the first)
 * thread alone, ms, median and range. On a loaded machine the wall times say little; this
 * thread's CPU is its critical path (the second thread's work overlaps it).
 * Checks that both give the same RowStats. Runs the compiled build (npm run build:node).
 * Run: npx tsx test/bench/stats-count-bench.ts [MiB] [rounds]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateWal } from './generate-wal.js';

const mib = Number(process.argv[2] ?? 1024);
const rounds = Number(process.argv[3] ?? 5);
const { file } = generateWal(path.join(os.tmpdir(), `wal-inspector-bench-${mib}m.wal`), mib * 1024 * 1024);
const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = path.join(root, 'dist/core/inspector');
if (!fs.existsSync(path.join(dist, 'index/index-log.js'))) throw new Error('build first: npm run build:node');
const { indexLog } = (await import(path.join(dist, 'index/index-log.js'))) as typeof import('../../core/inspector/index/index-log.js');
const { rowStatsOfLog } = (await import(path.join(dist, 'query/log-stats.js'))) as typeof import('../../core/inspector/query/log-stats.js');
const segments = [{ name: path.basename(file), path: file, compression: 'none' as const, fileBytes: fs.statSync(file).size }];

/** This thread's CPU ms (Linux: utime + stime of the main thread, in clock ticks of 10 ms). */
function mainThreadCpu(): number {
  const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

async function once(counts: boolean) {
  const t0 = mainThreadCpu();
  const w0 = performance.now();
  const c0 = process.cpuUsage();
  const store = await indexLog(segments, { idsUtf8: true, counts });
  const w1 = performance.now();
  const c1 = process.cpuUsage();
  const stats = await rowStatsOfLog(store, segments);
  const w2 = performance.now();
  const c2 = process.cpuUsage();
  const t2 = mainThreadCpu();
  const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
  return { index: w1 - w0, after: w2 - w1, total: w2 - w0, cpuIndex: cpu(c0, c1), cpuAfter: cpu(c1, c2), mainCpu: t2 - t0, stats };
}

type Run = Awaited<ReturnType<typeof once>>;
const runs: Record<'before' | 'after', Run[]> = { before: [], after: [] };
const loads: number[] = [];
for (let r = 0; r < rounds; r++) {
  loads.push(os.loadavg()[0]!);
  for (const counts of r % 2 === 0 ? [false, true] : [true, false]) runs[counts ? 'after' : 'before'].push(await once(counts));
}
loads.push(os.loadavg()[0]!);
if (!runs.after.every((x) => isDeepStrictEqual(x.stats, runs.before[0]!.stats))) throw new Error('the counts made while indexing differ from the pass after it');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
console.log(`${path.basename(file)}, ${runs.before[0]!.stats.rows} rows, ${rounds} rounds alternated, load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; ms, median (range)`);
for (const k of ['before', 'after'] as const) {
  const x = runs[k];
  console.log(`${k === 'before' ? 'counted after indexing  ' : 'counted while indexing  '} index ${fmt(x.map((y) => y.index))}  after it ${fmt(x.map((y) => y.after))}  total ${fmt(x.map((y) => y.total))}  CPU index ${fmt(x.map((y) => y.cpuIndex))}  CPU after ${fmt(x.map((y) => y.cpuAfter))}  this thread's CPU ${fmt(x.map((y) => y.mainCpu))}`);
}
