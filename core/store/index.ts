export { fsyncDirectory, removeStaleTemps, writeFileAtomic } from '../fs/atomic-file.js';
export { parseDocumentFile, renderDocument, renderDocumentBytes, type DocumentParse } from './document-file.js';
export type {
  ApplyOutcome, DeletedSnapshot, DocumentOperation, DocumentOps, DocumentSnapshot, OperationType, SnapshotStore, StoredDocument,
} from './document-ops.js';
export { fingerprintBytes } from './fingerprint.js';
export { newDocument, transition, updatedDocument, type Transition } from './document-transition.js';
export { DELETED_DIR, FsCollection, type DocumentFile, type FsCollectionOptions } from './fs-collection.js';
export { MemoryCollection } from './memory-collection.js';
export { isReservedName, isSystemCollection, isValidCollectionName, isValidDocumentId } from './names.js';
export { StoreError, type StoreErrorCode, type StoreErrorContext, type StoreResult } from './store-error.js';
export { formatRfc3339Nanos, nowNanos, systemClock, type Clock } from './timestamp.js';
