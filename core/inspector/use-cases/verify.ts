import * as path from 'node:path';
import type { VerifyReport } from '../../contract/contract-jobs.js';
import { FsCollection } from '../../store/fs-collection.js';
import { verifyLog } from '../../verify/verify-log.js';
import type { VerifyProgress } from '../../verify/verify-types.js';
import type { LogLocation } from '../../wal/log-location.js';
import { readLog } from '../../wal/read-log.js';
import { verifyReportView, type VerifyListed } from '../views/verify-view.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { locateLog, type LogLocation } from '../../wal/log-location.js';
export type { VerifyListed } from '../views/verify-view.js';
export type { VerifyProgress } from '../../verify/verify-types.js';

export interface VerifyRunOptions {
  /** The collection directory to compare the log's final state with; null: the log alone. */
  readonly store: string | null;
  /** Issues of each severity and findings of each kind the report lists (verify.run: VERIFY_LISTED; `verify --json`: all). */
  readonly listed: VerifyListed;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: VerifyProgress) => void;
}

/**
 * Sentinel's verdict over a located chain, against the store when one is given, with our
 * findings beside it: verify.run (in place or on its worker thread) and `verify` both call this.
 */
export async function verifyLocation(location: LogLocation, options: VerifyRunOptions): Promise<VerifyReport> {
  const store = options.store === null ? null : path.resolve(options.store);
  const collection = store === null ? undefined : await FsCollection.open(store);
  const signal = options.signal ? { signal: options.signal } : {};
  const result = await verifyLog(readLog(location, signal), collection, {
    ...signal, ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    // Issues past the listing are only counted, so memory follows the listing, not the log.
    ...(options.listed === 'all' ? {} : { listed: options.listed }),
  });
  return verifyReportView(result, { listed: options.listed, store });
}
