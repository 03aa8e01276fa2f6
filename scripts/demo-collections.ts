/**
 * The demo store's second and third collections, so that a store of several collections is
 * what the app and `stats|verify|recover <demo>` show on first start:
 *   orders  JSON Lines, rotated uncompressed every 12 records; one document edited by hand (ord-005)
 *           (its hash no longer matches), one deleted with its last copy in .deleted/
 *   events  binary, rotated LZ4 segments every 16 records, WAL write mode warn: two documents
 *           the log never mentions (expected in that mode), one signed document (no key kept)
 * Deterministic: fixed ids, clocks and data.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseJson } from '../core/json/index.js';
import { renderCollectionMetadata, SENTINEL_WAL_DEFAULTS, type CollectionWalSettings } from '../core/store/collection-metadata.js';
import { newDocument, renderDocument } from '../core/store/index.js';
import type { EntryType } from '../core/wal/entry-type.js';
import { createEntry } from '../core/wal/new-entry.js';
import { WalWriter } from '../core/wal/writer/index.js';

const T0 = 1_732_400_000_000;
const FIXED_NOW = '2024-11-24T00:00:00.000000000Z';
const CREATED_SECS = 1_732_400_000;

interface Op { type: EntryType; doc: string; data?: object }

function txId(prefix: string, n: number): string {
  return `${prefix}${n.toString(36).padStart(6, '0')}`.padEnd(32, 'x');
}

function orderOps(): Op[] {
  const ops: Op[] = [];
  for (let i = 1; i <= 24; i++) {
    ops.push({ type: 'Insert', doc: `ord-${String(i).padStart(3, '0')}`, data: { user: `u-${String((i * 5) % 48).padStart(3, '0')}`, total: `${(i * 13.37).toFixed(2)}`, status: 'new' } });
    if (i % 4 === 0) ops.push({ type: 'Update', doc: `ord-${String(i - 1).padStart(3, '0')}`, data: { user: `u-${String(((i - 1) * 5) % 48).padStart(3, '0')}`, total: `${((i - 1) * 13.37).toFixed(2)}`, status: 'shipped' } });
  }
  ops.push({ type: 'Delete', doc: 'ord-010' });
  return ops;
}

function eventOps(): Op[] {
  return Array.from({ length: 40 }, (_, i) => ({ type: 'Insert' as const, doc: `ev-${String(i).padStart(3, '0')}`, data: { kind: ['login', 'logout', 'view', 'click'][i % 4], user: `u-${String(i % 48).padStart(3, '0')}` } }));
}

/** Each op's final state, in the order the log leaves it. */
function finalState(ops: readonly Op[]): Map<string, object> {
  const state = new Map<string, object>();
  for (const op of ops) {
    if (op.type === 'Delete') state.delete(op.doc);
    else if (op.data) state.set(op.doc, op.data);
  }
  return state;
}

async function writeLog(walDir: string, collection: string, ops: readonly Op[], config: { format: 'binary' | 'jsonl'; compression: 'none' | 'lz4'; maxRecordsPerFile: number }, offsetMs: number, txPrefix: string): Promise<void> {
  let tick = T0 + offsetMs;
  const writer = await WalWriter.open(walDir, config, { clock: () => (tick += 9_000) });
  for (const [i, op] of ops.entries()) {
    await writer.append(createEntry({
      entryType: op.type, transactionId: txId(txPrefix, i + 1), collection, documentId: op.doc,
      // Interleaved with the users collection's entries (61 s apart), so a merged view merges.
      timestamp: BigInt(T0 + offsetMs + i * 97_000), data: op.data ? JSON.stringify(op.data) : null,
    }));
  }
  await writer.close();
  const failures = await writer.flushBackground().catch(() => []);
  if (failures.length > 0) throw failures[0];
}

async function writeDocument(dir: string, id: string, data: object, signature = ''): Promise<void> {
  const parsed = parseJson(JSON.stringify(data));
  if (!parsed.ok) throw new Error(`demo data for ${id} is not JSON`);
  await fs.writeFile(path.join(dir, `${id}.json`), renderDocument({ ...newDocument(id, parsed.value, FIXED_NOW), signature }));
}

export async function writeCollectionMetadata(dir: string, name: string, documentCount: number, wal: Partial<CollectionWalSettings>): Promise<void> {
  await fs.writeFile(path.join(dir, '.metadata.json'), renderCollectionMetadata({
    name, createdAt: CREATED_SECS, updatedAt: CREATED_SECS + 3_600, documentCount, totalSizeBytes: 0, wal: { ...SENTINEL_WAL_DEFAULTS, ...wal },
  }));
}

/** Adds `orders` and `events` to the demo store at `root` (blake3 must be initialised). */
export async function makeDemoCollections(root: string): Promise<void> {
  const orders = path.join(root, 'data', 'orders');
  const orderLog = orderOps();
  await writeLog(path.join(orders, '.wal'), 'orders', orderLog, { format: 'jsonl', compression: 'none', maxRecordsPerFile: 12 }, 17_000, 'demoord');
  const orderState = finalState(orderLog);
  for (const [id, data] of [...orderState.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) await writeDocument(orders, id, data);
  // Edited by hand after Sentinel wrote it: the hash stays the old data's.
  const edited = path.join(orders, 'ord-005.json');
  await fs.writeFile(edited, (await fs.readFile(edited, 'utf8')).replace('"status": "new"', '"status": "refunded"'));
  await fs.mkdir(path.join(orders, '.deleted'));
  await writeDocument(path.join(orders, '.deleted'), 'ord-010', orderLog.find((op) => op.doc === 'ord-010' && op.type === 'Insert')!.data!);
  await writeCollectionMetadata(orders, 'orders', orderState.size, { format: 'jsonl', compression: 'none', maxRecordsPerFile: 12 });

  const events = path.join(root, 'data', 'events');
  const eventLog = eventOps();
  await writeLog(path.join(events, '.wal'), 'events', eventLog, { format: 'binary', compression: 'lz4', maxRecordsPerFile: 16 }, 41_000, 'demoevt');
  const eventState = finalState(eventLog);
  for (const [id, data] of [...eventState.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await writeDocument(events, id, data, id === 'ev-000' ? 'a1'.repeat(64) : '');
  }
  // Written while the log append failed: write mode warn keeps the document, unlogged.
  await writeDocument(events, 'ev-unlogged-1', { kind: 'import', note: 'written while the WAL was unavailable' });
  await writeDocument(events, 'ev-unlogged-2', { kind: 'import', note: 'written while the WAL was unavailable' });
  await writeCollectionMetadata(events, 'events', eventState.size + 2, { compression: 'lz4', maxRecordsPerFile: 16, writeMode: 'warn' });
}
