/** Child of index-bench: indexes one file once (2 worker threads) and prints its peak RSS in MiB. */
import * as fs from 'node:fs';
import { indexFileParallel } from '../../core/wal/segment-index-parallel.js';
import { IndexWorkerPool } from '../../core/wal/segment-index-pool.js';

const pool = new IndexWorkerPool(2);
const index = await indexFileParallel(process.argv[2]!, pool);
await pool.close();
// VmHWM, not getrusage's maxrss: Linux carries maxrss over from the parent at fork.
const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);
console.log(JSON.stringify({ entries: index.count, maxRssMiB: Math.round(hwm / 1024) }));
