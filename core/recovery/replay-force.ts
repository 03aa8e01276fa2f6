import { parseJson } from '../json/index.js';
import type { DocumentOps } from '../store/document-ops.js';
import { jsonDataError } from '../verify/data-validity.js';
import type { ImmediateOps, TextReplace } from './plan-overlay.js';
import { failed, RECOVERED, replayDelete, SKIP, skipped, type ReplayEntry, type ReplayOutcome } from './replay-outcome.js';

const CONTROL = skipped(SKIP.control);
const NO_DATA = skipped(SKIP.noData);
const ABSENT = skipped(SKIP.absent);

/** Where the data's validity comes from: checked here (jsonDataError), or told (a check made on another thread). */
export type DataCheck = (data: string) => string | undefined;

const checkHere: DataCheck = (data) => jsonDataError(data);

/**
 * Force recovery as the original documents it ("overwrite conflicting states"), not as its
 * code behaves with a real collection (FORMAT.md, "Recovery", Force): every Insert or Update
 * with valid JSON makes the document exactly that data (created or replaced, never merged,
 * recovered even when equal); a Delete removes a present document and skips an absent one.
 * Order of checks: Begin/Commit/Rollback, missing data (no id check), invalid JSON, invalid id.
 */
export class ForceReplay {
  /** A store that takes text (the plan overlay) gets each Replace unparsed: only the last of a document is ever parsed. */
  constructor(
    private readonly store: DocumentOps & Partial<TextReplace> & Partial<ImmediateOps>,
    private readonly check: DataCheck = checkHere,
  ) {}

  /**
   * `replay`'s outcome at once where the store answers at once (ImmediateOps, the plan
   * overlay, the document already read); undefined where `replay` must be awaited.
   */
  replayNow(entry: ReplayEntry): ReplayOutcome | undefined {
    const { store } = this;
    if (!store.replaceWithTextNow || !store.getDocumentNow || !store.applyOperationNow || !store.knows) return undefined;
    const id = entry.documentId;
    switch (entry.entryType) {
      case 'Begin':
      case 'Commit':
      case 'Rollback':
        return CONTROL;
      case 'Insert':
      case 'Update': {
        if (entry.data === null) return NO_DATA;
        // Before the check: it is made once per entry (a check told by another thread moves on).
        if (!store.knows!(id)) return undefined;
        const error = this.check(entry.data);
        if (error !== undefined) return failed(`Serialization error: Invalid JSON in WAL entry: ${error}`);
        const r = store.replaceWithTextNow(id, entry.data)!;
        return r.ok ? RECOVERED : failed(r.error.message);
      }
      case 'Delete': {
        // As replayDelete.
        const got = store.getDocumentNow(id);
        if (got === undefined) return undefined;
        if (!got.ok) return failed(got.error.message);
        if (!got.value) return ABSENT;
        const r = store.applyOperationNow(id, { type: 'Delete' });
        if (r === undefined) return undefined;
        return r.ok ? RECOVERED : failed(r.error.message);
      }
    }
  }

  async replay(entry: ReplayEntry): Promise<ReplayOutcome> {
    const { store } = this;
    const id = entry.documentId;
    switch (entry.entryType) {
      case 'Begin':
      case 'Commit':
      case 'Rollback':
        return skipped(SKIP.control);
      case 'Insert':
      case 'Update': {
        if (entry.data === null) return skipped(SKIP.noData);
        if (store.replaceWithText) {
          const error = this.check(entry.data);
          if (error !== undefined) return failed(`Serialization error: Invalid JSON in WAL entry: ${error}`);
          const r = await store.replaceWithText(id, entry.data);
          return r.ok ? RECOVERED : failed(r.error.message);
        }
        const parsed = parseJson(entry.data);
        if (!parsed.ok) return failed(`Serialization error: Invalid JSON in WAL entry: ${parsed.message}`);
        const r = await store.applyOperation(id, { type: 'Replace', data: parsed.value });
        return r.ok ? RECOVERED : failed(r.error.message);
      }
      case 'Delete':
        return replayDelete(store, id);
    }
  }
}
