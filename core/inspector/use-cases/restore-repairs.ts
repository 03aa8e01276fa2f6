import type { RestoreRepairedEntry, RestoreReport } from '../../contract/contract-history.js';
import type { LogLocation } from '../../wal/log-location.js';
import type { WalRecord } from '../../wal/records.js';
import type { RecordVisitor } from '../../wal/repair/visit-repair-steps.js';
import { RecoveryRepairs, repairableNote, repairedNote, type RecoveryReader } from './repair.js';

/**
 * restore --include-repaired: recovery's repair-aware record source, one per collection read
 * (a store root's collections all have a `transactions.wal`, so the ranges found are kept
 * apart by the log they came from), and what it adds to the preview: the repaired entries
 * listed with their collection, the changes they take part in marked, a note either way.
 */
export class RestoreRepairs {
  private readonly logs = new Map<LogLocation, RecoveryRepairs>();

  constructor(readonly include: boolean) {}

  private of(location: LogLocation): RecoveryRepairs {
    let repairs = this.logs.get(location);
    if (!repairs) this.logs.set(location, (repairs = new RecoveryRepairs(this.include)));
    return repairs;
  }

  /** One record at a time (the service time-slices these). */
  readonly read: RecoveryReader = (location, options) => this.of(location).read(location, options);

  /** In batches of up to 256 (the CLI's reader: one await per batch, as readLogBatches). */
  readonly readBatches = (location: LogLocation, options: { readonly signal?: AbortSignal }): AsyncIterable<readonly WalRecord[]> =>
    this.of(location).readBatches(location, options);

  /** `read` told to a visitor (the CLI's reader: intact entries in place, nothing built per entry). */
  readonly visit = (location: LogLocation, options: { readonly signal?: AbortSignal }, visitor: RecordVisitor): Promise<void> =>
    this.of(location).visit(location, options, visitor);

  /**
   * The report marked. planRestore reads each collection's log (once or twice, always the same
   * LogLocation) in the order of `report.collections`, so the n-th log read is the n-th collection.
   */
  mark(report: RestoreReport): RestoreReport {
    const logs = [...this.logs.values()];
    if (!this.include) {
      const n = logs.reduce((sum, r) => sum + r.repairable, 0);
      return n === 0 ? report : { ...report, include_repaired: false, notes: [...report.notes, repairableNote(n)] };
    }
    const entries: RestoreRepairedEntry[] = logs.flatMap((r, i) => r.entries().map((e) => ({ ...e, collection: report.collections[i] ?? '' })));
    const touched = new Set(entries.map((e) => `${e.collection}\0${e.document_id}`));
    const changes = report.changes.map((c) => (touched.has(`${c.collection}\0${c.document_id}`) ? { ...c, includes_repaired: true } : c));
    const notes = entries.length > 0 ? [...report.notes, repairedNote(entries.length)] : report.notes;
    return { ...report, include_repaired: true, repaired_entries: entries, changes, notes };
  }
}
