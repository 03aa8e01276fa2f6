import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { documentHashSync, initBlake3 } from '../json/index.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { DELETED_DIR, FsCollection } from './fs-collection.js';
import { isValidDocumentId } from './names.js';

/** Where Sentinel keeps a store's signing key: the document `signing_key` of the system collection `.keys`. */
export const KEYS_COLLECTION = '.keys';
export const SIGNING_KEY_DOCUMENT = 'signing_key';

/** Listed at most; the counts say how many there are. */
const MAX_LISTED = 1000;

export interface HashMismatch {
  readonly documentId: string;
  /** The `hash` field of the file ('' when it has none). */
  readonly stored: string;
  /** BLAKE3 of the compact text of its `data`. */
  readonly computed: string;
}

/**
 * Why signatures were or were not checked. Sentinel keeps only the secret signing key, encrypted
 * with a key derived from the store's passphrase (`.keys/signing_key.json`: `{encrypted, salt}`);
 * it never writes a verifying key, so without the passphrase no signature can be checked.
 */
export type SignatureStatus =
  | { readonly kind: 'none-signed' }
  | { readonly kind: 'key-encrypted'; readonly signed: number; readonly keyFile: string }
  | { readonly kind: 'no-key'; readonly signed: number; readonly keyFile: string | null };

export interface DocumentChecks {
  /** Live documents read (`<id>.json` with a valid id). */
  readonly checked: number;
  readonly hashMismatchCount: number;
  /** The first MAX_LISTED, in id order. */
  readonly hashMismatches: readonly HashMismatch[];
  /** Files that are not a document Sentinel can read (verify's own rules report those the log names). */
  readonly unreadable: number;
  readonly signatures: SignatureStatus;
  /** Ids with a copy in `.deleted/`. */
  readonly deletedCopies: ReadonlySet<string>;
}

async function deletedIds(dir: string): Promise<Set<string>> {
  const names = await fs.readdir(path.join(dir, DELETED_DIR), { withFileTypes: true }).catch(() => []);
  const out = new Set<string>();
  for (const e of names) {
    if (e.isFile() && e.name.endsWith('.json') && isValidDocumentId(e.name.slice(0, -5))) out.add(e.name.slice(0, -5));
  }
  return out;
}

/** The store root of a collection directory (`<store>/data/<collection>`), or null when it is not inside one. */
export function storeRootOf(collectionDir: string): string | null {
  const parent = path.dirname(path.resolve(collectionDir));
  return path.basename(parent) === 'data' ? path.dirname(parent) : null;
}

async function signatureStatus(collectionDir: string, signed: number): Promise<SignatureStatus> {
  if (signed === 0) return { kind: 'none-signed' };
  const root = storeRootOf(collectionDir);
  const keyFile = root === null ? null : path.join(root, 'data', KEYS_COLLECTION, `${SIGNING_KEY_DOCUMENT}.json`);
  const present = keyFile !== null && (await fs.stat(keyFile).then((s) => s.isFile(), () => false));
  return present ? { kind: 'key-encrypted', signed, keyFile: keyFile! } : { kind: 'no-key', signed, keyFile };
}

/**
 * Reads every live document of a collection once and checks its `hash` against its data (a
 * mismatch: the file was changed outside Sentinel), counts signed documents, and lists the
 * copies kept in `.deleted/`. Reads only; holds the mismatches listed, not the documents.
 */
export async function checkDocuments(collectionDir: string, options: { signal?: AbortSignal; concurrency?: number } = {}): Promise<DocumentChecks> {
  await initBlake3();
  const collection = await FsCollection.open(collectionDir);
  const ids = await collection.listDocumentIds().catch(() => [] as string[]);
  const mismatches: HashMismatch[] = [];
  let mismatchCount = 0;
  let unreadable = 0;
  let signed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      throwIfAborted(options.signal, 'checking documents');
      const id = ids[next++]!;
      const read = await collection.getDocument(id);
      if (!read.ok) {
        unreadable++;
        continue;
      }
      const doc = read.value;
      if (!doc) continue; // removed since it was listed
      if (doc.signature !== '') signed++;
      let computed: string;
      try {
        computed = documentHashSync(doc.data);
      } catch {
        unreadable++; // data text that UTF-8 cannot encode has no hash
        continue;
      }
      if (computed === doc.hash) continue;
      mismatchCount++;
      mismatches.push({ documentId: id, stored: doc.hash, computed });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, ids.length) }, worker));
  mismatches.sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
  return {
    checked: ids.length - unreadable, hashMismatchCount: mismatchCount, hashMismatches: mismatches.slice(0, MAX_LISTED), unreadable,
    signatures: await signatureStatus(collectionDir, signed), deletedCopies: await deletedIds(collectionDir),
  };
}
