/** Child of index-bench: indexes one file once (2 worker threads) and prints its peak RSS in MiB. */
import { indexFileParallel } from '../../core/wal/segment-index.js';
import { IndexWorkerPool } from '../../core/wal/segment-index-pool.js';

const pool = new IndexWorkerPool(2);
const index = await indexFileParallel(process.argv[2]!, pool);
await pool.close();
console.log(JSON.stringify({ entries: index.count, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
