/**
 * Builds real Sentinel stores in os.tmpdir() for tests: documents as Sentinel writes them and a
 * binary WAL as the original's serializer writes it. Not a test file itself.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { initBlake3, parseJson, type JsonValue } from '../../../core/json/index.js';
import { renderDocument } from '../../../core/store/document-file.js';
import { newDocument } from '../../../core/store/document-transition.js';
import { MemoryCollection } from '../../../core/store/memory-collection.js';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import type { EntryType } from '../../../core/wal/entry-type.js';
import { type LogEntry } from '../../../core/wal/log-entry.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import type { DamageRecord, EntryRecord, WalRecord } from '../../../core/wal/records.js';

export interface EntrySpec {
  readonly type: EntryType;
  readonly doc: string;
  readonly data?: string | null;
  readonly tx?: string;
  readonly collection?: string;
}

let txCounter = 0;
/** A fresh 32-character transaction id (standalone entries each get one, as Sentinel writes them). */
export function freshTx(): string {
  return `tx${String(++txCounter).padStart(30, '0')}`;
}

export const ins = (doc: string, data: string | null = null, tx?: string): EntrySpec => ({ type: 'Insert', doc, data, ...(tx ? { tx } : {}) });
export const upd = (doc: string, data: string | null = null, tx?: string): EntrySpec => ({ type: 'Update', doc, data, ...(tx ? { tx } : {}) });
export const del = (doc: string, tx?: string, data: string | null = null): EntrySpec => ({ type: 'Delete', doc, data, ...(tx ? { tx } : {}) });
export const begin = (tx: string, doc = 'txn'): EntrySpec => ({ type: 'Begin', doc, tx });
export const commit = (tx: string, doc = 'txn'): EntrySpec => ({ type: 'Commit', doc, tx });
export const rollback = (tx: string, doc = 'txn'): EntrySpec => ({ type: 'Rollback', doc, tx });

export function toEntry(spec: EntrySpec, collection = 'users', timestamp = 1_732_400_000_000n): LogEntry {
  return createEntry({
    entryType: spec.type, transactionId: spec.tx ?? freshTx(), collection: spec.collection ?? collection,
    documentId: spec.doc, timestamp, data: spec.data ?? null,
  });
}

/** Records as the reader would give them for a one-segment log (offsets are the real ones). */
export function toRecords(specs: readonly (EntrySpec | LogEntry | 'damage')[], collection = 'users'): WalRecord[] {
  const out: WalRecord[] = [];
  let offset = 0;
  for (const s of specs) {
    if (s === 'damage') {
      const d: DamageRecord = { kind: 'damage', segment: 'transactions.wal', offset, length: 7, damage: 'crc-mismatch', detail: 'test damage' };
      out.push(d);
      offset += 7;
      continue;
    }
    const entry = 'entryType' in s ? s : toEntry(s, collection);
    const length = encodeBinaryEntry(entry).length;
    const r: EntryRecord = { kind: 'entry', segment: 'transactions.wal', offset, length, entry };
    out.push(r);
    offset += length;
  }
  return out;
}

export function walBytes(specs: readonly (EntrySpec | LogEntry)[], collection = 'users'): Uint8Array {
  return Buffer.concat(specs.map((s) => encodeBinaryEntry('entryType' in s ? s : toEntry(s, collection))));
}

export function json(text: string): JsonValue {
  const r = parseJson(text);
  if (!r.ok) throw new Error(`bad test JSON ${text}: ${r.message}`);
  return r.value;
}

export interface DocSpec {
  readonly data: string;
  readonly signature?: string;
}

export interface TestStore {
  readonly root: string;
  readonly storeDir: string;
  readonly collDir: string;
  readonly walDir: string;
  cleanup(): Promise<void>;
}

const FIXED_TIME = '2025-11-19T09:19:46.275205324Z';

export async function documentText(id: string, spec: string | DocSpec): Promise<string> {
  await initBlake3();
  const s = typeof spec === 'string' ? { data: spec } : spec;
  return renderDocument({ ...newDocument(id, json(s.data), FIXED_TIME), signature: s.signature ?? '' });
}

/** `<tmp>/store/data/<collection>/` with documents, `.deleted/` copies and `.wal/transactions.wal`. */
export async function makeStore(
  docs: Record<string, string | DocSpec>, entries: readonly (EntrySpec | LogEntry)[] | Uint8Array,
  options: { collection?: string; deleted?: Record<string, string>; walName?: string } = {},
): Promise<TestStore> {
  const collection = options.collection ?? 'users';
  const root = await mkdtemp(join(tmpdir(), 'wal-inspector-test-'));
  const storeDir = join(root, 'store');
  const collDir = join(storeDir, 'data', collection);
  const walDir = join(collDir, '.wal');
  await mkdir(walDir, { recursive: true });
  for (const [id, spec] of Object.entries(docs)) await writeFile(join(collDir, `${id}.json`), await documentText(id, spec));
  if (options.deleted) {
    await mkdir(join(collDir, '.deleted'));
    for (const [id, data] of Object.entries(options.deleted)) await writeFile(join(collDir, '.deleted', `${id}.json`), await documentText(id, data));
  }
  const bytes = entries instanceof Uint8Array ? entries : walBytes(entries, collection);
  await writeFile(join(walDir, options.walName ?? 'transactions.wal'), bytes);
  return { root, storeDir, collDir, walDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Live documents' data (`<id>.json` directly in the collection), as compact text for comparison. */
export async function liveData(collDir: string): Promise<Record<string, string>> {
  const { toCompactText } = await import('../../../core/json/index.js');
  const out: Record<string, string> = {};
  let names: string[];
  try {
    names = await readdir(collDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw err;
  }
  for (const name of names.sort()) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const doc = json(await readFile(join(collDir, name), 'utf8'));
    const data = (doc as { get(k: string): JsonValue | undefined }).get('data');
    out[name.slice(0, -5)] = toCompactText(data ?? null);
  }
  return out;
}

/** Soft-deleted documents' data (`.deleted/<id>.json`), as compact text; {} without `.deleted/`. */
export function deletedData(collDir: string): Promise<Record<string, string>> {
  return liveData(join(collDir, '.deleted'));
}

/** Every file under `dir` (recursively) → SHA-256 of its bytes, by relative path. */
export async function treeSnapshot(dir: string, options: { skip?: (rel: string) => boolean } = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(dir, p);
      if (options.skip?.(rel)) continue;
      if (e.isDirectory()) {
        out.set(rel + '/', 'dir');
        await walk(p);
      } else out.set(rel, createHash('sha256').update(await readFile(p)).digest('hex'));
    }
  };
  await walk(dir);
  return out;
}

/** A MemoryCollection holding the given documents (data as JSON text). */
export async function memoryStore(docs: Record<string, string | DocSpec>, collection = 'users'): Promise<MemoryCollection> {
  await initBlake3();
  return MemoryCollection.create(collection, {
    documents: Object.entries(docs).map(([id, spec]) => {
      const s = typeof spec === 'string' ? { data: spec } : spec;
      return { ...newDocument(id, json(s.data), FIXED_TIME), signature: s.signature ?? '' };
    }),
  });
}
