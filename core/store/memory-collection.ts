import { initBlake3 } from '../json/index.js';
import { renderDocumentBytes } from './document-file.js';
import type { ApplyOutcome, DeletedSnapshot, DocumentOperation, DocumentSnapshot, SnapshotStore, StoredDocument } from './document-ops.js';
import { fingerprintBytes } from './fingerprint.js';
import { transition } from './document-transition.js';
import { isValidCollectionName, isValidDocumentId } from './names.js';
import { fail, invalidCollectionName, invalidDocumentId, ok, type StoreResult } from './store-error.js';
import { systemClock, type Clock } from './timestamp.js';

/** The file-system collection's semantics over two maps, for fast tests and previews. */
export class MemoryCollection implements SnapshotStore {
  readonly recoveryMode = true as const;
  /** Live documents by id. */
  readonly documents = new Map<string, StoredDocument>();
  /** Soft-deleted documents by id (the last one deleted). */
  readonly deleted = new Map<string, StoredDocument>();

  private constructor(
    readonly collection: string,
    private readonly clock: Clock,
  ) {}

  static async create(collection: string, options: { clock?: Clock; documents?: Iterable<StoredDocument> } = {}): Promise<MemoryCollection> {
    if (!isValidCollectionName(collection)) throw invalidCollectionName(collection);
    await initBlake3();
    const c = new MemoryCollection(collection, options.clock ?? systemClock);
    for (const d of options.documents ?? []) c.documents.set(d.id, d);
    return c;
  }

  async getDocument(id: string): Promise<StoreResult<StoredDocument | undefined>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    return ok(this.documents.get(id));
  }

  async readSnapshot(id: string): Promise<StoreResult<DocumentSnapshot | undefined>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const doc = this.documents.get(id);
    return ok(doc ? { document: doc, fingerprint: fingerprintBytes(renderDocumentBytes(doc)) } : undefined);
  }

  async readDeletedSnapshot(id: string): Promise<StoreResult<DeletedSnapshot | undefined>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const doc = this.deleted.get(id);
    return ok(doc ? { document: doc, fingerprint: fingerprintBytes(renderDocumentBytes(doc)) } : undefined);
  }

  async applyOperation(id: string, op: DocumentOperation): Promise<StoreResult<ApplyOutcome>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const current = this.documents.get(id);
    const t = transition(this.collection, id, current, op, this.clock());
    switch (t.kind) {
      case 'error':
        return fail(t.error);
      case 'none':
        return ok({ effect: 'none', rewroteSigned: false });
      case 'delete':
        if (current) this.deleted.set(id, current);
        this.documents.delete(id);
        return ok({ effect: 'deleted', rewroteSigned: false });
      case 'write':
        this.documents.set(id, t.document);
        return ok({ effect: t.created ? 'created' : 'updated', rewroteSigned: t.rewroteSigned });
    }
  }
}
