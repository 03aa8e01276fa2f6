import * as path from 'node:path';
import type { WalFormatName } from '../../contract/contract-types.js';
import type { ConvertResult } from '../../contract/contract-jobs.js';
import { convertLog } from '../../wal/convert-log.js';
import type { LogLocation } from '../../wal/log-location.js';
import { convertResultView } from '../views/convert-view.js';
import type { EntryRecord } from '../../wal/records.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { locateLog, type LogLocation } from '../../wal/log-location.js';

export interface ConvertOptions {
  /** The output's format. */
  readonly format: WalFormatName;
  /** Read the input as this format instead of telling it from each segment. */
  readonly inputFormat?: WalFormatName;
  readonly signal?: AbortSignal;
  /** Entries written so far (after each ~1 MiB written). */
  readonly onProgress?: (entries: number) => void;
  /** Write only the entries it accepts (a where); the others are left out silently. */
  readonly keep?: (record: EntryRecord) => boolean;
}

/**
 * convert.run and `convert`: every intact entry of the chain, in replay order, to a new file
 * (never overwritten) in the other format; damaged ranges are left out and listed.
 */
export async function convertChain(location: LogLocation, dest: string, options: ConvertOptions): Promise<ConvertResult> {
  const out = path.resolve(dest);
  const r = await convertLog(location, out, options.format, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.inputFormat ? { inputFormat: options.inputFormat } : {}),
    ...(options.keep ? { keep: options.keep } : {}),
  });
  return convertResultView(out, r);
}
