/**
 * The bundled demo store: a small Sentinel store of three collections. `users` (below) holds
 * standalone operations, committed / rolled-back / unfinished transactions, two rotated
 * zstd-compressed segments and two damaged ranges in the active segment; its documents lag
 * the log (a crash before the last writes), so verify has findings and a safe recovery has
 * work to do. `orders` (JSON Lines) and `events` (LZ4-rotated, write mode warn) come from
 * demo-collections.ts. Deterministic: the same bytes every time (fixed ids and clocks).
 * Run: npx tsx scripts/make-demo-store.ts <dir>   (the directory must not exist)
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBlake3, parseJson } from '../core/json/index.js';
import { newDocument, renderDocument } from '../core/store/index.js';
import type { EntryType } from '../core/wal/entry-type.js';
import { type LogEntry } from '../core/wal/log-entry.js';
import { createEntry } from '../core/wal/new-entry.js';
import { readLog } from '../core/wal/read-log.js';
import { locateLog } from '../core/wal/log-location.js';
import { WalWriter } from '../core/wal/writer/index.js';
import { makeDemoCollections, writeCollectionMetadata } from './demo-collections.js';

export const DEMO_COLLECTION = 'users';
const T0 = 1_732_400_000_000;
const FIXED_NOW = '2024-11-24T00:00:00.000000000Z';
const NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj', 'Olivia', 'Peggy', 'Rupert', 'Sybil'];

/** A 32-character transaction id, deterministic (cuid2-like: lower case letters and digits). */
function txId(n: number): string {
  return `demo${n.toString(36).padStart(6, '0')}`.padEnd(32, 'x');
}

interface Op { type: EntryType; doc: string; tx: number; data?: object }

/** The story the log tells, in order. */
function story(): Op[] {
  const ops: Op[] = [];
  let tx = 1;
  for (let i = 0; i < 48; i++) {
    const name = NAMES[i % NAMES.length]!;
    ops.push({ type: 'Insert', doc: `u-${String(i).padStart(3, '0')}`, tx: tx++, data: { name: `${name} ${i}`, age: 20 + ((i * 7) % 50), city: ['Lyon', 'Oslo', 'Kyoto', 'Lima'][i % 4], active: true } });
    if (i % 5 === 4) ops.push({ type: 'Update', doc: `u-${String(i - 2).padStart(3, '0')}`, tx: tx++, data: { name: `${NAMES[(i - 2) % NAMES.length]} ${i - 2}`, age: 30 + i, city: 'Paris', active: true, tags: ['moved'] } });
    if (i % 11 === 10) ops.push({ type: 'Delete', doc: `u-${String(i - 5).padStart(3, '0')}`, tx: tx++ });
    if (i === 20) {
      const t = tx++;
      ops.push({ type: 'Begin', doc: 'transaction', tx: t }, { type: 'Insert', doc: 'order-1', tx: t, data: { user: 'u-003', total: 140.48, items: [{ sku: 'A-1', qty: 2, price: 9.99 }] } },
        { type: 'Update', doc: 'u-003', tx: t, data: { name: 'Dave 3', age: 41, city: 'Kyoto', active: true, orders: 1 } }, { type: 'Commit', doc: 'transaction', tx: t });
    }
    if (i === 30) {
      const t = tx++;
      ops.push({ type: 'Begin', doc: 'transaction', tx: t }, { type: 'Insert', doc: 'order-2', tx: t, data: { user: 'u-007', total: 12.5 } }, { type: 'Rollback', doc: 'transaction', tx: t });
    }
  }
  const open = tx;
  ops.push({ type: 'Begin', doc: 'transaction', tx: open }, { type: 'Insert', doc: 'order-3', tx: open, data: { user: 'u-010', total: 99.0 } });
  return ops;
}

function entriesOf(ops: readonly Op[]): LogEntry[] {
  return ops.map((op, i) => createEntry({
    entryType: op.type, transactionId: txId(op.tx), collection: DEMO_COLLECTION, documentId: op.doc,
    timestamp: BigInt(T0 + i * 61_000 + (i % 7) * 1_300), data: op.data ? JSON.stringify(op.data) : null,
  }));
}

/** Damage in the active segment: one flipped byte in an entry's data (CRC mismatch), 40 stray bytes between two entries. */
async function damageActive(walDir: string): Promise<void> {
  const file = path.join(walDir, 'transactions.wal');
  const offsets: { offset: number; length: number }[] = [];
  for await (const r of readLog(await locateLog(file))) if (r.kind === 'entry') offsets.push({ offset: r.offset, length: r.length });
  const bytes = await fs.readFile(file);
  const flip = offsets[4]!;
  const at = flip.offset + flip.length - 12;
  bytes[at] = bytes[at]! ^ 0x20;
  const cut = offsets[10]!.offset;
  const stray = Buffer.from(Array.from({ length: 40 }, (_, i) => (0x9e + i * 37) & 0xff));
  await fs.writeFile(file, Buffer.concat([bytes.subarray(0, cut), stray, bytes.subarray(cut)]));
}

/** Documents as a store that crashed before the last writes would have them. */
async function writeDocuments(collectionDir: string, ops: readonly Op[]): Promise<void> {
  await initBlake3();
  const state = new Map<string, object>();
  const committed = ops.slice(0, ops.length - 14);
  for (const op of committed) {
    if (op.tx === 0 || op.type === 'Begin' || op.type === 'Commit' || op.type === 'Rollback') continue;
    if (op.doc === 'order-2') continue; // rolled back
    if (op.type === 'Delete') state.delete(op.doc);
    else if (op.data) state.set(op.doc, op.data);
  }
  state.set('u-001', { name: 'Bob 1', age: 99, city: 'Nowhere', active: false }); // differs from the log
  state.set('stray-1', { note: 'a document the log never mentions' });
  for (const [id, data] of [...state.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const parsed = parseJson(JSON.stringify(data));
    if (!parsed.ok) throw new Error(`demo data for ${id} is not JSON`);
    await fs.writeFile(path.join(collectionDir, `${id}.json`), renderDocument(newDocument(id, parsed.value, FIXED_NOW)));
  }
}

export async function makeDemoStore(root: string): Promise<{ root: string; collectionDir: string }> {
  const collectionDir = path.join(root, 'data', DEMO_COLLECTION);
  const walDir = path.join(collectionDir, '.wal');
  await fs.mkdir(root, { recursive: false });
  await fs.mkdir(walDir, { recursive: true });
  const ops = story();
  let tick = T0;
  const writer = await WalWriter.open(walDir, { maxRecordsPerFile: 28, compression: 'zstd', format: 'binary' }, { clock: () => (tick += 7_000) });
  for (const e of entriesOf(ops)) await writer.append(e);
  await writer.close();
  const failures = await writer.flushBackground().catch(() => []);
  if (failures.length > 0) throw failures[0];
  await damageActive(walDir);
  await writeDocuments(collectionDir, ops);
  await writeCollectionMetadata(collectionDir, DEMO_COLLECTION, 0, { maxRecordsPerFile: 28 });
  await makeDemoCollections(root);
  await fs.writeFile(path.join(root, '.store.json'), JSON.stringify({ name: 'demo', created_at: FIXED_NOW }, null, 2));
  return { root, collectionDir };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir || dir.startsWith('-')) {
    process.stderr.write('usage: npx tsx scripts/make-demo-store.ts <new directory>\n');
    process.exit(2);
  }
  const made = await makeDemoStore(path.resolve(dir));
  process.stdout.write(`${made.root}\n`);
}
