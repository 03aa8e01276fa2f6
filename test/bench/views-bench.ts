/**
 * The inspector service's views at scale, in process, on a generated log of realistic
 * transactions (generate-tx-log.ts): Transactions first open (the grouping built, then a first
 * page) and each of its sorts, each rows.page sort over all rows, and text search throughput.
 * Each figure is set beside reading the same file once in the same run (STYLE rule 9).
 * Not a test. Run: npx tsx test/bench/views-bench.ts [entries=1000000]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InspectorApi, RowSort } from '../../core/contract/contract.js';
import { createInspectorService } from '../../core/inspector/service.js';
import { generateTxLog } from './generate-tx-log.js';

const N = Number(process.argv[2] ?? 1_000_000);
const file = path.join(os.tmpdir(), `wal-inspector-views-bench-${N}.wal`);
const made = generateTxLog(file, N);
const size = fs.statSync(file).size;

function readMs(): number {
  const t = performance.now();
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  for (let pos = 0; ; ) {
    const n = fs.readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    pos += n;
  }
  fs.closeSync(fd);
  return performance.now() - t;
}

const cpuMs: number[] = [];
async function timed<T>(f: () => Promise<{ ok: boolean; value?: T; error?: unknown }>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const o = await f();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  cpuMs.push(Math.round((used.user + used.system) / 1000));
  if (!o.ok) throw new Error(JSON.stringify(o.error));
  return { ms, value: o.value as T };
}

const service = createInspectorService({});
const api: InspectorApi = service.api;
const opened = await api.session.open({ path: file });
if (!opened.ok) throw new Error(opened.error.message);
const session_id = opened.value.session_id;
const done = new Promise<void>((resolve) => api.onEvent((e) => { if (e.type === 'index.done' && e.session_id === session_id) resolve(); }));
await done;
const read = readMs();
console.log(`log: ${N} entries, ${made.transactions} transactions, ${(size / 2 ** 20).toFixed(0)} MiB; read once ${read.toFixed(0)} ms`);

const report: Record<string, unknown> = { entries: N, transactions: made.transactions, bytes: size, read_ms: Math.round(read) };
for (const key of ['time', 'type', 'collection', 'document', 'size'] as const) {
  for (const direction of ['asc', 'desc'] as const) {
    const sort: RowSort = { key, direction };
    const r = await timed(() => api.rows.page({ session_id, offset: 0, limit: 200, sort }));
    report[`rows_sort_${key}_${direction}_ms`] = Math.round(r.ms);
  }
}

for (const text of ['user-77', 'no such text anywhere']) {
  const r = await timed(() => api.rows.page({ session_id, offset: 0, limit: 200, filter: { text } }));
  report[`text_${text.replace(/\W+/g, '_')}_ms`] = Math.round(r.ms);
  report[`text_${text.replace(/\W+/g, '_')}_gb_per_s`] = Number((size / 1e9 / (r.ms / 1000)).toFixed(2));
  report[`text_${text.replace(/\W+/g, '_')}_vs_read`] = Number((r.ms / read).toFixed(2));
}
const hasPage = 'page' in api.transactions;
if (hasPage) {
  const page = (api.transactions as unknown as { page: InspectorApi['transactions']['list'] });
  const first = await timed(() => (page.page as never as (a: object) => ReturnType<InspectorApi['transactions']['list']>)({ session_id, offset: 0, limit: 100 }));
  report.transactions_first_open_ms = Math.round(first.ms);
  for (const key of ['time', 'size', 'entries', 'status']) {
    for (const direction of ['asc', 'desc']) {
      const r = await timed(() => (page.page as never as (a: object) => ReturnType<InspectorApi['transactions']['list']>)({ session_id, offset: 0, limit: 100, sort: { key, direction } }));
      report[`transactions_sort_${key}_${direction}_ms`] = Math.round(r.ms);
    }
  }
  const search = await timed(() => (page.page as never as (a: object) => ReturnType<InspectorApi['transactions']['list']>)({ session_id, offset: 0, limit: 100, id_prefix: 't0000000000000000000000001' }));
  report.transactions_id_prefix_first_ms = Math.round(search.ms);
  const search2 = await timed(() => (page.page as never as (a: object) => ReturnType<InspectorApi['transactions']['list']>)({ session_id, offset: 0, limit: 100, id_prefix: 't00000000000000000000000002' }));
  report.transactions_id_prefix_next_ms = Math.round(search2.ms);
} else {
  const first = await timed(() => api.transactions.list({ session_id, offset: 0, limit: 500 }));
  report.transactions_list_first_ms = Math.round(first.ms);
}

report.cpu_ms_per_call_in_order = cpuMs;
report.load_average = (await import('node:os')).loadavg().map((l) => Number(l.toFixed(1)));
report.rss_mib = Math.round(process.memoryUsage().rss / 2 ** 20);
console.log(JSON.stringify(report, null, 2));
await api.session.close({ session_id });
await service.close?.();
process.exit(0);
