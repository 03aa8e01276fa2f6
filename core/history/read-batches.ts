import type { LogLocation } from '../wal/log-location.js';
import { compressionDamage, openSegments, yieldToEventLoop, type ReadLogOptions } from '../wal/read-log.js';
import type { WalRecord } from '../wal/records.js';
import { readSegmentRecords } from '../wal/segment-reader.js';

const BATCH = 4096;

/**
 * readLog's records (the same, in the same order) in batches: a pass over millions of entries
 * awaits once per batch instead of once per record, and lets the event loop run between batches.
 */
export async function* readLogBatches(location: LogLocation, options: ReadLogOptions = {}): AsyncGenerator<readonly WalRecord[]> {
  for await (const { segment, opened } of openSegments(location, options)) {
    let batch: WalRecord[] = [];
    for (const record of readSegmentRecords(opened.source, options)) {
      batch.push(record);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
        await yieldToEventLoop(options.signal);
      }
    }
    const broken = compressionDamage(segment, opened);
    if (broken) batch.push(broken);
    if (batch.length > 0) yield batch;
  }
}
