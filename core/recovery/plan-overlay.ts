import { documentHashSync, jsonEquals, parseJson } from '../json/index.js';
import type { ApplyOutcome, DocumentOperation, DocumentOps, SnapshotStore, StoredDocument } from '../store/document-ops.js';
import { newDocument, transition, updatedDocument } from '../store/document-transition.js';
import { isSystemCollection, isValidDocumentId } from '../store/names.js';
import { documentExists, fail, invalidDocumentId, ok, type StoreResult } from '../store/store-error.js';
import { formatRfc3339Nanos, nowNanos, systemClock, type Clock } from '../store/timestamp.js';
import type { ChangeBasis, DocumentChange } from './recovery-types.js';

type BaseRead = StoreResult<{ document: StoredDocument; fingerprint: string } | undefined>;

/**
 * The replay computes a state per write, but only the last one of each document is ever
 * written (apply renders it again) or kept (a soft-deleted copy): states it makes carry no
 * hash until one leaves the overlay (`hashed`). BLAKE3 of every state was a fifth of a plan.
 */
const NOT_YET_HASHED = (): string => '';

/** A Replace of a state the replay made (the common case): one answer for all. */
const UPDATED: StoreResult<ApplyOutcome> = ok({ effect: 'updated', rewroteSigned: false });

/**
 * A time as the replay took it: the clock's text, or (the system clock) its nanoseconds,
 * formatted only for the state that is kept (formatting one per entry was a twentieth of a force plan).
 */
type Stamp = string | bigint;

const stampText = (s: Stamp): string => (typeof s === 'string' ? s : formatRfc3339Nanos(s));

/**
 * A force replay's Replace kept as the entry's text (its validity already checked): parsed
 * only when the state is needed, since most are replaced again first. `keep` is the document
 * whose id, version and created_at the state keeps; none when the replay created it at `createdAt`.
 */
class TextState {
  constructor(
    /** The last Replace's text and time: a Replace of a text state changes these two only. */
    public text: string,
    readonly keep: StoredDocument | undefined,
    readonly createdAt: Stamp,
    public now: Stamp,
  ) {}
}

/**
 * What the overlay knows of one document once the store was read for it: that read, and the
 * replay's state (undefined: not written by it; null: deleted). One map lookup per entry,
 * the slot changed in place (two maps, looked up and set again per entry, were a tenth of a force plan).
 */
class Slot {
  current: StoredDocument | TextState | null | undefined = undefined;
  constructor(readonly base: BaseRead) {}
}

/** A store that can take a force replay's Replace as text (the plan overlay). */
export interface TextReplace {
  replaceWithText(id: string, text: string): Promise<StoreResult<ApplyOutcome>>;
}

/**
 * The same operations answered at once where the document is already known (read before, or
 * written by the replay): undefined where the store must be read first. A replay of many
 * entries awaits only the few that need a read (one promise per entry was a tenth of a plan).
 */
export interface ImmediateOps {
  /** Whether the operations below answer `id` at once (an invalid id, a document read or written). */
  knows(id: string): boolean;
  getDocumentNow(id: string): StoreResult<StoredDocument | undefined> | undefined;
  applyOperationNow(id: string, op: DocumentOperation): StoreResult<ApplyOutcome> | undefined;
  replaceWithTextNow(id: string, text: string): StoreResult<ApplyOutcome> | undefined;
}

/**
 * The store as a replay would leave it, without writing: reads go to the real store once per
 * document, writes stay here. At the end `changes()` gives the net change of each document.
 */
export class PlanOverlay implements DocumentOps, TextReplace, ImmediateOps {
  readonly recoveryMode = true as const;
  readonly collection: string;
  /** Every document read from the store (a valid id), with the replay's state of it. */
  private readonly slots = new Map<string, Slot>();
  /** The documents the replay wrote, in the order it first wrote them. */
  private readonly written: string[] = [];
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

  private stamp(): Stamp {
    return this.clock === systemClock ? nowNanos() : this.clock();
  }

  /** Reads the given documents from the store ahead of the replay, many at a time. */
  async prefetch(ids: Iterable<string>, concurrency = 32): Promise<void> {
    // Most ids of a batch are known already: those are passed over before any other test.
    const todo = [...new Set(Array.from(ids).filter((id) => !this.slots.has(id) && isValidDocumentId(id)))];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const id = todo[next++]!;
        const read = await this.store.readSnapshot(id);
        if (!this.slots.has(id)) this.slots.set(id, new Slot(read));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  }

