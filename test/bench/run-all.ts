/**
 * `npm run bench`: runs every benchmark script in this folder, one process each, in turn.
 * Benchmarks are not tests: they print figures (ratios to baselines measured in the same
 * run) for the README. Pass names to run only some: npm run bench -- index append
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = fs.readdirSync(here)
  .filter((f) => f.endsWith('-bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n## ${script}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${script} exited ${r.status})`);
  }
}
process.exitCode = failed ? 1 : 0;
