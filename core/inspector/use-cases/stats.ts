import * as fs from 'node:fs/promises';
import type { Stats, WalFormatName } from '../../contract/contract-types.js';
import type { LogLocation } from '../../wal/log-location.js';
import { indexLog } from '../index/index-log.js';
import { rowStatsOfLog } from '../query/log-stats.js';
import { statsView } from '../views/stats-view.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { locateLog, type LogLocation } from '../../wal/log-location.js';

/** Where the index is: `done` bytes into segment `segment` (`name`) of `bytes` bytes on disk. */
export interface StatsProgress {
  readonly segment: number;
  readonly name: string;
  readonly done: number;
  readonly bytes: number;
}

export interface StatsRunOptions {
  /** Forced input format (else detected per segment). */
  readonly format?: WalFormatName;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: StatsProgress) => void;
  /** A CEL where expression (see combineWhere): count only the entries and damaged ranges it matches. */
  readonly where?: string;
}

/**
 * `stats`: indexes a located chain outside any session (the service's index, both threads) and
 * counts it with the function stats.get counts a session's rows with; the same contract Stats.
 */
export async function statsOfLocation(location: LogLocation, o: StatsRunOptions = {}): Promise<Stats> {
  const segments = await Promise.all(location.segments.map(async (seg) => ({
    name: seg.name, path: seg.path, compression: seg.compression, fileBytes: (await fs.stat(seg.path).catch(() => ({ size: 0 }))).size,
  })));
  // As a session's SegmentState: an uncompressed segment's size is its file's, a compressed one's is known once opened.
  const bytes = segments.map((s): number | null => (s.compression === 'none' ? s.fileBytes : null));
  const { onProgress } = o;
  // The index reports bytes over the whole chain: told against the segment they fall in.
  const progress = onProgress && ((done: number) => {
    let before = 0;
    for (const [k, seg] of segments.entries()) {
      if (done < before + seg.fileBytes || k === segments.length - 1) {
        onProgress({ segment: k, name: seg.name, done: done - before, bytes: seg.fileBytes });
        return;
      }
      before += seg.fileBytes;
    }
  });
  const started = Date.now();
  const store = await indexLog(segments, {
    // Counted as indexed, in both threads (a where counts its matches over the rows instead).
    idsUtf8: true, counts: o.where === undefined, onSegment: (k, n) => { bytes[k] = n; },
    ...(o.signal ? { signal: o.signal } : {}), ...(progress ? { onProgress: progress } : {}), ...(o.format ? { format: o.format } : {}),
  });
  const indexMs = Date.now() - started;
  // The query engine loads only for a query: plain stats starts without it.
  const keep = o.where === undefined ? undefined : await (await import('../query/where/where-of-log.js')).whereRowsOfLog(store, segments, o.where, o.format, o.signal);
  const counted = await rowStatsOfLog(store, segments, o.format, keep);
  return statsView(counted, segments.map((s, k) => ({ ...s, bytes: bytes[k]! })), { complete: true, indexMs });
}
