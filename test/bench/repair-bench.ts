/**
 * `repair` on a generated binary WAL with single-bit errors (1,000 per GiB by default, each in
 * its own entry, at seeded random bytes: data, ids, lengths, CRCs alike), as a ratio to the
 * floor measured in the same round: reading the same bytes and computing zlib.crc32 over them.
 * Also: the preview alone (planRepair, writes nothing), and what marking repairable ranges
 * costs a read of a log without damage (readLogMarkingRepairable against readLog, records
 * only). Checks that the repaired copy equals the undamaged log.
 * Run: npm run bench (or npx tsx test/bench/repair-bench.ts [MiB] [rounds] [errors per GiB]).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locateLog } from '../../core/wal/log-location.js';
import { readLog } from '../../core/wal/read-log.js';
import { readLogMarkingRepairable } from '../../core/wal/repair/mark-repairable.js';
import { planRepair, writeRepairedLog } from '../../core/wal/repair/repair-log.js';
import { seededRandom } from '../support/random-entries.js';
import { generateWal } from './generate-wal.js';
import { readAndCrc } from './read-crc-floor.js';

const mib = Number(process.argv[2] ?? 1024);
const rounds = Number(process.argv[3] ?? 3);
const perGiB = Number(process.argv[4] ?? 1000);

const clean = generateWal(path.join(os.tmpdir(), `wal-inspector-bench-${mib}m.wal`), mib * 1024 * 1024).file;
const size = fs.statSync(clean).size;
const errors = Math.max(1, Math.round((perGiB * size) / 2 ** 30));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-inspector-repair-bench-'));
const damaged = path.join(dir, 'damaged.wal');
fs.copyFileSync(clean, damaged);
{
  // Flips at least 64 KiB apart: never two in one entry or in neighbours.
  const rand = seededRandom(7);
  const fd = fs.openSync(damaged, 'r+');
  const b = Buffer.alloc(1);
  const stride = Math.floor(size / errors);
  for (let i = 0; i < errors; i++) {
    const at = i * stride + Math.floor(rand() * Math.max(1, stride - 65536));
    fs.readSync(fd, b, 0, 1, at);
    b[0] = b[0]! ^ (1 << Math.floor(rand() * 8));
    fs.writeSync(fd, b, 0, 1, at);
  }
  fs.closeSync(fd);
}


/** Wall time, and CPU time of the whole process (the thread pool's kernel copy included): on a shared machine the CPU ratio is the steadier one. */
async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; cpu: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1000, value };
}

async function count(records: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of records) n++;
  return n;
}

const cleanCrc = readAndCrc(clean);
const location = await locateLog(damaged);
const cleanLocation = await locateLog(clean);
const ratios = { repair: [] as number[], plan: [] as number[], marking: [] as number[], repairCpu: [] as number[], planCpu: [] as number[] };
const floors: number[] = [];
let repaired = 0;
let unrepaired = 0;
for (let round = 0; round < rounds; round++) {
  const floorTime = await time(() => readAndCrc(damaged));
  const floor = floorTime.ms;
  floors.push(floor);
  const out = path.join(dir, `out-${round}.wal`);
  const r = await time(() => writeRepairedLog(location, out));
  repaired = r.value.repaired;
  unrepaired = r.value.unrepaired;
  if (readAndCrc(out) !== cleanCrc || fs.statSync(out).size !== size) throw new Error('the repaired copy differs from the undamaged log');
  fs.unlinkSync(out);
  const p = await time(() => planRepair(location));
  ratios.repair.push(floor / r.ms);
  ratios.plan.push(floor / p.ms);
  ratios.repairCpu.push(floorTime.cpu / r.cpu);
  ratios.planCpu.push(floorTime.cpu / p.cpu);
  const plain = await time(() => count(readLog(cleanLocation)));
  const marking = await time(() => count(readLogMarkingRepairable(cleanLocation)));
  ratios.marking.push(marking.ms / plain.ms);
  console.log(`round ${round + 1}: floor ${floor.toFixed(0)} ms, repair ${r.ms.toFixed(0)} ms, preview ${p.ms.toFixed(0)} ms; ` +
    `records of the undamaged log ${plain.ms.toFixed(0)} ms, marking repairable ${marking.ms.toFixed(0)} ms`);
}
fs.rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
console.log(`${(size / 2 ** 20).toFixed(0)} MiB, ${errors} single-bit errors: ${repaired} repaired, ${unrepaired} left out; the copy equals the undamaged log`);
console.log(`floor: read + zlib.crc32:            ${(size / median(floors) / 1e6).toFixed(2)} GB/s`);
console.log(`repair (write the copy):            ${range(ratios.repair)}x floor (median ${median(ratios.repair).toFixed(2)}; target >= 0.2)`);
console.log(`preview (planRepair, writes nothing): ${range(ratios.plan)}x floor (median ${median(ratios.plan).toFixed(2)})`);
console.log(`by CPU time: repair ${range(ratios.repairCpu)}x floor (median ${median(ratios.repairCpu).toFixed(2)}), preview ${range(ratios.planCpu)}x (median ${median(ratios.planCpu).toFixed(2)}); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`reading a log without damage, marking repairable / readLog: ${range(ratios.marking)}x (median ${median(ratios.marking).toFixed(2)})`);
