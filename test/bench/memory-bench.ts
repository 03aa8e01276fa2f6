/**
 * Issue 12's targets (not a test): a generated log of ~1.7 M entries over 20 k documents
 * (default 1 GiB; pass a size in MB), verify --json and recover --mode force --dry-run --json
 * as an operator runs them, each in a fresh process: wall time, peak RSS, and the ratio of the
 * read + CRC floor of the same bytes to that time (targets: verify RSS < 512 MiB and ≥ 0.1×,
 * recover --dry-run RSS < 1 GiB and ≥ 0.05×). Run: npx tsx test/bench/memory-bench.ts [MB]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStoreWal } from './generate-store-wal.js';
import { readAndCrcMs } from './read-crc-floor.js';

const mb = Number(process.argv[2] ?? 1024);
const collection = path.join(os.tmpdir(), `wal-inspector-memory-bench-${mb}m`, 'data', 'users');
const wal = path.join(collection, '.wal', 'transactions.wal');
generateStoreWal(wal, mb * 2 ** 20);


const cli = fileURLToPath(new URL('../../bin/wal-inspector.js', import.meta.url));
const preload = path.join(os.tmpdir(), `wal-inspector-hwm-${process.pid}.cjs`);
fs.writeFileSync(preload, `process.on('exit', () => process.stderr.write('HWM ' + /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1] + '\\n'));`);
function run(args: string[]): { ms: number; mib: number } {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['-r', preload, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args[0]} exited ${child.status}: ${child.stderr}`);
  return { ms, mib: Number(/HWM (\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024 };
}

const floor = Math.min(readAndCrcMs(wal), readAndCrcMs(wal));
const size = fs.statSync(wal).size;
console.log(`log: ${(size / 2 ** 20).toFixed(0)} MiB; read + CRC floor ${floor.toFixed(0)} ms`);
const targets: Array<[string, string[], number, number]> = [
  ['verify --json', ['verify', collection, '--store', collection, '--json'], 512, 0.1],
  ['recover --mode force --dry-run --json', ['recover', collection, '--store', collection, '--mode', 'force', '--dry-run', '--json'], 1024, 0.05],
];
for (const [what, args, maxMib, minRatio] of targets) {
  const r = run(args);
  const ratio = floor / r.ms;
  console.log(`${what.padEnd(40)} ${(r.ms / 1000).toFixed(1)} s = ${ratio.toFixed(3)}× the floor (target ≥ ${minRatio}×), peak RSS ${r.mib.toFixed(0)} MiB (target < ${maxMib})`);
}
fs.rmSync(preload, { force: true });
