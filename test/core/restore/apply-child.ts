/**
 * Child process of the killed-apply tests: applies a plan file (restore or recover); after its 50th document it says
 * "wrote 50" on stdout and waits, so the parent's SIGKILL lands part-way for certain.
 * usage: tsx apply-child.ts <plan file>
 */
import { applyRestorePlan } from '../../../core/restore/apply-restore.js';
import { readAnyPlanFile } from '../../../core/restore/plan-file.js';

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: apply-child.ts <plan file>\n');
  process.exit(2);
}
const plan = await readAnyPlanFile(file);
await applyRestorePlan(plan, {
  planFile: file,
  afterWrite: (n) => {
    if (n !== 50) return;
    process.stdout.write('wrote 50\n');
    // Long enough for a parent slowed by a loaded machine; the test ends it sooner either way.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50_000);
  },
});
process.stdout.write('done\n');
