/**
 * Row sorts at scale, in-process: each sort key's first page of 200 rows (asc then desc) as
 * rows.page answers it, its order over every row built on first use, on a generated log of transactions (generate-tx-log.ts,
 * kept in the temp folder). Each round opens a fresh session so nothing is cached from the
 * round before; prints median and range of wall and CPU per sort and the load average.
 * --after-transactions opens the Transactions view's table first, as the UI bench does.
 *   npx tsx test/bench/sort-bench.ts [entries=8600000] [rounds=3] [--after-transactions]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { openLocation } from '../../core/inspector/open-location.js';
import { rowPage } from '../../core/inspector/query/row-page.js';
import { Session } from '../../core/inspector/session.js';
import type { SortKey } from '../../core/contract/contract-types.js';
import { PerformanceObserver } from 'node:perf_hooks';
import { transactionsPage } from '../../core/inspector/query/transactions.js';
import { generateTxLog } from './generate-tx-log.js';

const entries = Number(process.argv[2] ?? 8_600_000);
const rounds = Number(process.argv[3] ?? 3);
// As in the UI bench: the Transactions view opened before (its table and ids on the heap).
const afterTransactions = process.argv.includes('--after-transactions');
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const dir = path.join(os.tmpdir(), 'wal-ui-bench');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `tx-${entries}.wal`);
generateTxLog(file, entries);

const KEYS: SortKey[] = ['time', 'type', 'collection', 'document', 'size'];
const times = new Map<string, { wall: number[]; cpu: number[]; gc: number[] }>();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (let round = 0; round < rounds; round++) {
  const session = new Session({ id: `s${round}`, input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
  try {
    await session.indexer.whenDone();
    if (afterTransactions) await transactionsPage(session, { offset: 0, limit: 100 }, true);
    for (const key of KEYS) {
      for (const direction of ['asc', 'desc'] as const) {
        await new Promise((r) => setTimeout(r, 50)); // the gc entries of the sort before are in
        const gc0 = gcMs;
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const page = await rowPage(session, 0, 200, {}, { key, direction });
        if (page.rows.length !== 200) throw new Error(`${key} ${direction}: ${page.rows.length} rows`);
        const wall = performance.now() - t0;
        const c = process.cpuUsage(cpu0);
        await new Promise((r) => setTimeout(r, 50));
        const gc = gcMs - gc0;
        const name = `${key} ${direction}`;
        const m = times.get(name) ?? { wall: [], cpu: [], gc: [] };
        m.gc.push(gc);
        m.wall.push(wall);
        m.cpu.push((c.user + c.system) / 1000);
        times.set(name, m);
      }
    }
    console.log(`round ${round + 1}: ${session.store.rows.toLocaleString('en')} rows, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await session.close();
  }
}
const f = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
console.log(`first page of each sort${afterTransactions ? ' (Transactions opened before)' : ''}: wall, cpu, gc ms median (range)`);
for (const [name, m] of times) console.log(`  ${name.padEnd(16)} ${f(m.wall).padEnd(18)} ${f(m.cpu).padEnd(18)} ${f(m.gc)}`);
