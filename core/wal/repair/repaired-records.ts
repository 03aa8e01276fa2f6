import { decodeBinaryEntry } from '../binary-codec.js';
import type { LogLocation } from '../log-location.js';
import type { ReadLogOptions } from '../read-log.js';
import type { WalRecord } from '../records.js';
import type { RepairableMark } from './mark-repairable.js';
import type { RepairPart } from './repair-groups.js';
import { readRepairBatches, readRepairSteps } from './repair-steps.js';
import { visitRepairSteps, type RecordVisitor } from './visit-repair-steps.js';

export interface RepairedReadOptions extends ReadLogOptions {
  /** Put each repaired entry where its damaged range was (an entry record marked `repaired`); else keep the damage, marked `repairable`. */
  readonly includeRepaired: boolean;
  /** Told of every range one flipped bit explains, as it is read (a reader that reads twice tells twice). */
  readonly onRepairable?: (part: RepairPart) => void;
}

function markOf(part: RepairPart): RepairableMark {
  return { bit: part.repair!.bit, offset: part.offset, length: part.length, field: part.repair!.field };
}

/**
 * A record source for recovery that can count a flipped bit as no loss: readLog, except that
 * every damaged range a single-bit repair explains is either replaced by the repaired entry
 * (`includeRepaired`) or kept as damage marked `repairable`, so a preview can say so either way.
 */
export function readLogWithRepairs(location: LogLocation, options: RepairedReadOptions): AsyncGenerator<WalRecord> {
  return readRepairSteps(location, options, partRecords(options));
}

/** readLogWithRepairs' records in batches of up to 4096 (one await per batch: history and restore read so). */
export function readLogWithRepairBatches(location: LogLocation, options: RepairedReadOptions): AsyncGenerator<readonly WalRecord[]> {
  return readRepairBatches(location, options, partRecords(options));
}

/** readLogWithRepairs' records told to a visitor, intact binary entries in place (restore's pass reads so). */
export function visitLogWithRepairs(location: LogLocation, options: RepairedReadOptions, visitor: RecordVisitor): Promise<void> {
  return visitRepairSteps(location, options, partRecords(options), visitor);
}

function partRecords(options: RepairedReadOptions): (part: RepairPart) => readonly WalRecord[] {
  return (part) => {
    if (!part.repair) return part.records;
    options.onRepairable?.(part);
    const mark = markOf(part);
    if (!options.includeRepaired) return part.records.map((r) => ({ ...r, repairable: mark }));
    return [{ kind: 'entry', segment: part.segment, offset: part.offset, length: part.length, entry: decodeBinaryEntry(part.repair.bytes), repaired: mark }];
  };
}
