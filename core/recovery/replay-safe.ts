import { jsonEquals, parseJson } from '../json/index.js';
import type { DocumentOps } from '../store/document-ops.js';
import { PairSet } from './pair-set.js';
import { failed, RECOVERED, replayDelete, SKIP, skipped, type ReplayEntry, type ReplayOutcome } from './replay-outcome.js';

/**
 * The original's `recover_from_wal_safe`, exactly (FORMAT.md, "Recovery", Safe): an entry
 * whose (document id, transaction id) pair was already applied or skipped is skipped;
 * otherwise it is replayed with the checks in the original's order. Failed entries do not
 * mark their pair.
 */
export class SafeReplay {
  private readonly seen = new PairSet();

  constructor(private readonly store: DocumentOps) {}

  async replay(entry: ReplayEntry): Promise<ReplayOutcome> {
    if (this.seen.has(entry.documentId, entry.transactionId)) return skipped('this document was already replayed from this transaction');
    const outcome = await this.replayOne(entry);
    if (outcome.kind !== 'failed') this.seen.add(entry.documentId, entry.transactionId);
    return outcome;
  }

  private async replayOne(entry: ReplayEntry): Promise<ReplayOutcome> {
    const { store } = this;
    const id = entry.documentId;
    switch (entry.entryType) {
      case 'Begin':
      case 'Commit':
      case 'Rollback':
        return skipped(SKIP.control);
      case 'Insert': {
        if (entry.data === null) return skipped(SKIP.noData);
        const parsed = parseJson(entry.data);
        if (!parsed.ok) return failed(`Serialization error: Invalid JSON in WAL insert: ${parsed.message}`);
        const got = await store.getDocument(id);
        if (!got.ok) return failed(got.error.message);
        if (got.value) return skipped('the document exists: safe mode never overwrites it');
        const r = await store.applyOperation(id, { type: 'Insert', data: parsed.value });
        return r.ok ? RECOVERED : failed(r.error.message);
      }
      case 'Update': {
        if (entry.data === null) return skipped(SKIP.noData);
        const parsed = parseJson(entry.data);
        if (!parsed.ok) return failed(`Serialization error: Invalid JSON in WAL update: ${parsed.message}`);
        const got = await store.getDocument(id);
        if (!got.ok) return failed(got.error.message);
        if (!got.value) return skipped('the document does not exist: safe mode updates only documents that exist');
        if (jsonEquals(got.value.data, parsed.value)) return skipped('the document already holds this data');
        const r = await store.applyOperation(id, { type: 'Update', data: parsed.value });
        return r.ok ? RECOVERED : failed(r.error.message);
      }
      case 'Delete':
        return replayDelete(store, id);
    }
  }
}
