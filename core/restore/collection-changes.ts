import type { RestoreChangeView, RestoreConflictView, RestoreIncompleteView } from '../contract/contract-history.js';
import type { OnConflict, RewriteOutcome } from '../history/document-rewrite.js';
import { jsonEquals, parseJson, toPrettyText, type JsonValue } from '../json/index.js';
import { renderDocument } from '../store/document-file.js';
import { newDocument, updatedDocument } from '../store/document-transition.js';
import { fingerprintBytes } from '../store/fingerprint.js';
import { FsCollection } from '../store/fs-collection.js';
import type { Clock } from '../store/timestamp.js';
import type { RestoreOperation } from './restore-types.js';

export interface DocumentOutcomes {
  readonly operations: RestoreOperation[];
  readonly changes: RestoreChangeView[];
  readonly conflicts: RestoreConflictView[];
  readonly incomplete: RestoreIncompleteView[];
  /** Signed documents the operations re-write unsigned. */
  resigned: number;
}

/** How long the in-line document reads run before the event loop gets its turn. */
const SLICE_MS = 10;

const pretty = (v: JsonValue | null): string | null => (v === null ? null : toPrettyText(v));

/**
 * Turns rewritten histories into exact operations on one collection: reads each document the
 * restore selects once (in line, in time slices) and writes down what it is (its digest) and what it
 * becomes (the whole file text, or a soft delete). A document already in its target state
 * needs nothing: applying a restore twice leaves an empty second plan.
 */
export async function collectionChanges(
  collection: string, dir: string, outcomes: ReadonlyMap<string, Exclude<RewriteOutcome, { kind: 'untouched' }>>, clock: Clock, onConflict: OnConflict,
): Promise<DocumentOutcomes> {
  const store = await FsCollection.open(dir);
  const out: DocumentOutcomes = { operations: [], changes: [], conflicts: [], incomplete: [], resigned: 0 };
  const found: ({ op: RestoreOperation; change: RestoreChangeView; resigned: boolean } | { incomplete: string } | null)[] = [];
  const list = [...outcomes];
  for (const [document_id, o] of list) {
    if (o.kind === 'incomplete') out.incomplete.push({ collection, document_id, reason: o.reason });
    const conflict = o.kind === 'conflict' ? o.conflict : o.kind === 'state' ? o.conflict : undefined;
    if (conflict) {
      out.conflicts.push({
        collection, document_id, paths: conflict.paths, transactions: conflict.transactions, excluded_transactions: conflict.excluded, resolution: onConflict,
      });
    }
  }
  // In line, in slices of SLICE_MS: 32 reads at a time through the thread pool took longer
  // than the rest of the comparison (fs-collection.ts readDocumentFileSync).
  let slice = performance.now();
  for (const [i, [id, o]] of list.entries()) {
    if (o.kind !== 'state') continue;
    if (performance.now() - slice > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
    found[i] = await operationFor(store, collection, id, o.state, clock);
  }
  for (const [i, f] of found.entries()) {
    if (!f) continue;
    if ('incomplete' in f) out.incomplete.push({ collection, document_id: list[i]![0], reason: f.incomplete });
    else {
      out.operations.push(f.op);
      out.changes.push(f.change);
      if (f.resigned) out.resigned++;
    }
  }
  return out;
}

async function operationFor(store: FsCollection, collection: string, id: string, targetText: string | null, clock: Clock) {
  let target: JsonValue | null = null;
  if (targetText !== null) {
    const r = parseJson(targetText);
    if (!r.ok) return { incomplete: `its state does not read as JSON: ${r.message}` }; // states come from checked data
    target = r.value;
  }
  const read = store.readDocumentFileSync(id);
  if (!read.ok) return { incomplete: `the store's file cannot be read: ${read.error.message.replace(/^I\/O error: /, '')}` };
  const current = read.value;
  const base = { collection, collection_dir: store.dir, document_id: id };
  if (target === null) {
    if (!current) return null;
    const trash = await store.readDeletedSnapshot(id);
    if (!trash.ok) return { incomplete: `its soft-deleted copy cannot be read: ${trash.error.message.replace(/^I\/O error: /, '')}` };
    return {
      op: { action: 'delete' as const, ...base, live_sha256: fingerprintBytes(current.bytes), deleted_sha256: trash.value?.fingerprint ?? null },
      change: { collection, document_id: id, operation: 'delete' as const, before: pretty(current.document.data), after: null },
      resigned: false,
    };
  }
  if (current && jsonEquals(current.document.data, target)) return null;
  const doc = current ? updatedDocument(current.document, target, clock()) : newDocument(id, target, clock());
  const signed = current !== undefined && current.document.signature !== '';
  return {
    op: { action: 'write' as const, ...base, live_sha256: current ? fingerprintBytes(current.bytes) : null, text: renderDocument(doc) },
    change: {
      collection, document_id: id, operation: current ? ('update' as const) : ('insert' as const), before: current ? pretty(current.document.data) : null,
      after: pretty(target), ...(signed ? { note: 'signed document: re-written unsigned' } : {}),
    },
    resigned: signed,
  };
}
