import { deepMerge, documentHashSync, JsonNumber, type JsonValue } from '../json/index.js';
import type { DocumentOperation, StoredDocument } from './document-ops.js';
import { isSystemCollection } from './names.js';
import { documentExists, documentNotFound, type StoreError } from './store-error.js';

/** What an operation does to one document: the one place the store's semantics live. */
export type Transition =
  | { readonly kind: 'write'; readonly document: StoredDocument; readonly created: boolean; readonly rewroteSigned: boolean }
  | { readonly kind: 'delete' }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly error: StoreError };

/** What gives a new document its `hash` (a recovery plan defers it: most states it computes are never written). */
export type HashOf = (data: JsonValue) => string;

/** Insert: Sentinel's document format version 1, created = updated = now. */
export function newDocument(id: string, data: JsonValue, now: string, hashOf: HashOf = documentHashSync): StoredDocument {
  return { id, version: new JsonNumber('1'), createdAt: now, updatedAt: now, hash: hashOf(data), signature: '', data };
}

/** Update: keeps id, version and created_at; new updated_at, hash, empty signature, data. */
export function updatedDocument(existing: StoredDocument, data: JsonValue, now: string, hashOf: HashOf = documentHashSync): StoredDocument {
  return { ...existing, updatedAt: now, hash: hashOf(data), signature: '', data };
}

/**
 * The transition of `current` (undefined: no document) under `op`, as the real Sentinel
 * collection answers (FORMAT.md, "The store that replay writes to"). The id is already valid.
 * Needs `initBlake3()` to have finished (documents carry their hash).
 */
export function transition(
  collection: string, id: string, current: StoredDocument | undefined, op: DocumentOperation, now: string,
  hashOf: HashOf = documentHashSync,
): Transition {
  switch (op.type) {
    case 'Insert':
      if (current && !isSystemCollection(collection)) return { kind: 'error', error: documentExists(id, collection) };
      return { kind: 'write', document: newDocument(id, op.data, now, hashOf), created: current === undefined, rewroteSigned: false };
    case 'Update':
      if (!current) return { kind: 'error', error: documentNotFound(id, collection) };
      return {
        kind: 'write', document: updatedDocument(current, deepMerge(current.data, op.data), now, hashOf),
        created: false, rewroteSigned: current.signature !== '',
      };
    case 'Replace':
      if (!current) return { kind: 'write', document: newDocument(id, op.data, now, hashOf), created: true, rewroteSigned: false };
      return { kind: 'write', document: updatedDocument(current, op.data, now, hashOf), created: false, rewroteSigned: current.signature !== '' };
    case 'Delete':
      return current ? { kind: 'delete' } : { kind: 'none' };
  }
}
