import type { ConvertResult } from '../../contract/contract-jobs.js';
import type { ConvertResult as CoreConvert } from '../../wal/convert-log.js';

/** A conversion done: counts, and the damaged ranges left out listed beside their count. */
export function convertResultView(file: string, r: CoreConvert): ConvertResult {
  return {
    path: file, entries: r.entries,
    skipped_damage: r.damage.length,
    skipped: r.damage.map((d) => ({ segment: d.segment, offset: d.offset, length: d.length, damage: d.damage, detail: d.detail })),
    bytes: r.bytesWritten,
    lossy_ids: r.lossyIds,
  };
}
