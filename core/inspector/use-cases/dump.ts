import type { WalFormatName } from '../../contract/contract-types.js';
import { withImpact } from '../../wal/damage/impact-stream.js';
import { followLog } from '../../wal/follow-log.js';
import type { LogLocation } from '../../wal/log-location.js';
import { readLogMarkingRepairable } from '../../wal/repair/mark-repairable.js';
import type { WalRecord } from '../../wal/records.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { locateLog, type LogLocation } from '../../wal/log-location.js';
export type { WalRecord } from '../../wal/records.js';
export { recordMatcher, type RecordFilter } from '../query/record-filter.js';
export { dumpRecordView, recordToJson } from '../views/dump-view.js';

export interface DumpReadOptions {
  /** Forced input format (else detected per segment). */
  readonly format?: WalFormatName;
  /** Keep reading as the active segment grows, across rotations, until `signal` aborts. */
  readonly follow?: boolean;
  readonly signal?: AbortSignal;
  /** Told when a segment is opened: its position in the chain and its (decompressed) size. */
  readonly onSegment?: (segment: unknown, index: number, bytes: number) => void;
}

/**
 * `dump`: every record of a located chain in file order, streamed — no index is built, so a
 * dump starts at once and holds one window of the file at a time.
 */
export function dumpRecords(location: LogLocation, o: DumpReadOptions = {}): AsyncIterable<WalRecord> {
  const options = {
    ...(o.signal ? { signal: o.signal } : {}), ...(o.onSegment ? { onSegment: o.onSegment } : {}), ...(o.format ? { format: o.format } : {}),
  };
  // Repairability is judged on whole damaged ranges: not while following a log that may still grow into one.
  return withImpact(o.follow ? followLog(location, options) : readLogMarkingRepairable(location, options), !o.follow);
}
