import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDirectory } from '../fs/atomic-file.js';
import type { LogLocation, SegmentRef } from '../wal/log-location.js';
import { readLog } from '../wal/read-log.js';
import { ACTIVE_SEGMENT_NAME } from '../wal/segment-name.js';
import { fsError } from '../wal/wal-error.js';
import type { CheckpointResult, LogPosition, SegmentStamp } from './checkpoint-types.js';

/** The segment new entries go to: `transactions.wal`, or the one file given. */
export function activeSegment(location: LogLocation): SegmentRef | undefined {
  if (location.kind === 'segment') return location.segments[0];
  return location.segments.find((s) => s.name === ACTIVE_SEGMENT_NAME);
}

export async function stampOf(segment: SegmentRef): Promise<SegmentStamp> {
  try {
    const st = await stat(segment.path);
    return { name: segment.name, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
  } catch (err) {
    throw fsError(err, segment.path, 'stat');
  }
}

/** Where the log ends (reads the active segment to count its entries). */
export async function logPosition(location: LogLocation, signal?: AbortSignal): Promise<LogPosition> {
  const active = activeSegment(location);
  if (!active) return { segment: null, offset: 0, entries: 0, segments: location.segments.length };
  const stamp = await stampOf(active);
  let entries = 0;
  for await (const r of readLog({ ...location, segments: [active] }, signal ? { signal } : {})) if (r.kind === 'entry') entries++;
  return { segment: active.name, offset: stamp.size, entries, segments: location.segments.length };
}

/**
 * The original's checkpoint for a log that exists: everything written is flushed and fsynced
 * (the active segment and its directory). Reports where the log ends.
 */
export async function checkpointLog(location: LogLocation, signal?: AbortSignal): Promise<CheckpointResult> {
  const active = activeSegment(location);
  if (active && active.compression === 'none') {
    try {
      const fh = await open(active.path, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsyncDirectory(dirname(active.path));
    } catch (err) {
      throw fsError(err, active.path, 'sync');
    }
  }
  return { position: await logPosition(location, signal), synced: active !== undefined };
}
