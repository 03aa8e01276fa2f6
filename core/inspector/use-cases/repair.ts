import * as path from 'node:path';
import type { RecoveryReport } from '../../contract/contract-jobs.js';
import type { RepairItem, RepairPlan, RepairResult } from '../../contract/contract-repair.js';
import type { WalFormatName } from '../../contract/contract-types.js';
import type { LogLocation } from '../../wal/log-location.js';
import type { WalRecord } from '../../wal/records.js';
import type { RepairPart } from '../../wal/repair/repair-groups.js';
import { planRepair, writeRepairedLog } from '../../wal/repair/repair-log.js';
import { repairDone } from '../../wal/repair/repair-report.js';
import { readLogWithRepairBatches, readLogWithRepairs, visitLogWithRepairs } from '../../wal/repair/repaired-records.js';
import type { RecordVisitor } from '../../wal/repair/visit-repair-steps.js';
import { repairItemView, repairPlanView, repairResultView } from '../views/repair-view.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { locateLog, type LogLocation } from '../../wal/log-location.js';
export { repairLines } from '../views/repair-view.js';

export interface RepairChainOptions {
  /** Read every segment as this format instead of telling it from its bytes. */
  readonly inputFormat?: WalFormatName;
  readonly signal?: AbortSignal;
  /** Bytes of the chain's files gone through, of their total. */
  readonly onProgress?: (done: number, total: number) => void;
}

const readOptions = (o: RepairChainOptions) => ({
  ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.inputFormat ? { format: o.inputFormat } : {}),
});

/** repair.plan and `repair --dry-run`: which damaged ranges one flipped bit explains. Writes nothing. */
export async function planRepairOf(location: LogLocation, options: RepairChainOptions = {}): Promise<RepairPlan> {
  return repairPlanView(await planRepair(location, readOptions(options)));
}

/**
 * repair.apply and `repair`: a new copy of the log (a file for a segment, a directory for a
 * chain; never over an existing path) with every intact and every repaired entry.
 */
export async function repairChain(location: LogLocation, dest: string, options: RepairChainOptions = {}): Promise<RepairResult> {
  return repairResultView(await writeRepairedLog(location, path.resolve(dest), readOptions(options)));
}

/** Reads the chain for a recovery pass (the service time-slices what it returns). */
export type RecoveryReader = (location: LogLocation, options: { readonly signal?: AbortSignal }) => AsyncIterable<WalRecord>;

/**
 * recover --include-repaired, kept apart from the recovery itself: a record source that puts
 * each repaired entry where its damaged range was (or, without the option, notes which lost
 * ranges one flipped bit explains), and what that adds to the preview: the repaired entries
 * listed, the changes they take part in marked, a note either way.
 */
export class RecoveryRepairs {
  private readonly found = new Map<string, RepairPart>();

  constructor(readonly include: boolean) {}

  private readOptions(options: { readonly signal?: AbortSignal }) {
    return {
      ...(options.signal ? { signal: options.signal } : {}), includeRepaired: this.include,
      onRepairable: (part: RepairPart) => this.found.set(`${part.segment}\0${part.offset}`, part),
    };
  }

  readonly read: RecoveryReader = (location, options) => readLogWithRepairs(location, this.readOptions(options));

  /** `read` in batches of up to 256 records (restore's default reader: one await per batch). */
  readonly readBatches = (location: LogLocation, options: { readonly signal?: AbortSignal }): AsyncIterable<readonly WalRecord[]> =>
    readLogWithRepairBatches(location, this.readOptions(options));

  /** `read` told to a visitor, intact binary entries in place (restore's default reader: nothing built per entry). */
  readonly visit = (location: LogLocation, options: { readonly signal?: AbortSignal }, visitor: RecordVisitor): Promise<void> =>
    visitLogWithRepairs(location, this.readOptions(options), visitor);

  /** How many lost ranges one flipped bit explains (read so far). */
  get repairable(): number {
    return this.found.size;
  }

  /** The repaired entries (include) as the contract lists them; kept with the plan for apply. */
  entries(): RepairItem[] {
    return this.include ? [...this.found.values()].slice(0, 10_000).map((p) => repairItemView(repairDone(p))) : [];
  }

  /** The report with what the option did (include) or could do (not included). */
  mark<T extends RecoveryReport>(report: T, entries: readonly RepairItem[] = this.entries()): T {
    if (!this.include) {
      const n = this.found.size;
      if (n === 0) return report;
      return { ...report, include_repaired: false, notes: [...report.notes, repairableNote(n)] };
    }
    const docs = new Set(entries.map((e) => e.document_id));
    const changes = report.changes.map((c) => (docs.has(c.document_id) ? { ...c, includes_repaired: true } : c));
    return { ...report, include_repaired: true, repaired_entries: entries, changes, notes: entries.length > 0 ? [...report.notes, repairedNote(entries.length)] : report.notes };
  }
}

/** Without the option: what it would bring back. */
export function repairableNote(n: number): string {
  return `${n} of the lost ranges ${n === 1 ? 'is a single-bit error' : 'are single-bit errors'}: --include-repaired (include_repaired) replays the repaired ${n === 1 ? 'entry' : 'entries'}`;
}

/** With the option: what it replays. */
export function repairedNote(n: number): string {
  return `${n} ${n === 1 ? 'entry was' : 'entries were'} repaired (one flipped bit each, located by the CRC) and ${n === 1 ? 'is' : 'are'} replayed as read back`;
}
