/**
 * Run by session-memory.test.ts in a process of its own (no --expose-gc): the resident memory
 * before a session opens, once its log was indexed and browsed, and after it closed. Prints one
 * JSON line. Args: <small log> <big log>.
 */
import { createInspectorService } from '../../../../core/inspector/service.js';

const [small, big] = process.argv.slice(2) as [string, string];
const service = createInspectorService({ recentFile: null, log: () => undefined });
const mib = () => process.memoryUsage().rss / 2 ** 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call<T>(op: string, args: object): Promise<T> {
  const r = (await service.call(op as never, args as never)) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Opens, indexes and browses a log as the app does: sorts, a text search, the transactions. */
async function browse(file: string): Promise<string> {
  const { session_id } = await call<{ session_id: string }>('session.open', { path: file });
  for (;;) {
    const info = await call<{ progress: { complete: boolean } }>('session.info', { session_id });
    if (info.progress.complete) break;
    await sleep(100);
  }
  for (const key of ['size', 'document', 'time']) await call('rows.page', { session_id, offset: 0, limit: 200, filter: {}, sort: { key, direction: 'asc' } });
  await call('rows.page', { session_id, offset: 0, limit: 200, filter: { text: '"i":0001' }, sort: { key: 'file' } });
  await call('transactions.page', { session_id, offset: 0, limit: 100, sort: { key: 'size', direction: 'desc' } });
  return session_id;
}

// The code every step runs is loaded (and its threads started and stopped) before measuring.
await call('session.close', { session_id: await browse(small) });
await sleep(1000);
const before = mib();
const id = await browse(big);
const browsed = mib();
await call('session.close', { session_id: id });
await sleep(2500);
const closed = mib();
await service.close();
console.log(JSON.stringify({ before, browsed, closed }));
