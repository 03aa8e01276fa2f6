import { parseJson } from '../json/index.js';
import type { DocumentOps } from '../store/document-ops.js';
import { failed, RECOVERED, replayDelete, SKIP, skipped, type ReplayEntry, type ReplayOutcome } from './replay-outcome.js';

/**
 * Force recovery as the original documents it ("overwrite conflicting states"), not as its
 * code behaves with a real collection (FORMAT.md, "Recovery", Force): every Insert or Update
 * with valid JSON makes the document exactly that data (created or replaced, never merged,
 * recovered even when equal); a Delete removes a present document and skips an absent one.
 * Order of checks: Begin/Commit/Rollback, missing data (no id check), invalid JSON, invalid id.
 */
export class ForceReplay {
  constructor(private readonly store: DocumentOps) {}

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
