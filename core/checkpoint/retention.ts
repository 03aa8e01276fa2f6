import type { RemoveStep } from './checkpoint-types.js';

export interface SealedSegment {
  readonly name: string;
  readonly secs: number;
  readonly seq: number;
  readonly duplicates: readonly string[];
}

/**
 * Which sealed segments to remove: those rotated more than `maxAgeSecs` before `nowSecs`,
 * and those beyond the newest `keep`. Oldest first. Pure.
 */
export function selectRemovals(
  sealed: readonly SealedSegment[], rules: { maxAgeSecs?: number; keep?: number; nowSecs: number },
): RemoveStep[] {
  const ordered = [...sealed].sort((a, b) => a.secs - b.secs || a.seq - b.seq);
  const out: RemoveStep[] = [];
  const excess = rules.keep === undefined ? 0 : Math.max(0, ordered.length - rules.keep);
  ordered.forEach((s, i) => {
    if (rules.maxAgeSecs !== undefined && s.secs < rules.nowSecs - rules.maxAgeSecs) {
      out.push({ segment: s.name, reason: 'age', duplicates: s.duplicates });
    } else if (i < excess) {
      out.push({ segment: s.name, reason: 'count', duplicates: s.duplicates });
    }
  });
  return out;
}
