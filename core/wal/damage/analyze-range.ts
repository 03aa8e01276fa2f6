import type { ByteSource } from '../byte-source.js';
import type { DamageKind } from '../records.js';
import { ANALYSIS_LIMIT, analyzeDamage } from './analyze-damage.js';
import type { DamageAnalysis } from './damage-types.js';

/**
 * analyzeDamage over a range of a segment, read from its source: only when damage is found,
 * so a log without damage pays nothing, and at most ANALYSIS_LIMIT bytes per range.
 */
export function analyzeRange(source: ByteSource, kind: DamageKind, offset: number, length: number, detail: string): DamageAnalysis {
  const n = Math.max(0, Math.min(length, ANALYSIS_LIMIT));
  const bytes = new Uint8Array(n);
  const got = n > 0 ? source.readInto(bytes, 0, offset, n) : 0;
  return analyzeDamage({ kind, detail, bytes: got === n ? bytes : bytes.subarray(0, got), length, remaining: Math.max(length, source.size() - offset) });
}
