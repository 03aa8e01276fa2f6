import { documentHashSync, jsonEquals, parseJson } from '../json/index.js';
import type { ApplyOutcome, DocumentOperation, DocumentOps, SnapshotStore, StoredDocument } from '../store/document-ops.js';
import { newDocument, transition, updatedDocument } from '../store/document-transition.js';
import { isSystemCollection, isValidDocumentId } from '../store/names.js';
import { documentExists, fail, invalidDocumentId, ok, type StoreResult } from '../store/store-error.js';
import type { Clock } from '../store/timestamp.js';
import type { ChangeBasis, DocumentChange } from './recovery-types.js';

type BaseRead = StoreResult<{ document: StoredDocument; fingerprint: string } | undefined>;

/**
 * The replay computes a state per write, but only the last one of each document is ever
 * written (apply renders it again) or kept (a soft-deleted copy): states it makes carry no
 * hash until one leaves the overlay (`hashed`). BLAKE3 of every state was a fifth of a plan.
 */
const NOT_YET_HASHED = (): string => '';

/**
 * A force replay's Replace kept as the entry's text (its validity already checked): parsed
 * only when the state is needed, since most are replaced again first. `keep` is the document
 * whose id, version and created_at the state keeps; none when the replay created it at `createdAt`.
 */
class TextState {
  constructor(
    readonly text: string,
    readonly keep: StoredDocument | undefined,
    readonly createdAt: string,
    readonly now: string,
  ) {}
}

/** A store that can take a force replay's Replace as text (the plan overlay). */
export interface TextReplace {
  replaceWithText(id: string, text: string): Promise<StoreResult<ApplyOutcome>>;
}

/**
 * The store as a replay would leave it, without writing: reads go to the real store once per
 * document, writes stay here. At the end `changes()` gives the net change of each document.
 */
export class PlanOverlay implements DocumentOps, TextReplace {
  readonly recoveryMode = true as const;
  readonly collection: string;
  private readonly base = new Map<string, BaseRead>();
  /** Documents the replay wrote: their current state (null: deleted). */
  private readonly current = new Map<string, StoredDocument | TextState | null>();
  /** The last copy the replay moved into `.deleted/`. */
  private readonly trash = new Map<string, StoredDocument>();
  /** States this overlay made, whose `hash` is not computed yet. */
  private readonly unhashed = new WeakSet<StoredDocument>();

  constructor(
    private readonly store: SnapshotStore,
    private readonly clock: Clock,
  ) {
    this.collection = store.collection;
  }

  /** Reads the given documents from the store ahead of the replay, many at a time. */
  async prefetch(ids: Iterable<string>, concurrency = 32): Promise<void> {
    const todo = [...new Set(ids)].filter((id) => isValidDocumentId(id) && !this.base.has(id) && !this.current.has(id));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const id = todo[next++]!;
        this.base.set(id, await this.store.readSnapshot(id));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  }

  private async readBase(id: string): Promise<BaseRead> {
    let r = this.base.get(id);
    if (!r) this.base.set(id, (r = await this.store.readSnapshot(id)));
    return r;
  }

  /** The replay's state of `id` (undefined: not written by it), a text state parsed now. */
  private currentDoc(id: string): StoredDocument | null | undefined {
    const cur = this.current.get(id);
    if (!(cur instanceof TextState)) return cur;
    const parsed = parseJson(cur.text);
    if (!parsed.ok) throw new Error(`plan overlay: a replaced document no longer parses: ${parsed.message}`);
    const doc = updatedDocument(cur.keep ?? newDocument(id, null, cur.createdAt, NOT_YET_HASHED), parsed.value, cur.now, NOT_YET_HASHED);
    this.unhashed.add(doc);
    this.current.set(id, doc);
    return doc;
  }

