/**
 * Closing a session after a text search gives its memory back while another session stays
 * open (the text search's kept thread held the searched log's row chunks until every session
 * closed). In-process: RSS with a small session open, after opening and indexing a generated
 * log of transactions, after a text search in it (on two threads), and after closing it (a
 * full collection, 2 s later), with what the search thread reports it still holds.
 *   npx tsx test/bench/text-close-bench.ts [entries=2000000] [--no-search]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openLocation } from '../../core/inspector/open-location.js';
import { textSearchThreadHolding } from '../../core/inspector/query/text-search-thread.js';
import { textMatches } from '../../core/inspector/query/text-search.js';
import { collectGarbage } from '../../core/inspector/collect-garbage.js';
import { Session } from '../../core/inspector/session.js';
import { generateTxLog } from './generate-tx-log.js';

const entries = Number(process.argv[2] ?? 2_000_000);
const dir = path.join(os.tmpdir(), 'wal-ui-bench');
fs.mkdirSync(dir, { recursive: true });
const big = path.join(dir, `tx-${entries}.wal`);
const small = path.join(dir, 'tx-10000.wal');
generateTxLog(big, entries);
generateTxLog(small, 10_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rss = async () => {
  collectGarbage();
  await sleep(200);
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};
const open = async (file: string, id: string) => {
  const s = new Session({ id, input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
  await s.indexer.whenDone();
  return s;
};

const other = await open(small, 'other');
const before = await rss();
// In a function of its own, so that nothing here keeps the closed session (the service forgets it).
async function searchAndClose() {
  const session = await open(big, 'big');
  const indexed = await rss();
  const t0 = performance.now();
  let runs = 0;
  // --no-search: the same without the search, to tell what the search adds.
  const m = process.argv.includes('--no-search')
    ? { bitmap: new Uint8Array(0) }
    : await textMatches(session, 'user-77', { caseSensitive: false, regex: false, ran: (n) => (runs = n) });
  const ms = performance.now() - t0;
  const found = m.bitmap.reduce((n, b) => n + b, 0);
  const searched = await rss();
  const holdingOpen = await textSearchThreadHolding();
  await session.close();
  return { indexed, ms, runs, found, searched, holdingOpen };
}
const { indexed, ms, runs, found, searched, holdingOpen } = await searchAndClose();
await sleep(2000);
const closed = await rss();
const holdingClosed = await textSearchThreadHolding();
console.log(`${entries.toLocaleString('en')} entries; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`text search: ${found.toLocaleString('en')} rows in ${ms.toFixed(0)} ms, ${runs} runs on the second thread`);
console.log(`RSS MiB: other session open ${before}, big indexed ${indexed}, searched ${searched}, big closed +2 s ${closed} (${closed - before >= 0 ? '+' : ''}${closed - before} vs before it opened)`);
console.log(`search thread holds: while open ${JSON.stringify(holdingOpen)}; after close ${JSON.stringify(holdingClosed)}`);
await other.close();
