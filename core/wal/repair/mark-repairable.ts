import type { LogLocation } from '../log-location.js';
import type { ReadLogOptions } from '../read-log.js';
import type { WalRecord } from '../records.js';
import type { RepairField } from './bit-locator.js';
import type { RepairPart } from './repair-groups.js';
import { readRepairSteps } from './repair-steps.js';

/** On a damage record that one flipped bit explains: which bit, in which range (the record, or it joined with its neighbours). */
export interface RepairableMark {
  /** Bit offset in [offset, offset + length): byte * 8 + bit, bit 0 the least significant. */
  readonly bit: number;
  /** The range the repaired entry spans: the record's own, or several contiguous records' (a flipped length varint splits an entry). */
  readonly offset: number;
  readonly length: number;
  readonly field: RepairField;
}

function marked(part: RepairPart): readonly WalRecord[] {
  if (!part.repair) return part.records;
  const repairable: RepairableMark = { bit: part.repair.bit, offset: part.offset, length: part.length, field: part.repair.field };
  return part.records.map((r) => ({ ...r, repairable }));
}

/** readLog, with every damage record that a single-bit repair explains marked `repairable`. */
export function readLogMarkingRepairable(location: LogLocation, options: ReadLogOptions = {}): AsyncGenerator<WalRecord> {
  return readRepairSteps(location, options, marked);
}