  /** The slot of a valid id, the store read for it first if need be. */
  private async readSlot(id: string): Promise<Slot> {
    let slot = this.slots.get(id);
    if (!slot) {
      const read = await this.store.readSnapshot(id);
      slot = this.slots.get(id) ?? new Slot(read);
      this.slots.set(id, slot);
    }
    return slot;
  }

  private write(id: string, slot: Slot, state: StoredDocument | TextState | null): void {
    if (slot.current === undefined) this.written.push(id);
    slot.current = state;
  }

  /** The replay's state of the document (undefined: not written by it), a text state parsed now. */
  private currentDoc(id: string, slot: Slot): StoredDocument | null | undefined {
    const cur = slot.current;
    if (!(cur instanceof TextState)) return cur;
    const parsed = parseJson(cur.text);
    if (!parsed.ok) throw new Error(`plan overlay: a replaced document no longer parses: ${parsed.message}`);
    const doc = updatedDocument(cur.keep ?? newDocument(id, null, stampText(cur.createdAt), NOT_YET_HASHED), parsed.value, stampText(cur.now), NOT_YET_HASHED);
    this.unhashed.add(doc);
    slot.current = doc;
    return doc;
  }

  knows(id: string): boolean {
    return this.slots.has(id) || !isValidDocumentId(id);
  }

  async getDocument(id: string): Promise<StoreResult<StoredDocument | undefined>> {
    if (isValidDocumentId(id)) await this.readSlot(id);
    return this.getDocumentNow(id)!;
  }

  getDocumentNow(id: string): StoreResult<StoredDocument | undefined> | undefined {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const slot = this.slots.get(id);
    if (!slot) return undefined;
    const cur = this.currentDoc(id, slot);
    if (cur !== undefined) return ok(cur ?? undefined);
    const r = slot.base;
    return r.ok ? ok(r.value?.document) : r;
  }

  async applyOperation(id: string, op: DocumentOperation): Promise<StoreResult<ApplyOutcome>> {
    if (isValidDocumentId(id)) await this.readSlot(id);
    return this.applyOperationNow(id, op)!;
  }

  applyOperationNow(id: string, op: DocumentOperation): StoreResult<ApplyOutcome> | undefined {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const slot = this.slots.get(id);
    if (!slot) return undefined;
    let doc: StoredDocument | undefined;
    const cur = this.currentDoc(id, slot);
    if (cur !== undefined) doc = cur ?? undefined;
    else {
      const r = slot.base;
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
        this.write(id, slot, null);
        return ok({ effect: 'deleted', rewroteSigned: false });
      case 'write':
        this.unhashed.add(t.document);
        this.write(id, slot, t.document);
        return ok({ effect: t.created ? 'created' : 'updated', rewroteSigned: t.rewroteSigned });
    }
  }

  /**
   * Replace (ours, force recovery) with the data as text, the same transition as
   * `applyOperation(id, { type: 'Replace', data })` without parsing the data: a state made
   * by the replay keeps the identity (id, version, created_at) of the one it replaces.
   */
  async replaceWithText(id: string, text: string): Promise<StoreResult<ApplyOutcome>> {
    if (isValidDocumentId(id)) await this.readSlot(id);
    return this.replaceWithTextNow(id, text)!;
  }

  replaceWithTextNow(id: string, text: string): StoreResult<ApplyOutcome> | undefined {
    const slot = this.slots.get(id);
    // A slot is made for valid ids only.
    if (!slot) return isValidDocumentId(id) ? undefined : fail(invalidDocumentId(id, this.collection));
    let cur = slot.current;
    if (cur === undefined) {
      const r = slot.base;
      if (!r.ok) return r;
      cur = r.value?.document ?? null;
    }
    const now = this.stamp();
    if (cur instanceof TextState) {
      cur.text = text;
      cur.now = now;
      return UPDATED;
    }
    this.write(id, slot, new TextState(text, cur ?? undefined, now, now));
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
    for (const documentId of this.written) {
      const slot = this.slots.get(documentId)!;
      const after = this.currentDoc(documentId, slot)!;
      const r = slot.base;
      if (!r.ok) continue; // never happens: a failed read stops every write of that document
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
