import type { ByteSource } from '../byte-source.js';
import type { DamageRecord } from '../records.js';
import { repairParts } from '../repair/repair-groups.js';
import type { DamageAnalysis } from './damage-types.js';
import { analysisOf } from './impact-stream.js';

/**
 * Contiguous damage records of one binary segment that one flipped bit explains together (a
 * flipped length varint cut one entry in two): for each record of such a joined part, its
 * analysis as dump gives it (a single-bit error naming the bit and field). Ranges the repair
 * explains alone already say so in their own analysis; they are not listed.
 */
export function joinedRepairAnalyses(source: ByteSource, group: readonly DamageRecord[]): Array<{ readonly index: number; readonly analysis: DamageAnalysis }> {
  if (group.length < 2) return [];
  const out: Array<{ index: number; analysis: DamageAnalysis }> = [];
  let index = 0;
  for (const part of repairParts(source, group, 'binary')) {
    if (part.repair && part.records.length > 1) {
      const repairable = { bit: part.repair.bit, offset: part.offset, length: part.length, field: part.repair.field };
      part.records.forEach((r, k) => out.push({ index: index + k, analysis: analysisOf({ ...r, repairable }) }));
    }
    index += part.records.length;
  }
  return out;
}
