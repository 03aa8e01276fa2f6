import type { ByteSource } from '../byte-source.js';
import { detectFormat } from '../detect-format.js';
import type { LogLocation, SegmentRef } from '../log-location.js';
import { compressionDamage, openSegments, yieldToEventLoop, type OpenedSegment, type ReadLogOptions } from '../read-log.js';
import type { DamageRecord, EntryRecord, WalFormat, WalRecord } from '../records.js';
import { readSegmentRecords } from '../segment-reader.js';
import { contiguous, repairParts, type RepairPart } from './repair-groups.js';

/** An intact entry, or a damaged range with what a single-bit repair makes of it. */
export type RepairStep =
  | { readonly kind: 'entry'; readonly record: EntryRecord }
  | { readonly kind: 'part'; readonly part: RepairPart };

/**
 * The records of one segment as repair steps, in file order. Damage records are held until
 * the next entry (or the end) so that contiguous ones are judged together; entries pass
 * through untouched, so a log without damage costs one generator step per record.
 */
export function* repairSteps(source: ByteSource, records: Iterable<WalRecord>, format: WalFormat): Generator<RepairStep> {
  let group: DamageRecord[] = [];
  for (const r of records) {
    if (r.kind === 'damage') {
      if (group.length > 0 && !contiguous(group[group.length - 1]!, r)) {
        for (const part of repairParts(source, group, format)) yield { kind: 'part', part };
        group = [];
      }
      group.push(r);
      continue;
    }
    if (group.length > 0) {
      for (const part of repairParts(source, group, format)) yield { kind: 'part', part };
      group = [];
    }
    yield { kind: 'entry', record: r };
  }
  for (const part of repairParts(source, group, format)) yield { kind: 'part', part };
}

export interface SegmentSteps {
  readonly segment: SegmentRef;
  readonly opened: OpenedSegment;
  readonly format: WalFormat;
  /** Consume before asking for the next segment: the segment's source closes then. */
  readonly steps: () => AsyncGenerator<RepairStep>;
}

/** Each segment of the chain in replay order with its repair steps (a stopped compressed stream last). */
export async function* repairSegments(location: LogLocation, options: ReadLogOptions = {}): AsyncGenerator<SegmentSteps> {
  for await (const { segment, opened } of openSegments(location, options)) {
    const format = options.format ?? detectFormat(opened.source);
    const records = function* (): Generator<WalRecord> {
      yield* readSegmentRecords(opened.source, { ...options, format });
      const broken = compressionDamage(segment, opened);
      if (broken) yield broken;
    };
    yield {
      segment, opened, format,
      steps: async function* () {
        let n = 0;
        for (const step of repairSteps(opened.source, records(), format)) {
          yield step;
          if (++n % 65536 === 0) await yieldToEventLoop(options.signal);
        }
      },
    };
  }
}
