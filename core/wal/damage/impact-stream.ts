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
      kind: 'single-bit', bit: mark.bit, field: mark.field, entry: { offset: mark.offset, length: mark.length },
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
 * Attaches impacts as records come: entries pass as they are; damage records wait for the next
 * entry (or the end) when `hold`, else go out at once without `after`, their incident counted
 * so far. The entry before a range is kept as its record and described only when a range
 * needs it, so a log without damage costs one comparison per record.
 */
class ImpactAnnotator {
  private lastEntry: EntryRecord | null = null;
  private pending: DamageRecord[] = [];
  private incidents = 0;
  private part = 0;
  private last: DamageRecord | null = null;
  private start = 0;
  private current = 0;
  private parts: DamageRecord[] = [];

  constructor(private readonly hold: boolean) {}

  /** Nothing waits: an entry can pass untouched. */
  get idle(): boolean {
    return this.pending.length === 0 && this.last === null;
  }

  entry(r: EntryRecord): void {
    this.lastEntry = r;
    this.last = null;
  }

  /** What goes out now for `r`, in order. */
  push(r: WalRecord): WalRecord[] {
    if (r.kind === 'entry') {
      const out = this.pending.length > 0 ? this.finish(neighbourOf(r)) : [];
      this.entry(r);
      out.push(r);
      return out;
    }
    if (this.hold) {
      this.pending.push(r);
      return [];
    }
    if (this.last && touches(this.last, r)) this.part++;
    else {
      this.current = this.incidents++;
      this.part = 0;
      this.start = r.offset;
      this.parts = [];
    }
    this.last = r;
    this.parts.push(r);
    const incident = { index: this.current, part: this.part, parts: this.part + 1, offset: this.start, length: r.offset + r.length - this.start, documents: documentsOf(this.parts) };
    return [{ ...r, impact: buildImpact({ kind: r.damage, offset: r.offset, length: r.length, analysis: analysisOf(r), before: this.before(), after: null, incident }) }];
  }

  end(): WalRecord[] {
    return this.pending.length > 0 ? this.finish(null) : [];
  }

  private before(): NeighbourEntry | null {
    return this.lastEntry ? neighbourOf(this.lastEntry) : null;
  }

  /** Groups the pending ranges into incidents, then attaches each range's impact. */
  private finish(after: NeighbourEntry | null): WalRecord[] {
    const pending = this.pending;
    const before = this.before();
    const out: WalRecord[] = [];
    let i = 0;
    while (i < pending.length) {
      let j = i + 1;
      while (j < pending.length && touches(pending[j - 1]!, pending[j]!)) j++;
      const first = pending[i]!;
      const lastOne = pending[j - 1]!;
      const documents = documentsOf(pending.slice(i, j));
      const incident = { index: this.incidents++, parts: j - i, offset: first.offset, length: lastOne.offset + lastOne.length - first.offset, documents };
      for (let k = i; k < j; k++) {
        const r = pending[k]!;
        out.push({ ...r, impact: buildImpact({ kind: r.damage, offset: r.offset, length: r.length, analysis: analysisOf(r), before, after, incident: { ...incident, part: k - i } }) });
      }
      i = j;
    }
    this.pending = [];
    return out;
  }
}

/**
 * The records with each damage record's impact attached: the intact entries before and after
 * it in replay order, its estimate and its incident (touching ranges); see ImpactAnnotator.
 * A plain async iterator rather than a generator: an entry with nothing pending is handed on
 * as the inner iterator gave it, without a generator's suspend and resume per record (that
 * layer had cost 11 % of a read loop). Closing it closes the inner one (a dump with --limit).
 */
export function withImpact(records: AsyncIterable<WalRecord>, hold = true): AsyncIterableIterator<WalRecord> {
  const inner = records[Symbol.asyncIterator]();
  const annotator = new ImpactAnnotator(hold);
  let queue: WalRecord[] = [];
  let at = 0;
  let ended = false;
  const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };
  const pull = (): Promise<IteratorResult<WalRecord>> => inner.next().then(step);
  const drain = (): IteratorResult<WalRecord> | Promise<IteratorResult<WalRecord>> => {
    if (at < queue.length) return { value: queue[at++]!, done: false };
    return ended ? DONE : pull();
  };
  const step = (res: IteratorResult<WalRecord>): IteratorResult<WalRecord> | Promise<IteratorResult<WalRecord>> => {
    if (res.done) {
      ended = true;
      queue = annotator.end();
      at = 0;
      return drain();
    }
    const r = res.value;
    if (r.kind === 'entry' && annotator.idle) {
      annotator.entry(r);
      return res;
    }
    queue = annotator.push(r);
    at = 0;
    return drain();
  };
  return {
    next: () => Promise.resolve(drain()),
    return: async () => {
      ended = true;
      queue = [];
      await inner.return?.();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
