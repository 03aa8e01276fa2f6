/**
 * Child process of the SIGKILL test: plans and applies a recovery on a collection, saying
 * "applying" on stdout just before the first write so the parent can aim its kill.
 * usage: tsx sigkill-child.ts <collection dir> <safe|force>
 */
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'safe' && mode !== 'force')) {
  process.stderr.write('usage: sigkill-child.ts <collection dir> <safe|force>\n');
  process.exit(2);
}
const location = await locateLog(dir);
const store = await FsCollection.open(dir);
const plan = await planRecovery(() => readLog(location), store, { mode });
process.stdout.write(`applying ${plan.changes.length}\n`);
const started = performance.now();
await applyRecovery(plan, store, { concurrency: 4 });
process.stdout.write(`done ${Math.round(performance.now() - started)}\n`);
