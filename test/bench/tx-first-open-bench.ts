/**
 * The Transactions view's first open, in-process: a fresh Session on a generated log of
 * transactions (generate-tx-log.ts, kept in the temp folder), indexed, then the view's first
 * page (its default statuses and order, 200 rows) as transactions.page answers it, asked
 * `--head` ms after index.done (the session's background build of the transaction table runs
 * meanwhile; 0: at once). Each round opens a new session, so nothing is cached from the one
 * before. Prints wall ms per round, median and range, and the load average.
 *   npx tsx test/bench/tx-first-open-bench.ts [entries=8600000] [rounds=3] [--head=0,1000]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { openLocation } from '../../core/inspector/open-location.js';
import { Session } from '../../core/inspector/session.js';
import { transactionsPage } from '../../core/inspector/query/transactions.js';
import { generateTxLog } from './generate-tx-log.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const entries = Number(args[0] ?? 8_600_000);
const rounds = Number(args[1] ?? 3);
const headArg = process.argv.find((a) => a.startsWith('--head='));
const heads = (headArg ? headArg.slice(7) : '0,1000').split(',').map(Number);
const dir = path.join(os.tmpdir(), 'wal-ui-bench');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `tx-${entries}.wal`);
const { transactions } = generateTxLog(file, entries);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const times = new Map<number, number[]>();
const loads: number[] = [];
const indexMs: number[] = [];
let firstIds: string | null = null;
for (let round = 0; round < rounds; round++) {
  for (const head of round % 2 === 0 ? heads : [...heads].reverse()) {
    loads.push(os.loadavg()[0]!);
    let done = false;
    const session = new Session({
      id: `s${round}-${head}`, input: file, located: await openLocation(file), followPollMs: 1000,
      emit: (e) => { if (e.type === 'index.done') done = true; },
    });
    try {
      const t00 = performance.now();
      await session.indexer.whenDone();
      indexMs.push(performance.now() - t00);
      while (!done) await sleep(1);
      if (head > 0) await sleep(head);
      const t0 = performance.now();
      const page = await transactionsPage(session, { offset: 0, limit: 200, status: ['committed', 'rolled-back', 'incomplete'], sort: { key: 'first', direction: 'asc' } });
      const wall = performance.now() - t0;
      if (page.items.length !== 200) throw new Error(`first page: ${page.items.length} items`);
      // Every round must answer the same page (a check that a faster path changed nothing).
      const ids = JSON.stringify([page.total, page.counts, page.items]);
      if (firstIds !== null && ids !== firstIds) throw new Error('the first page differs between rounds');
      firstIds = ids;
      const xs = times.get(head) ?? [];
      xs.push(wall);
      times.set(head, xs);
      console.log(`round ${round} head ${head} ms: first page ${wall.toFixed(0)} ms (total ${page.total}, load ${os.loadavg()[0]!.toFixed(2)})`);
    } finally {
      await session.close();
    }
    await sleep(500);
  }
}
console.log(`${entries} entries, ${transactions} transactions; load ${Math.min(...loads).toFixed(2)}-${Math.max(...loads).toFixed(2)}`);
console.log(`indexing median ${median(indexMs).toFixed(0)} ms (${Math.min(...indexMs).toFixed(0)}-${Math.max(...indexMs).toFixed(0)})`);
for (const [head, xs] of times) {
  console.log(`head start ${head} ms: first page median ${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}) over ${xs.length}`);
}
