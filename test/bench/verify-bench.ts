/**
 * Verification (no store) of a generated 100 MB WAL of healthy transactions, as a ratio to
 * the read + CRC floor of the same bytes (issue 12's target: at least 0.1x) and to reading
 * every record of it (readLog, the work any verification starts with), in the same run; peak
 * RSS of a verify run in a fresh process. Run: npm run bench -- verify
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLogBatches } from '../../core/wal/read-log-batches.js';
import { verifyLog } from '../../core/verify/verify-log.js';
import { locateLog } from '../../core/wal/log-location.js';
import { readLog } from '../../core/wal/read-log.js';
import { generateRealisticWal } from './generate-realistic-wal.js';
import { readAndCrcMs } from './read-crc-floor.js';

const mb = Number(process.argv[2] ?? 100);
const { file } = generateRealisticWal(path.join(os.tmpdir(), `wal-inspector-verify-bench-${mb}m.wal`), mb * 1e6);
const location = await locateLog(file);

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const floors: number[] = [];
const reads: number[] = [];
const verifies: number[] = [];
let entries = 0;
for (let round = 0; round < 3; round++) {
  floors.push(readAndCrcMs(file));
  reads.push((await time(async () => {
    let n = 0;
    for await (const r of readLog(location)) if (r.kind === 'entry') n++;
    return n;
  })).ms);
  // As verify runs it (use-cases/verify.ts): the chain read in batches.
  const v = await time(() => verifyLog(() => readLogBatches(location), undefined));
  if (!v.value.passed) throw new Error('the generated log should verify');
  entries = v.value.entriesProcessed;
  verifies.push(v.ms);
}
// Peak RSS of the command as an operator runs it: VmHWM printed by a preload at exit.
const cli = fileURLToPath(new URL('../../bin/wal-inspector.js', import.meta.url));
const preload = path.join(os.tmpdir(), `wal-inspector-hwm-${process.pid}.cjs`);
fs.writeFileSync(preload, `process.on('exit', () => process.stderr.write('HWM ' + /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1] + '\\n'));`);
const child = spawnSync(process.execPath, ['-r', preload, cli, 'verify', file], { encoding: 'utf8' });
fs.rmSync(preload, { force: true });
const rss = /HWM (\d+)/.exec(child.stderr)?.[1] ?? 'NaN';
console.log(`log: ${mb} MB, ${entries} entries`);
console.log(`floor: read + CRC of the file          ${median(floors).toFixed(0)} ms`);
console.log(`readLog over every record             ${median(reads).toFixed(0)} ms = ${(median(floors) / median(reads)).toFixed(3)}x the floor`);
console.log(`verifyLog (no store)                  ${median(verifies).toFixed(0)} ms = ${(median(floors) / median(verifies)).toFixed(3)}x the floor (target ≥ 0.1x), ${(median(verifies) / median(reads)).toFixed(2)}x readLog, ${(entries / median(verifies) * 1000 / 1e6).toFixed(2)} M entries/s`);
console.log(`peak RSS of \`wal-inspector verify\`    ${Math.round(Number(rss) / 1024)} MiB`);
