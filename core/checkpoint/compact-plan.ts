import { FsCollection } from '../store/fs-collection.js';
import { verifyLog } from '../verify/verify-log.js';
import { compressionExtension } from '../wal/compression/compression.js';
import type { LogLocation } from '../wal/log-location.js';
import { readLog } from '../wal/read-log.js';
import { listSegments, nextFreeRotatedName, parseSegmentName } from '../wal/segment-name.js';
import { WalError } from '../wal/wal-error.js';
import type { CompactOptions, CompactPlan, SealStep } from './checkpoint-types.js';
import { activeSegment, logPosition, stampOf } from './log-position.js';
import { selectRemovals, type SealedSegment } from './retention.js';

export const systemSecs = (): number => Math.floor(Date.now() / 1000);

/**
 * Previews `checkpoint --compact`, writing nothing: verifies that the collection holds what
 * the whole chain says (refused on any critical issue), names the rotated segment the active
 * one would be sealed as (never an existing name) and the sealed segments that the age and
 * count rules would remove.
 */
export async function planCompaction(location: LogLocation, options: CompactOptions = {}): Promise<CompactPlan> {
  const { walDir, collectionDir } = location;
  if (location.kind !== 'wal-dir' || walDir === null || collectionDir === null) {
    throw new WalError('INVALID_ARGUMENT', `${location.input}: compaction needs a collection directory (or its .wal/ directory) to verify the store against`, { file: location.input });
  }
  const store = await FsCollection.open(collectionDir);
  options.onProgress?.({ phase: 'verify', done: 0 });
  const verified = await verifyLog(readLog(location, options.signal ? { signal: options.signal } : {}), store, options.signal ? { signal: options.signal } : {});
  const criticalIssues = verified.issues.filter((i) => i.isCritical).length;
  const refused = verified.passed ? null
    : `verification has ${criticalIssues} critical issue${criticalIssues === 1 ? '' : 's'}: the store does not reflect the whole log, so no entry may be sealed away or removed`;

  const active = activeSegment(location);
  const stamp = active ? await stampOf(active) : null;
  const nowSecs = (options.nowSecs ?? systemSecs)();
  let seal: SealStep | null = null;
  if (active && stamp && stamp.size > 0) {
    const to = await nextFreeRotatedName(walDir, nowSecs);
    const compression = options.compression ?? 'none';
    seal = { from: active.name, to, compression, final: to + compressionExtension(compression) };
  }

  const listed = await listSegments(walDir);
  const sealed: SealedSegment[] = [];
  for (const s of listed.segments) {
    if (s.kind !== 'rotated') continue;
    sealed.push({ name: s.name, secs: s.secs, seq: s.seq, duplicates: listed.duplicates.filter((d) => d.readInstead === s.name).map((d) => d.file) });
  }
  if (seal) {
    const p = parseSegmentName(seal.to);
    if (p?.kind === 'rotated') sealed.push({ name: seal.final, secs: p.secs, seq: p.seq, duplicates: [] });
  }
  const remove = selectRemovals(sealed, {
    nowSecs, ...(options.maxAgeSecs !== undefined ? { maxAgeSecs: options.maxAgeSecs } : {}),
    ...(options.keep !== undefined ? { keep: options.keep } : {}),
  });
  return {
    walDir, collectionDir,
    verification: { passed: verified.passed, entriesProcessed: verified.entriesProcessed, criticalIssues },
    refused, seal, remove, active: stamp,
    segments: location.segments.map((s) => s.name),
    position: await logPosition(location, options.signal),
  };
}
