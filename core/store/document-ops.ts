import type { JsonValue } from '../json/index.js';
import type { StoreResult } from './store-error.js';

/**
 * A stored document: Sentinel's wrapper around the data. `version` and the dates are kept as
 * found (an update keeps `id`, `version` and `created_at` byte for byte).
 */
export interface StoredDocument {
  readonly id: string;
  readonly version: JsonValue;
  readonly createdAt: JsonValue;
  readonly updatedAt: JsonValue;
  readonly hash: string;
  /** Ed25519 signature of the hash; empty for unsigned stores. */
  readonly signature: string;
  readonly data: JsonValue;
}

/** What a replay asks the collection to do (the original's Insert/Update/Delete, plus ours). */
export type DocumentOperation =
  /** Fails when the document exists (a system collection replaces it instead). */
  | { readonly type: 'Insert'; readonly data: JsonValue }
  /** Fails when the document is missing; stores the deep merge of the old and new data. */
  | { readonly type: 'Update'; readonly data: JsonValue }
  /** Soft delete into `.deleted/`; succeeds when the document is missing. */
  | { readonly type: 'Delete' }
  /** Ours, for force recovery: the document becomes exactly `data`, created when missing. */
  | { readonly type: 'Replace'; readonly data: JsonValue };

export type OperationType = DocumentOperation['type'];

export interface ApplyOutcome {
  /** What the call did (a Delete of a missing document does nothing and succeeds). */
  readonly effect: 'created' | 'updated' | 'deleted' | 'none';
  /** The document was signed and is now stored unsigned (we hold no signing key). */
  readonly rewroteSigned: boolean;
}

/**
 * The original's document-operations interface (`WalDocumentOps`), as verification and
 * recovery use it: read a document, apply an operation. Every call validates the document id
 * first; failures are values carrying the original's `I/O error: …` text.
 *
 * Recovery mode: the original's collection stops writing WAL entries for operations it
 * replays. No implementation here ever writes WAL entries, so they are always in it.
 */
export interface DocumentOps {
  /** The collection's name (its directory's name). */
  readonly collection: string;
  readonly recoveryMode: true;
  /** The document, or undefined when there is none. */
  getDocument(id: string): Promise<StoreResult<StoredDocument | undefined>>;
  applyOperation(id: string, op: DocumentOperation): Promise<StoreResult<ApplyOutcome>>;
}

/** A document with a fingerprint of its exact stored bytes (to notice a change later). */
export interface DocumentSnapshot {
  readonly document: StoredDocument;
  readonly fingerprint: string;
}

/** A soft-deleted copy: its fingerprint, and the document (null when the file does not parse). */
export interface DeletedSnapshot {
  readonly document: StoredDocument | null;
  readonly fingerprint: string;
}

/** A collection that can tell whether a document changed since it was read (recovery plans). */
export interface SnapshotStore extends DocumentOps {
  readSnapshot(id: string): Promise<StoreResult<DocumentSnapshot | undefined>>;
  /** The soft-deleted copy `.deleted/<id>.json`, undefined when there is none. */
  readDeletedSnapshot(id: string): Promise<StoreResult<DeletedSnapshot | undefined>>;
}
