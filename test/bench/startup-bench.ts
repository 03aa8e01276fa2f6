/**
 * Start-up of the compiled command against a bare `node -e 0`, alternated run by run (issue 11:
 * `--version` within 80 ms and `stats` of a small log within 150 ms of the bare start).
 * Needs `npm run build:node` (run-all does it).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GOLDEN, REPO_ROOT } from '../support/paths.js';

const bin = path.join(REPO_ROOT, 'bin/wal-inspector.js');
const cases: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  '--version': [bin, '--version'],
  'stats basic.wal': [bin, 'stats', path.join(GOLDEN, 'basic.wal')],
  'stats chain (compressed segments)': [bin, 'stats', path.join(GOLDEN, 'chain')],
};
const ROUNDS = 15;
const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, args] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    times[name]!.push(ms);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const base = median(times['node -e 0']!);
console.log(`${ROUNDS} alternated rounds; median wall time, and above the bare start`);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`${name.padEnd(36)} ${m.toFixed(0).padStart(5)} ms   +${(m - base).toFixed(0)} ms   (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`);
}
