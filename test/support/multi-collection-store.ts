/**
 * A Sentinel store of several collections for store-wide tests, in os.tmpdir():
 *   accounts  binary, rotated zstd segments + active, documents in step with the log, one edited by hand
 *   events    JSON Lines (lz4 rotation configured), write mode warn, a document the log never mentions
 *   logs      an empty log (empty transactions.wal), write mode disabled, two unlogged documents
 *   orders    binary, damaged (one flipped byte), documents behind the log, a soft-deleted copy
 *   .keys     system collection: the store's (encrypted) signing key, written through its WAL
 * Timestamps interleave across collections so a merged dump has something to merge.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { initBlake3, parseJson } from '../../core/json/index.js';
import { renderCollectionMetadata, SENTINEL_WAL_DEFAULTS, type CollectionWalSettings } from '../../core/store/collection-metadata.js';
import { newDocument, renderDocument } from '../../core/store/index.js';
import type { EntryType } from '../../core/wal/entry-type.js';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { encodeJsonlEntry } from '../../core/wal/jsonl-codec.js';
import { createEntry } from '../../core/wal/new-entry.js';
import type { LogEntry } from '../../core/wal/log-entry.js';
import { WalWriter } from '../../core/wal/writer/index.js';

export const STORE_COLLECTIONS = ['.keys', 'accounts', 'events', 'logs', 'orders'] as const;
const T0 = 1_732_500_000_000n;
const NOW = '2024-11-25T00:00:00.000000000Z';

interface Op { type: EntryType; doc: string; data?: object; at: number }

let tx = 0;
function entry(collection: string, op: Op): LogEntry {
  return createEntry({
    entryType: op.type, transactionId: `st${String(++tx).padStart(30, '0')}`, collection, documentId: op.doc,
    timestamp: T0 + BigInt(op.at) * 1000n, data: op.data ? JSON.stringify(op.data) : null,
  });
}

async function writeDocs(dir: string, docs: Record<string, object>): Promise<void> {
  await initBlake3();
  for (const [id, data] of Object.entries(docs)) {
    const parsed = parseJson(JSON.stringify(data));
    if (!parsed.ok) throw new Error(id);
    await fs.writeFile(path.join(dir, `${id}.json`), renderDocument(newDocument(id, parsed.value, NOW)));
  }
}

async function metadata(dir: string, name: string, wal: Partial<CollectionWalSettings>): Promise<void> {
  await fs.writeFile(path.join(dir, '.metadata.json'), renderCollectionMetadata({
    name, createdAt: 1_732_500_000, updatedAt: 1_732_500_100, documentCount: 0, totalSizeBytes: 0, wal: { ...SENTINEL_WAL_DEFAULTS, ...wal },
  }));
}

export interface MultiStore {
  readonly root: string;
  collectionDir(name: string): string;
  cleanup(): Promise<void>;
}

export async function makeMultiCollectionStore(): Promise<MultiStore> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'wal-inspector-store-'));
  const root = path.join(base, 'store');
  const dir = (name: string) => path.join(root, 'data', name);
  for (const name of STORE_COLLECTIONS) await fs.mkdir(path.join(dir(name), '.wal'), { recursive: true });
  await fs.writeFile(path.join(root, '.store.json'), '{"name":"multi"}');

  // accounts: 9 entries through the writer, rotating every 4 into zstd segments.
  const accounts: Op[] = Array.from({ length: 8 }, (_, i) => ({ type: 'Insert' as const, doc: `acc-${i}`, data: { n: i }, at: 2 * i }));
  accounts.push({ type: 'Update', doc: 'acc-1', data: { n: 10 }, at: 17 });
  let tick = 1_732_500_000_000;
  const writer = await WalWriter.open(path.join(dir('accounts'), '.wal'), { maxRecordsPerFile: 4, compression: 'zstd', format: 'binary' }, { clock: () => (tick += 5_000) });
  for (const op of accounts) await writer.append(entry('accounts', op));
  await writer.close();
  const failures = await writer.flushBackground().catch(() => []);
  if (failures.length > 0) throw failures[0];
  await writeDocs(dir('accounts'), Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`acc-${i}`, { n: i === 1 ? 10 : i }])));
  const edited = path.join(dir('accounts'), 'acc-5.json');
  await fs.writeFile(edited, (await fs.readFile(edited, 'utf8')).replace('"n": 5', '"n": 55'));
  await metadata(dir('accounts'), 'accounts', { maxRecordsPerFile: 4 });

  // events: JSON Lines, write mode warn.
  const events: Op[] = [{ type: 'Insert', doc: 'ev-1', data: { kind: 'login' }, at: 1 }, { type: 'Insert', doc: 'ev-2', data: { kind: 'logout' }, at: 5 }, { type: 'Delete', doc: 'ev-1', at: 9 }];
  await fs.writeFile(path.join(dir('events'), '.wal', 'transactions.wal'), events.map((op) => encodeJsonlEntry(entry('events', op))).join(''));
  await writeDocs(dir('events'), { 'ev-2': { kind: 'logout' }, 'ev-unlogged': { kind: 'manual' } });
  await metadata(dir('events'), 'events', { format: 'jsonl', compression: 'lz4', writeMode: 'warn' });

  // logs: nothing logged (write mode disabled), documents all the same.
  await fs.writeFile(path.join(dir('logs'), '.wal', 'transactions.wal'), '');
  await writeDocs(dir('logs'), { 'l-1': { line: 1 }, 'l-2': { line: 2 } });
  await metadata(dir('logs'), 'logs', { writeMode: 'disabled', compression: 'none' });

  // orders: damaged; the disk holds the first two inserts only; o-3 deleted, its copy in .deleted/.
  const orders: Op[] = [
    { type: 'Insert', doc: 'o-1', data: { total: 1 }, at: 3 }, { type: 'Insert', doc: 'o-2', data: { total: 2 }, at: 4 },
    { type: 'Insert', doc: 'o-3', data: { total: 3 }, at: 6 }, { type: 'Delete', doc: 'o-3', at: 7 },
    { type: 'Insert', doc: 'o-4', data: { total: 4 }, at: 8 }, { type: 'Insert', doc: 'o-5', data: { total: 5 }, at: 11 },
  ];
  const bytes = Buffer.concat(orders.map((op) => encodeBinaryEntry(entry('orders', op))));
  const last = encodeBinaryEntry(entry('orders', { type: 'Insert', doc: 'o-6', data: { total: 6 }, at: 12 }));
  last[last.length - 8] = last[last.length - 8]! ^ 0x10; // inside its data: a CRC mismatch
  await fs.writeFile(path.join(dir('orders'), '.wal', 'transactions.wal'), Buffer.concat([bytes, last]));
  await writeDocs(dir('orders'), { 'o-1': { total: 1 }, 'o-2': { total: 2 } });
  await fs.mkdir(path.join(dir('orders'), '.deleted'));
  await writeDocs(path.join(dir('orders'), '.deleted'), { 'o-3': { total: 3 } });

  // .keys: the signing key document, as Sentinel's store creation writes it.
  const key = { encrypted: 'ab'.repeat(40), salt: 'cd'.repeat(16) };
  await fs.writeFile(path.join(dir('.keys'), '.wal', 'transactions.wal'), encodeBinaryEntry(entry('.keys', { type: 'Insert', doc: 'signing_key', data: key, at: 0 })));
  await writeDocs(dir('.keys'), { signing_key: key });

  return { root, collectionDir: dir, cleanup: () => fs.rm(base, { recursive: true, force: true }) };
}
