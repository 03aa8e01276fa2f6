import { parentPort, workerData } from 'node:worker_threads';
import { jsonDataError } from '../verify/data-validity.js';
import type { LogLocation } from '../wal/log-location.js';
import { readLogBatches } from '../wal/read-log-batches.js';
import { CHECKS_AHEAD, type DataCheckMessage } from './data-check-messages.js';

/**
 * The second thread of a force plan: reads the chain as readLog does and checks the data of
 * every Insert/Update with it (jsonDataError: JSON.parse and its garbage were the plan's
 * largest cost), posting each batch's positions and failures. At most CHECKS_AHEAD batches
 * wait unread in the plan's thread, so memory stays flat: the plan's thread counts the batches
 * it is done with in shared memory (`done[0]`), and this one sleeps while it is that far ahead
 * (a message back per batch cost the plan's thread ~1 ms each under load, a notify too).
 */
const port = parentPort!;
const { location, done } = workerData as { location: LogLocation; done: Int32Array };
let posted = 0;

const segments = new Map<string, number>();
try {
  for await (const batch of readLogBatches(location)) {
    const offsets: number[] = [];
    const lengths: number[] = [];
    const failures: [number, string][] = [];
    let segment = '';
    for (const r of batch) {
      if (r.kind !== 'entry' || r.entry.data === null || (r.entry.entryType !== 'Insert' && r.entry.entryType !== 'Update')) continue;
      segment = r.segment;
      const error = jsonDataError(r.entry.data);
      if (error !== undefined) failures.push([offsets.length, error]);
      offsets.push(r.offset);
      lengths.push(r.length);
    }
    if (offsets.length === 0) continue;
    let index = segments.get(segment);
    if (index === undefined) segments.set(segment, (index = segments.size));
    const o = Float64Array.from(offsets);
    const l = Float64Array.from(lengths);
    const message: DataCheckMessage = { t: 'checked', segment, index, offsets: o, lengths: l, failures };
    port.postMessage(message, [o.buffer, l.buffer]);
    posted++;
    // Polled, not notified: a notify per batch cost the plan's thread more than its checks saved.
    for (let seen = Atomics.load(done, 0); posted - seen >= CHECKS_AHEAD; seen = Atomics.load(done, 0)) Atomics.wait(done, 0, seen, 2);
  }
  port.postMessage({ t: 'done' } satisfies DataCheckMessage);
} catch (err) {
  // The plan's thread checks the rest itself (and meets the same error reading, as its own).
  port.postMessage({ t: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies DataCheckMessage);
}
