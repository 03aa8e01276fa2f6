import type { DamageRecord, EntryRecord, WalRecord } from '../records.js';
import { analyzeDamage } from './analyze-damage.js';
import { buildImpact } from './damage-impact.js';
import type { DamageAnalysis, NeighbourEntry } from './damage-types.js';

export function neighbourOf(r: EntryRecord): NeighbourEntry {
  return { segment: r.segment, offset: r.offset, length: r.length, entry_type: r.entry.entryType, timestamp: r.entry.timestamp.toString() };
}

/**
 * The record's analysis (one read without looking at its bytes: of its kind and detail only).
 * A record the repair marked `repairable` as part of a joined range (a flipped length varint
 * cut one entry into two records) is a single-bit error, whatever its own bytes suggested.
 */
export function analysisOf(r: DamageRecord): DamageAnalysis {
  const a = r.analysis ?? analyzeDamage({ kind: r.damage, detail: r.detail, bytes: new Uint8Array(0), length: r.length, remaining: r.length });
  const mark = r.repairable;
  if (!mark || a.cause.kind === 'single-bit') return a;
  const byte = mark.offset + (mark.bit >> 3);
  const where = byte >= r.offset && byte < r.offset + r.length ? 'in this part' : 'in another part of it';
  return {
    ...a,
    cause: {
      kind: 'single-bit', bit: mark.bit, field: mark.field,
      text: `one bit differs (bit ${mark.bit % 8} of byte +0x${(mark.bit >> 3).toString(16)} of the ${mark.length}-byte entry at ${mark.offset}, in its ${mark.field.replace(/-/g, ' ')}, ${where}): a bit flipped on disk or in memory, so it can be repaired exactly`,
    },
  };
}

/** The distinct document ids the ranges' unverified fields name, in file order. */
export function documentsOf(ranges: readonly DamageRecord[]): string[] {
  const ids = ranges.map((r) => analysisOf(r).unverified?.document_id).filter((d): d is string => !!d);
  return [...new Set(ids)];
}

const touches = (a: DamageRecord, b: DamageRecord) => a.segment === b.segment && a.offset + a.length === b.offset;

/**
 * The records with each damage record's impact attached: the intact entries before and after
 * it in replay order, its estimate and its incident (touching ranges). Damage records wait
 * for the next entry (or the end); entries pass at once. `hold: false` (a followed log, where
 * the next entry may never come): each damage record goes out at once, without `after`, its
 * incident counted so far.
 */
export async function* withImpact(records: AsyncIterable<WalRecord>, hold = true): AsyncGenerator<WalRecord> {
  let before: NeighbourEntry | null = null;
  let pending: DamageRecord[] = [];
  let incidents = 0;
  let part = 0;
  let last: DamageRecord | null = null;
  let start = 0;
  let current = 0;
  let parts: DamageRecord[] = [];

  const finish = (after: NeighbourEntry | null): DamageRecord[] => {
    // Group the pending ranges into incidents, then attach each range's impact.
    const out: DamageRecord[] = [];
    let i = 0;
    while (i < pending.length) {
      let j = i + 1;
      while (j < pending.length && touches(pending[j - 1]!, pending[j]!)) j++;
      const first = pending[i]!;
      const lastOne = pending[j - 1]!;
      const documents = documentsOf(pending.slice(i, j));
      const incident = { index: incidents++, parts: j - i, offset: first.offset, length: lastOne.offset + lastOne.length - first.offset, documents };
      for (let k = i; k < j; k++) {
        const r = pending[k]!;
        out.push({ ...r, impact: buildImpact({ kind: r.damage, length: r.length, analysis: analysisOf(r), before, after, incident: { ...incident, part: k - i } }) });
      }
      i = j;
    }
    pending = [];
    return out;
  };

  for await (const r of records) {
    if (r.kind === 'entry') {
      if (pending.length > 0) yield* finish(neighbourOf(r));
      before = neighbourOf(r);
      last = null;
      yield r;
      continue;
    }
    if (hold) {
      pending.push(r);
      continue;
    }
    if (last && touches(last, r)) part++;
    else {
      current = incidents++;
      part = 0;
      start = r.offset;
      parts = [];
    }
    last = r;
    parts.push(r);
    const incident = { index: current, part, parts: part + 1, offset: start, length: r.offset + r.length - start, documents: documentsOf(parts) };
    yield { ...r, impact: buildImpact({ kind: r.damage, length: r.length, analysis: analysisOf(r), before, after: null, incident }) };
  }
  if (pending.length > 0) yield* finish(null);
}