  async getDocument(id: string): Promise<StoreResult<StoredDocument | undefined>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const cur = this.currentDoc(id);
    if (cur !== undefined) return ok(cur ?? undefined);
    const r = await this.readBase(id);
    return r.ok ? ok(r.value?.document) : r;
  }

  async applyOperation(id: string, op: DocumentOperation): Promise<StoreResult<ApplyOutcome>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    let doc: StoredDocument | undefined;
    const cur = this.currentDoc(id);
    if (cur !== undefined) doc = cur ?? undefined;
    else {
      const r = await this.readBase(id);
      if (!r.ok) {
        // An unreadable file still exists: an insert fails as it would on disk.
        if (op.type === 'Insert' && r.error.code === 'DOCUMENT_UNREADABLE' && !isSystemCollection(this.collection)) {
          return fail(documentExists(id, this.collection));
        }
        return r;
      }
      doc = r.value?.document;
    }
    const t = transition(this.collection, id, doc, op, this.clock(), NOT_YET_HASHED);
    switch (t.kind) {
      case 'error':
        return fail(t.error);
      case 'none':
        return ok({ effect: 'none', rewroteSigned: false });
      case 'delete':
        this.trash.set(id, doc!);
        this.current.set(id, null);
        return ok({ effect: 'deleted', rewroteSigned: false });
      case 'write':
        this.unhashed.add(t.document);
        this.current.set(id, t.document);
        return ok({ effect: t.created ? 'created' : 'updated', rewroteSigned: t.rewroteSigned });
    }
  }

  /**
   * Replace (ours, force recovery) with the data as text, the same transition as
   * `applyOperation(id, { type: 'Replace', data })` without parsing the data: a state made
   * by the replay keeps the identity (id, version, created_at) of the one it replaces.
   */
  async replaceWithText(id: string, text: string): Promise<StoreResult<ApplyOutcome>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    let cur = this.current.get(id);
    if (cur === undefined) {
      const r = await this.readBase(id);
      if (!r.ok) return r;
      cur = r.value?.document ?? null;
    }
    const now = this.clock();
    if (cur instanceof TextState) {
      this.current.set(id, new TextState(text, cur.keep, cur.createdAt, now));
      return ok({ effect: 'updated', rewroteSigned: false });
    }
    this.current.set(id, new TextState(text, cur ?? undefined, now, now));
    return ok({ effect: cur ? 'updated' : 'created', rewroteSigned: cur ? cur.signature !== '' : false });
  }

  /**
   * Net change per written document, in the order the replay first wrote them: the live file
   * and the soft-deleted copy, each compared by data with what the store holds (a copy in
   * `.deleted/` counts even when the document is absent, or equal, before and after).
   */
  async changes(): Promise<{ changes: DocumentChange[]; basis: Map<string, ChangeBasis> }> {
    const changes: DocumentChange[] = [];
    const basis = new Map<string, ChangeBasis>();
    for (const documentId of this.current.keys()) {
      const after = this.currentDoc(documentId)!;
      const r = this.base.get(documentId);
      if (!r?.ok) continue; // never happens: a failed read stops every write of that document
      const change = await this.changeOf(documentId, r.value, after);
      if (!change) continue;
      changes.push(change.change);
      basis.set(documentId, change.basis);
    }
    return { changes, basis };
  }

  /** A state as it leaves the overlay: with its hash. */
  private hashed(doc: StoredDocument): StoredDocument {
    return this.unhashed.has(doc) ? { ...doc, hash: documentHashSync(doc.data) } : doc;
  }

  private async changeOf(
    documentId: string, before: { document: StoredDocument; fingerprint: string } | undefined, after: StoredDocument | null,
  ): Promise<{ change: DocumentChange; basis: ChangeBasis } | undefined> {
    const collection = this.collection;
    const trashed = this.trash.get(documentId);
    const liveChanges = before ? !after || !jsonEquals(before.document.data, after.data) : after !== null;
    let deleted: { fingerprint: string | null; sameData: boolean } | undefined;
    if (trashed) {
      const d = await this.store.readDeletedSnapshot(documentId);
      if (!d.ok) throw d.error;
      const old = d.value;
      deleted = { fingerprint: old?.fingerprint ?? null, sameData: old?.document ? jsonEquals(old.document.data, trashed.data) : false };
    }
    // A delete always moves the live file; otherwise `.deleted/` is written only when its data changes.
    const writesTrash = trashed !== undefined && deleted !== undefined && ((before !== undefined && after === null) || !deleted.sameData);
    if (!liveChanges && !writesTrash) return undefined;
    const trashBasis: Partial<ChangeBasis> = writesTrash
      ? { deleted: deleted!.fingerprint, ...(trashed !== before?.document ? { deletedCopy: this.hashed(trashed!) } : {}) }
      : {};
    const extra = writesTrash ? { deletedAfter: trashed!.data } : {};
    const live = before?.fingerprint ?? null;
    const recreated = trashed !== undefined && after !== null ? { recreated: true } : {};
    if (!after) {
      return {
        change: { collection, documentId, operation: 'delete', before: before?.document.data ?? null, after: null, ...extra },
        basis: { live, ...trashBasis },
      };
    }
    if (!before) {
      return { change: { collection, documentId, operation: 'insert', before: null, after: after.data, ...extra }, basis: { live, ...trashBasis, ...recreated } };
    }
    return {
      change: {
        collection, documentId, operation: 'update', before: before.document.data, after: after.data,
        rewritesSigned: before.document.signature !== '', ...extra,
      },
      basis: { live, ...trashBasis, ...recreated },
    };
  }
}
