/**
 * Row sorts at scale, in-process: each sort key's order over every row (asc then desc), as
 * rows.page builds it on first use, on a generated log of transactions (generate-tx-log.ts,
 * kept in the temp folder). Each round opens a fresh session so nothing is cached from the
 * round before; prints median and range of wall and CPU per sort and the load average.
 *   npx tsx test/bench/sort-bench.ts [entries=8600000] [rounds=3]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { openLocation } from '../../core/inspector/open-location.js';
import { orderedMatches } from '../../core/inspector/query/row-page.js';
import { Session } from '../../core/inspector/session.js';
import type { SortKey } from '../../core/contract/contract-types.js';
import { generateTxLog } from './generate-tx-log.js';

const entries = Number(process.argv[2] ?? 8_600_000);
const rounds = Number(process.argv[3] ?? 3);
const dir = path.join(os.tmpdir(), 'wal-ui-bench');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `tx-${entries}.wal`);
generateTxLog(file, entries);

const KEYS: SortKey[] = ['time', 'type', 'collection', 'document', 'size'];
const times = new Map<string, { wall: number[]; cpu: number[] }>();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (let round = 0; round < rounds; round++) {
  const session = new Session({ id: `s${round}`, input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
  try {
    await session.indexer.whenDone();
    for (const key of KEYS) {
      for (const direction of ['asc', 'desc'] as const) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        await orderedMatches(session, {}, { key, direction });
        const wall = performance.now() - t0;
        const c = process.cpuUsage(cpu0);
        const name = `${key} ${direction}`;
        const m = times.get(name) ?? { wall: [], cpu: [] };
        m.wall.push(wall);
        m.cpu.push((c.user + c.system) / 1000);
        times.set(name, m);
      }
    }
    console.log(`round ${round + 1}: ${session.store.rows.toLocaleString('en')} rows, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await session.close();
  }
}
const f = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
console.log('sort: wall ms median (range), cpu ms median (range)');
for (const [name, m] of times) console.log(`  ${name.padEnd(16)} ${f(m.wall).padEnd(18)} ${f(m.cpu)}`);
