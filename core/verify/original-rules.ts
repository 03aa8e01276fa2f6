import { parseJson, type JsonValue } from '../json/index.js';
import type { EntryType } from '../wal/entry-type.js';
import { entryText, type EntryText } from '../wal/log-entry.js';
import type { DamageRecord, EntryRecord } from '../wal/records.js';
import { jsonDataError } from './data-validity.js';
import type { EntryPosition, StateEntry, VerifyIssue } from './verify-types.js';

/** jsonDataError of an entry's data, perhaps answered elsewhere (DataCheckSource.errorOf). */
export type DataError = (at: EntryPosition & { readonly length: number }, data: string) => string | undefined;

const inPlace: DataError = (_at, data) => jsonDataError(data);

interface TxOp {
  readonly type: EntryType;
  readonly documentId: string;
}

/** "Failed to read WAL entry: <kind> at <segment>:<offset>, <length> bytes" — shared with recovery. */
export function damageText(d: DamageRecord): string {
  return `Failed to read WAL entry: ${d.damage} at ${d.segment}:${d.offset}, ${d.length} bytes`;
}

/** The parsed data of a state entry (its text parsed when it was added, so this cannot fail). */
export function stateData(entry: StateEntry): JsonValue {
  const parsed = parseJson(entry.dataText);
  if (!parsed.ok) throw new Error(`state data no longer parses: ${parsed.message}`);
  return parsed.value;
}

/**
 * The original's `verify_wal_consistency` per-entry rules, quirks included (FORMAT.md,
 * "Verification"): a map document id → data (the log's state) and a map transaction id →
 * its entries since it was last closed. At most one issue per entry.
 */
export class OriginalRules {
  readonly state = new Map<string, StateEntry>();
  private readonly active = new Map<string, TxOp[]>();
  entriesProcessed = 0;

  constructor(private readonly dataError: DataError = inPlace) {}

  /** A damaged range: a critical issue with ids `unknown`, not counted as an entry. */
  damage(d: DamageRecord): VerifyIssue {
    return { transactionId: 'unknown', documentId: 'unknown', description: damageText(d), isCritical: true, segment: d.segment, offset: d.offset };
  }

  /** Whether the data of the last Insert/Update given to `entry` parses. */
  lastDataValid = false;

  /**
   * `t`: the entry's text, when the caller has it already. `keepOps` false: no Commit or
   * Rollback will ever name this entry's transaction (a standalone write), so it is not kept
   * in the transaction's list — which would otherwise hold every standalone entry of the log.
   */
  entry(record: EntryRecord, t: EntryText = entryText(record.entry), keepOps = true): VerifyIssue | undefined {
    this.entriesProcessed++;
    this.lastDataValid = false;
    const tx = t.transactionId;
    const doc = t.documentId;
    let ops = this.active.get(tx);
    if (keepOps) {
      if (!ops) this.active.set(tx, (ops = []));
      ops.push({ type: t.entryType, documentId: doc });
    }

    switch (t.entryType) {
      case 'Begin':
        return t.data !== null ? issueAt(record, t, 'Transaction begin entry should not contain data', false) : undefined;
      case 'Insert': {
        if (t.data === null) return issueAt(record, t, 'Insert operation missing data', true);
        const error = this.dataError(record, t.data);
        if (error !== undefined) return issueAt(record, t, `Invalid JSON data in insert operation: ${error}`, true);
        this.lastDataValid = true;
        if (this.state.has(doc)) return issueAt(record, t, `Document ${doc} already exists in WAL state`, true);
        this.state.set(doc, { dataText: t.data, transactionId: tx, at: { segment: record.segment, offset: record.offset } });
        return undefined;
      }
      case 'Update': {
        if (t.data === null) return issueAt(record, t, 'Update operation missing data', true);
        const error = this.dataError(record, t.data);
        if (error !== undefined) return issueAt(record, t, `Invalid JSON data in update operation: ${error}`, true);
        this.lastDataValid = true;
        this.state.set(doc, { dataText: t.data, transactionId: tx, at: { segment: record.segment, offset: record.offset } });
        return undefined;
      }
      case 'Delete':
        this.state.delete(doc);
        return undefined;
      case 'Commit':
        // The list always holds this Commit, so only a missing Begin can be reported.
        if (!ops?.some((op) => op.type === 'Begin')) return issueAt(record, t, 'Transaction missing begin entry', false, 'transaction');
        this.active.delete(tx);
        return undefined;
      case 'Rollback':
        this.active.delete(tx);
        for (let i = (ops?.length ?? 0) - 1; i >= 0; i--) {
          const op = ops![i]!;
          if (op.type === 'Insert') this.state.delete(op.documentId);
          else if (op.type === 'Update') return issueAt(record, t, 'Transaction rollback not fully supported in verification', false);
          else if (op.type === 'Delete') return issueAt(record, t, 'Transaction rollback for delete not supported', false);
        }
        return undefined;
    }
  }
}

/** An issue of the entry (a function, not a closure made per entry: most entries have none). */
function issueAt(record: EntryRecord, t: EntryText, description: string, isCritical: boolean, documentId = t.documentId): VerifyIssue {
  return { transactionId: t.transactionId, documentId, description, isCritical, segment: record.segment, offset: record.offset };
}
