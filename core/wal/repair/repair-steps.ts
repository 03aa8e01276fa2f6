import type { ByteSource } from '../byte-source.js';
import { detectFormat } from '../detect-format.js';
import type { LogLocation } from '../log-location.js';
import { compressionDamage, openSegments, yieldToEventLoop, type ReadLogOptions } from '../read-log.js';
import type { DamageRecord, EntryRecord, WalFormat, WalRecord } from '../records.js';
import { readSegmentRecords } from '../segment-reader.js';
import { contiguous, repairParts, type RepairPart } from './repair-groups.js';

/** An intact entry, or a damaged range with what a single-bit repair makes of it. */
export type RepairStep = EntryRecord | RepairPart;

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
        yield* repairParts(source, group, format);
        group = [];
      }
      group.push(r);
      continue;
    }
    if (group.length > 0) {
      yield* repairParts(source, group, format);
      group = [];
    }
    yield r;
  }
  yield* repairParts(source, group, format);
}

/**
 * Every segment of the chain in replay order as repair steps (a stopped compressed stream
 * last): entries as they are, each damaged range as `mapPart` makes it records. One async
 * layer, like readLog, and nothing allocated per entry.
 */
export async function* readRepairSteps(
  location: LogLocation, options: ReadLogOptions, mapPart: (part: RepairPart) => Iterable<WalRecord>,
): AsyncGenerator<WalRecord> {
  for await (const { segment, opened } of openSegments(location, options)) {
    const format = options.format ?? detectFormat(opened.source);
    const records = function* (): Generator<WalRecord> {
      yield* readSegmentRecords(opened.source, { ...options, format });
      const broken = compressionDamage(segment, opened);
      if (broken) yield broken;
    };
    let n = 0;
    for (const step of repairSteps(opened.source, records(), format)) {
      if (step.kind === 'entry') yield step;
      else yield* mapPart(step);
      if (++n % 65536 === 0) await yieldToEventLoop(options.signal);
    }
  }
}

// 256, as readLogBatches: batches of 4,096 entries (~5 MiB of a 1 KB-document log) outlived the
// young generation, and restore --until on 1 GiB spent 5.2 s of 16.5 s in scavenges (1.4 s at 256).
const BATCH = 256;

/**
 * readRepairSteps' records (the same, in the same order) in batches, as readLogBatches gives
 * readLog's: a pass over millions of entries awaits once per batch instead of once per record.
 */
export async function* readRepairBatches(
  location: LogLocation, options: ReadLogOptions, mapPart: (part: RepairPart) => Iterable<WalRecord>,
): AsyncGenerator<readonly WalRecord[]> {
  for await (const { segment, opened } of openSegments(location, options)) {
    const format = options.format ?? detectFormat(opened.source);
    const records = function* (): Generator<WalRecord> {
      yield* readSegmentRecords(opened.source, { ...options, format });
      const broken = compressionDamage(segment, opened);
      if (broken) yield broken;
    };
    let batch: WalRecord[] = [];
    for (const step of repairSteps(opened.source, records(), format)) {
      if (step.kind === 'entry') batch.push(step);
      else for (const r of mapPart(step)) batch.push(r);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
        await yieldToEventLoop(options.signal);
      }
    }
    if (batch.length > 0) yield batch;
  }
}
