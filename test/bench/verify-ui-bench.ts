/**
 * The UI's Verify on a large log (not a test): the service as `serve` runs it opens a generated
 * log of ~5 M entries over 20 k documents, indexes it, then verify.run (off the service's
 * thread, as the UI calls it). Prints RSS idle after indexing, the peak during verify and RSS
 * after it finished (targets: peak < 600 MiB, back within 50 MiB of idle).
 * Run: npx tsx test/bench/verify-ui-bench.ts [MB] (default 750 MB ≈ 5 M entries)
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createInspectorService } from '../../core/inspector/service.js';
import { generateStoreWal } from './generate-store-wal.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = Number(process.argv[2] ?? 750);
const collection = path.join(os.tmpdir(), `wal-inspector-verify-ui-${mb}m`, 'data', 'users');
generateStoreWal(path.join(collection, '.wal', 'transactions.wal'), mb * 1e6, 20_000, 7, 4);
const MiB = (n: number) => (n / 2 ** 20).toFixed(0);
const rss = () => process.memoryUsage.rss();

gc();
const start = rss();
const service = createInspectorService({});
const t0 = performance.now();
const opened = await service.api.session.open({ path: collection });
if (!opened.ok) throw new Error(opened.error.message);
const id = opened.value.session_id;
await new Promise<void>((resolve) => service.onEvent((e) => e.type === 'index.done' && e.session_id === id && resolve()));
const info = await service.api.session.info({ session_id: id });
if (!info.ok) throw new Error(info.error.message);
gc();
await new Promise((r) => setTimeout(r, 500));
const idle = rss();
console.log(`log: ${mb} MB, ${info.value.progress.entries} entries; indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS idle ${MiB(idle)} MiB`);
let peak = idle;
const timer = setInterval(() => (peak = Math.max(peak, rss())), 20);
const v0 = performance.now();
const r = await service.api.verify.run({ session_id: id, store: null, job_id: 'bench-verify' });
clearInterval(timer);
if (!r.ok) throw new Error(r.error.message);
console.log(`verify.run: ${((performance.now() - v0) / 1000).toFixed(1)} s, ${r.value.entries_processed} entries, passed ${r.value.passed}`);
gc();
await new Promise((res) => setTimeout(res, 2000));
gc();
const after = rss();
console.log(`RSS peak during verify ${MiB(peak)} MiB (target < 600); after ${MiB(after)} MiB = idle ${after >= idle ? '+' : ''}${MiB(after - idle)} MiB (target within 50)`);
const before = rss();
await service.api.session.close({ session_id: id });
gc();
await new Promise((res) => setTimeout(res, 2000));
gc();
console.log(`session.close: RSS ${MiB(before)} → ${MiB(rss())} MiB (before open: ${MiB(start)} MiB)`);
await service.close();
