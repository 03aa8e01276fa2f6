import * as path from 'node:path';
import type { VerifyReport } from '../../contract/contract-jobs.js';
import { readCollectionMetadata } from '../../store/collection-metadata.js';
import { checkDocuments } from '../../store/document-checks.js';
import { FsCollection } from '../../store/fs-collection.js';
import { verifyLog } from '../../verify/verify-log.js';
import type { VerifyProgress } from '../../verify/verify-types.js';
import type { LogLocation } from '../../wal/log-location.js';
import { readLogBatches } from '../../wal/read-log-batches.js';
import { withStoreFindings, type StoreFindingInput } from '../views/store-findings-view.js';
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

/** What the collection's own files say (hashes, signatures, `.deleted/`, WAL write mode), for our findings. */
async function storeFindingInput(store: string, deletedByLog: ReadonlySet<string>, signal?: AbortSignal): Promise<StoreFindingInput> {
  const [metadata, checks, live] = await Promise.all([
    readCollectionMetadata(store), checkDocuments(store, signal ? { signal } : {}),
    FsCollection.open(store).then((c) => c.listDocumentIds()).then((ids) => new Set(ids), () => new Set<string>()),
  ]);
  return { wal: metadata.wal, checks, deletedByLog, live: (id) => live.has(id) };
}

/**
 * Sentinel's verdict over a located chain, against the store when one is given, with our
 * findings beside it: verify.run (in place or on its worker thread) and `verify` both call this.
 */
export async function verifyLocation(location: LogLocation, options: VerifyRunOptions): Promise<VerifyReport> {
  const store = options.store === null ? null : path.resolve(options.store);
  const collection = store === null ? undefined : await FsCollection.open(store);
  const signal = options.signal ? { signal: options.signal } : {};
  // A function: verifyLog reads the chain again in the rare log whose Begin follows its operations.
  const records = () => readLogBatches(location, signal);
  const result = await verifyLog(records, collection, {
    ...signal, ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    // Data is checked in place: recovery's data-check thread (VerifyOptions.dataChecks) read and
    // decoded the chain a second time and, on our shared 2-core machine, gave no shorter run and
    // ~25-60 MiB more peak RSS (README, "Verify's per-entry costs").
    // Issues past the listing are only counted, so memory follows the listing, not the log.
    ...(options.listed === 'all' ? {} : { listed: options.listed }),
  });
  const report = verifyReportView(result, { listed: options.listed, store });
  return store === null ? report : withStoreFindings(report, await storeFindingInput(store, result.deletedLast ?? new Set(), options.signal), options.listed);
}
