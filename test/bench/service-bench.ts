/**
 * The inspector service on a generated 1M-entry binary WAL: time to the first page of rows
 * after session.open, time to index everything, filters over all rows on indexed fields,
 * sorts, a text search in data, and RSS. Throughput is reported as a ratio to reading and
 * CRC-checking the same file in the same run (STYLE rule 9).
 * Run: npx tsx test/bench/service-bench.ts [entries=1000000]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInspectorService } from '../../core/inspector/service.js';
import type { RowFilter, RowSort } from '../../core/contract/contract.js';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { ENTRY_TYPES } from '../../core/wal/entry-type.js';
import { randomId, seededRandom } from '../support/random-entries.js';
import { readAndCrcMs as readAndCrcMsOf } from './read-crc-floor.js';

const N = Number(process.argv[2] ?? 1_000_000);
const file = path.join(os.tmpdir(), `wal-inspector-service-bench-${N}.wal`);

/** Every entry distinct: its own 32-character transaction id, 20,000 documents, 3 collections, data 40–1,500 bytes. */
function generate(): void {
  if (fs.existsSync(file)) return;
  const rand = seededRandom(7);
  const fd = fs.openSync(file + '.tmp', 'w');
  let batch: Uint8Array[] = [];
  let bytes = 0;
  for (let i = 0; i < N; i++) {
    const r = rand();
    const type = r < 0.45 ? 'Insert' : r < 0.8 ? 'Update' : r < 0.9 ? 'Delete' : ENTRY_TYPES[[0, 4, 5][Math.floor(rand() * 3)]!]!;
    const data = type === 'Insert' || type === 'Update'
      ? JSON.stringify({ i, name: randomId(rand, 8), note: 'x'.repeat(Math.floor(rand() * rand() * 1500)), n: Math.floor(rand() * 1e6) })
      : null;
    const e = encodeBinaryEntry(createEntry({
      entryType: type, transactionId: randomId(rand, 32), collection: ['users', 'orders', 'events'][Math.floor(rand() * 3)]!,
      documentId: `doc-${Math.floor(rand() * 20_000)}`, timestamp: 1_732_400_000_000n + BigInt(i * 37), data,
    }));
    batch.push(e);
    bytes += e.length;
    if (bytes > 8 << 20) {
      fs.writeSync(fd, Buffer.concat(batch));
      batch = [];
      bytes = 0;
    }
  }
  fs.writeSync(fd, Buffer.concat(batch));
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
}


const mib = (n: number) => (n / 1048576).toFixed(0);

