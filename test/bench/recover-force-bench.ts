/**
 * Issue 12's force-recovery target (not a test): `recover --mode force --dry-run --json` on the
 * generated 1 GiB log (generate-store-wal.ts: 1.56 M entries over 20 k documents), each run a
 * fresh process of the compiled CLI, beside the read + CRC floor of the same file measured in
 * the same round. Per run: wall time, its ratio to the floor (target ≥ 0.05×), the main
 * thread's CPU time (the plan's critical path: the data checks run on a second thread), peak
 * RSS (target < 1 GiB) and the load average. With `--baseline DIR` (another build's dist/,
 * e.g. of the commit before) the two alternate, and every output is compared byte for byte.
 * Run: npm run build:node && npx tsx test/bench/recover-force-bench.ts [MB] [rounds] [--baseline DIR]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStoreWal } from './generate-store-wal.js';
import { readAndCrcMs } from './read-crc-floor.js';

const args = process.argv.slice(2);
const at = args.indexOf('--baseline');
const baseline = at >= 0 ? path.resolve(args.splice(at, 2)[1]!) : undefined;
const mb = Number(args[0] ?? 1024);
const rounds = Number(args[1] ?? 3);
const collection = path.join(os.tmpdir(), `wal-inspector-memory-bench-${mb}m`, 'data', 'users');
const wal = path.join(collection, '.wal', 'transactions.wal');
generateStoreWal(wal, mb * 2 ** 20);

const ours = fileURLToPath(new URL('../../dist', import.meta.url));
if (!fs.existsSync(path.join(ours, 'cli', 'main.js'))) throw new Error('run npm run build:node first');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-inspector-recover-bench-'));
// At exit: every thread's CPU time (the first is the main thread) and the peak RSS.
const preload = path.join(work, 'threads.cjs');
fs.writeFileSync(preload, `const fs = require('fs');
process.on('exit', () => {
  const cpu = fs.readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8').split(') ')[1].split(' ');
  const hwm = /VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1];
  process.stderr.write('MAIN_CPU ' + (Number(cpu[11]) + Number(cpu[12])) / 100 + ' HWM ' + hwm + '\\n');
});`);

interface Run { ms: number; mainCpuS: number; mib: number; out: string }
function run(dist: string, tag: string): Run {
  const out = path.join(work, `${tag}.json`);
  const fd = fs.openSync(out, 'w');
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['-r', preload, path.join(dist, 'cli', 'main.js'), 'recover', collection, '--mode', 'force', '--dry-run', '--json'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  fs.closeSync(fd);
  if (child.status !== 0 && child.status !== 1) throw new Error(`recover exited ${child.status}: ${child.stderr}`);
  return { ms, mainCpuS: Number(/MAIN_CPU ([\d.]+)/.exec(child.stderr)?.[1]), mib: Number(/HWM (\d+)/.exec(child.stderr)?.[1]) / 1024, out };
}

const load = () => os.loadavg()[0]!.toFixed(1);
const line = (what: string, r: Run, floor: number) =>
  `${what.padEnd(9)} ${(r.ms / 1000).toFixed(1).padStart(6)} s = ${(floor / r.ms).toFixed(3)}× the floor, main thread ${r.mainCpuS.toFixed(1)} s CPU, peak RSS ${r.mib.toFixed(0)} MiB`;
console.log(`log: ${(fs.statSync(wal).size / 2 ** 20).toFixed(0)} MiB; ${rounds} rounds${baseline ? `, alternated with ${baseline}` : ''}`);
try {
  for (let i = 0; i < rounds; i++) {
    const floor = Math.min(readAndCrcMs(wal), readAndCrcMs(wal));
    console.log(`round ${i + 1}: load ${load()}, read + CRC floor ${floor.toFixed(0)} ms`);
    const runs: [string, string][] = baseline ? [['baseline', baseline], ['this', ours]] : [['this', ours]];
    if (baseline && i % 2 === 1) runs.reverse();
    const got = new Map<string, Run>();
    for (const [what, dist] of runs) {
      const r = run(dist, `${what}-${i}`);
      got.set(what, r);
      console.log('  ' + line(what, r, floor));
    }
    if (baseline) {
      const same = fs.readFileSync(got.get('this')!.out).equals(fs.readFileSync(got.get('baseline')!.out));
      console.log(`  outputs ${same ? 'byte-identical' : 'DIFFER'}; load after ${load()}`);
      if (!same) process.exitCode = 1;
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
