import type { LogLocation } from './log-location.js';
import { compressionDamage, openSegments, yieldToEventLoop, type ReadLogOptions } from './read-log.js';
import type { WalRecord } from './records.js';
import { readSegmentRecords } from './segment-reader.js';

const BATCH = 256;

/**
 * readLog's records, in its order, in arrays of up to 256: one await per batch instead of one
 * per record (per-record awaits through the async generators were a tenth of a verify). Small
 * enough to die young: batches of 4,096 outlived the young generation and doubled the GC.
 * Entries own their bytes (entryFromLayout copies them), so a batch outlives the read window.
 */
export async function* readLogBatches(location: LogLocation, options: ReadLogOptions = {}): AsyncGenerator<WalRecord[]> {
  for await (const { segment, opened } of openSegments(location, options)) {
    let batch: WalRecord[] = [];
    for (const record of readSegmentRecords(opened.source, options)) {
      batch.push(record);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
        // As readLog: the event loop runs now and then, so a long read can be cancelled.
        await yieldToEventLoop(options.signal);
      }
    }
    const broken = compressionDamage(segment, opened);
    if (broken) batch.push(broken);
    if (batch.length > 0) yield batch;
  }
}