async function main(): Promise<void> {
  const tg = performance.now();
  generate();
  const size = fs.statSync(file).size;
  console.log(`file: ${file} — ${N} entries, ${mib(size)} MiB (generated/reused in ${((performance.now() - tg) / 1000).toFixed(1)} s)`);
  const rss0 = process.memoryUsage().rss;
  const service = createInspectorService();
  const api = service.api;
  let doneAt = 0;
  service.onEvent((e) => {
    if (e.type === 'index.done') doneAt = performance.now();
  });

  const t0 = performance.now();
  const opened = await api.session.open({ path: file });
  if (!opened.ok) throw new Error(opened.error.message);
  const sid = opened.value.session_id;
  const tOpen = performance.now() - t0;
  let firstRows: number;
  for (;;) {
    const p = await api.rows.page({ session_id: sid, offset: 0, limit: 100 });
    if (p.ok && p.value.rows.length > 0) {
      firstRows = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  while (!doneAt) await new Promise((r) => setTimeout(r, 5));
  const indexMs = doneAt - t0;
  const rssIndexed = process.memoryUsage().rss;
  // The indexing worker is gone once indexing is done (nobody follows): let its memory go back.
  await new Promise((r) => setTimeout(r, 1500));
  (globalThis as { gc?: () => void }).gc?.();
  const rssSettled = process.memoryUsage().rss;
  const crcMs = readAndCrcMsOf(file);

  const time = async (label: string, filter?: RowFilter, sort?: RowSort) => {
    const t = performance.now();
    const r = await api.rows.page({ session_id: sid, offset: 0, limit: 100, ...(filter ? { filter } : {}), ...(sort ? { sort } : {}) });
    const ms = performance.now() - t;
    if (!r.ok) throw new Error(r.error.message);
    const t2 = performance.now();
    await api.rows.page({ session_id: sid, offset: 5000, limit: 100, ...(filter ? { filter } : {}), ...(sort ? { sort } : {}) });
    console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  (${r.value.total} rows; next page ${(performance.now() - t2).toFixed(1)} ms)`);
    return ms;
  };

  console.log(`session.open resolved          ${tOpen.toFixed(0)} ms`);
  console.log(`first page of rows after open  ${firstRows.toFixed(0)} ms   (target < 1000 ms)`);
  console.log(`whole log indexed              ${indexMs.toFixed(0)} ms  = ${(N / (indexMs / 1000) / 1e6).toFixed(2)} M entries/s, ${(size / 1048576 / (indexMs / 1000)).toFixed(0)} MiB/s`);
  console.log(`baseline: read + zlib.crc32    ${crcMs.toFixed(0)} ms  → indexing takes ${(indexMs / crcMs).toFixed(2)}× the read-and-CRC floor`);
  console.log('filters and sorts over all rows (first call, uncached):');
  const filters: number[] = [];
  filters.push(await time('types=Insert', { types: ['Insert'] }));
  filters.push(await time('collection=orders', { collection: 'orders' }));
  filters.push(await time('document_id=doc-4242', { document_id: 'doc-4242' }));
  filters.push(await time('types=Delete,Update + collection=users', { types: ['Delete', 'Update'], collection: 'users' }));
  filters.push(await time('time range (middle third)', { time_from: 1_732_400_000_000 + N * 12, time_to: 1_732_400_000_000 + N * 24 }));
  filters.push(await time('damage only', { damage: 'only' }));
  await time('sort time desc', undefined, { key: 'time', direction: 'desc' });
  await time('sort size', undefined, { key: 'size' });
  await time('sort document', undefined, { key: 'document' });
  await time('filter Insert + sort size desc', { types: ['Insert'] }, { key: 'size', direction: 'desc' });
  await time('text in data "name":"abc (reads payloads)', { text: '"name":"abc' });
  const tt = performance.now();
  await api.timeline.get({ session_id: sid, bucket_count: 500 });
  console.log(`  ${'timeline 500 buckets'.padEnd(44)} ${(performance.now() - tt).toFixed(0).padStart(6)} ms`);
  const ts = performance.now();
  const tx = await api.transactions.list({ session_id: sid, status: ['single-entry'], limit: 100 });
  console.log(`  ${'transactions (1M groups)'.padEnd(44)} ${(performance.now() - ts).toFixed(0).padStart(6)} ms  (${tx.ok ? tx.value.total : '?'} groups)`);
  const tst = performance.now();
  await api.stats.get({ session_id: sid });
  console.log(`  ${'stats'.padEnd(44)} ${(performance.now() - tst).toFixed(0).padStart(6)} ms`);
  const e = performance.now();
  await api.entry.get({ session_id: sid, row: Math.floor(N / 2) });
  console.log(`  ${'entry.get (middle row)'.padEnd(44)} ${(performance.now() - e).toFixed(1).padStart(6)} ms`);
  const mem = process.memoryUsage();
  console.log(`RSS: before open ${mib(rss0)} MiB; when indexing ended ${mib(rssIndexed)} MiB; 1.5 s later ${mib(rssSettled)} MiB; after the queries ${mib(mem.rss)} MiB (heap ${mib(mem.heapUsed)} MiB, array buffers ${mib(mem.arrayBuffers)} MiB)`);
  console.log(`worst indexed filter: ${Math.max(...filters).toFixed(0)} ms (target < 300 ms)`);
  await service.close();
}

await main();
