import { join } from 'node:path';
import { compressionExtension } from '../wal/compression/compression.js';
import type { LogLocation } from '../wal/log-location.js';
import { listSegments, nextFreeRotatedName, parseSegmentName } from '../wal/segment-name.js';
import { WalError } from '../wal/wal-error.js';
import type { CompactBlocker, CompactOptions, CompactPlan, SealStep } from './checkpoint-types.js';
import { guardBlockers } from './log-guards.js';
import { activeSegment, logPosition, stampOf } from './log-position.js';
import { selectRemovals, type SealedSegment } from './retention.js';
import { checkStoreReflectsLog } from './store-reflects.js';

export const systemSecs = (): number => Math.floor(Date.now() / 1000);

/** Store findings listed one by one in a plan; the rest are counted. */
const LISTED_BLOCKERS = 100;

/** One sentence for `refused`: the verdict, the store findings (first three), the rest whole. */
function refusalOf(criticalIssues: number, blockers: readonly CompactBlocker[], total: number): string | null {
  const parts: string[] = [];
  if (criticalIssues > 0) {
    parts.push(`verification has ${criticalIssues} critical issue${criticalIssues === 1 ? '' : 's'}: the store does not reflect the whole log, so no entry may be sealed away or removed`);
  }
  const store = blockers.filter((b) => b.kind !== 'critical-issues' && b.kind !== 'log-in-use' && b.kind !== 'symlink');
  if (store.length > 0) {
    const more = total - 3;
    parts.push(`the store does not reflect the log exactly (${total} finding${total === 1 ? '' : 's'}): ${store.slice(0, 3).map((b) => b.description).join('; ')}${more > 0 ? `; and ${more} more` : ''}`);
  }
  for (const b of blockers) if (b.kind === 'log-in-use' || b.kind === 'symlink') parts.push(b.description);
  return parts.length > 0 ? parts.join('. ') : null;
}

/**
 * Previews `checkpoint --compact`, writing nothing: verifies that the collection holds exactly
 * what the whole chain says (Sentinel's verdict, plus our findings and every Delete's
 * soft-deleted copy), that nobody is writing the log and no link is in the way, names the
 * rotated segment the active one would be sealed as (never an existing name) and the sealed
 * segments that the age and count rules would remove. Any blocker refuses the plan.
 */
export async function planCompaction(location: LogLocation, options: CompactOptions = {}): Promise<CompactPlan> {
  const { walDir, collectionDir } = location;
  if (location.kind !== 'wal-dir' || walDir === null || collectionDir === null) {
    throw new WalError('INVALID_ARGUMENT', `${location.input}: compaction needs a collection directory (or its .wal/ directory) to verify the store against`, { file: location.input });
  }
  options.onProgress?.({ phase: 'verify', done: 0 });
  const { verified, blockers: storeBlockers } = await checkStoreReflectsLog(location, collectionDir, options.signal);
  const criticalIssues = verified.issues.filter((i) => i.isCritical).length;

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
  const remove = [];
  for (const step of selectRemovals(sealed, {
    nowSecs, ...(options.maxAgeSecs !== undefined ? { maxAgeSecs: options.maxAgeSecs } : {}),
    ...(options.keep !== undefined ? { keep: options.keep } : {}),
  })) {
    const ref = location.segments.find((s) => s.name === step.segment);
    remove.push(ref ? { ...step, stamp: await stampOf(ref) } : step);
  }

  const touched = [...(active ? [active.path] : []), ...remove.flatMap((r) => [r.segment, ...r.duplicates].map((n) => join(walDir, n)))];
  const guards = await guardBlockers(walDir, touched, options.checkWriters);
  const blockers: CompactBlocker[] = [
    ...(criticalIssues > 0 ? [{ kind: 'critical-issues' as const, description: `verification has ${criticalIssues} critical issue${criticalIssues === 1 ? '' : 's'}` }] : []),
    ...storeBlockers.slice(0, LISTED_BLOCKERS), ...guards.blockers,
  ];
  return {
    walDir, collectionDir,
    verification: { passed: verified.passed, entriesProcessed: verified.entriesProcessed, criticalIssues },
    refused: refusalOf(criticalIssues, blockers, storeBlockers.length),
    blockers, blockersTotal: blockers.length - Math.min(storeBlockers.length, LISTED_BLOCKERS) + storeBlockers.length,
    writerCheck: guards.method,
    seal, remove, active: stamp,
    segments: location.segments.map((s) => s.name),
    position: await logPosition(location, options.signal),
  };
}
