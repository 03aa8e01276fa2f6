import { BinaryScanner, SCAN_DAMAGE, SCAN_END } from '../binary-scanner.js';
import { ByteWindow } from '../byte-source.js';
import { detectFormat } from '../detect-format.js';
import type { EntryLayout } from '../binary-layout.js';
import type { LogLocation } from '../log-location.js';
import { compressionDamage, openSegments, yieldToEventLoop, type ReadLogOptions } from '../read-log.js';
import type { DamageRecord, WalRecord } from '../records.js';
import { binaryDamageRecord, readSegmentRecords } from '../segment-reader.js';
import { contiguous, repairParts, type RepairPart } from './repair-groups.js';
import { repairSteps } from './repair-steps.js';

/** Told of every record of a chain, in replay order, as a reader finds them. */
export interface RecordVisitor {
  /**
   * An intact entry of a binary segment, where the scanner found it: `buf` and `layout` are
   * borrowed, valid during this call only (the window moves on); nothing was copied or decoded.
   */
  entry(buf: Uint8Array, layout: EntryLayout, segment: string, offset: number): void;
  /** Every other record: damage as `mapPart` makes it, a repaired entry, an entry of a JSON Lines segment. */
  record(r: WalRecord): void;
}

// A cancelled read stops within this many entries (one setImmediate per slice costs nothing next to them).
const SLICE = 4096;

/**
 * readRepairBatches' records (the same, in the same order), told to a visitor instead of
 * built: a binary segment's intact entries go to `visitor.entry` straight from the scanner's
 * window, so a pass that needs a few fields of each entry (restore's: type, document id,
 * timestamp, and data only up to its cut-off) allocates nothing per entry. Damage is grouped
 * and judged exactly as repairSteps does; JSON Lines segments take the record path.
 */
export async function visitRepairSteps(
  location: LogLocation, options: ReadLogOptions, mapPart: (part: RepairPart) => Iterable<WalRecord>, visitor: RecordVisitor,
): Promise<void> {
  for await (const { segment, opened } of openSegments(location, options)) {
    const source = opened.source;
    const format = options.format ?? detectFormat(source);
    let n = 0;
    if (format !== 'binary') {
      const records = function* (): Generator<WalRecord> {
        yield* readSegmentRecords(source, { ...options, format });
        const broken = compressionDamage(segment, opened);
        if (broken) yield broken;
      };
      for (const step of repairSteps(source, records(), format)) {
        if (step.kind === 'entry') visitor.record(step);
        else for (const r of mapPart(step)) visitor.record(r);
        if (++n % SLICE === 0) await yieldToEventLoop(options.signal);
      }
      continue;
    }
    const window = new ByteWindow(source);
    const scanner = new BinaryScanner(window);
    let group: DamageRecord[] = [];
    const flush = (): void => {
      if (group.length === 0) return;
      for (const part of repairParts(source, group, format)) for (const r of mapPart(part)) visitor.record(r);
      group = [];
    };
    const hold = (r: DamageRecord): void => {
      if (group.length > 0 && !contiguous(group[group.length - 1]!, r)) flush();
      group.push(r);
    };
    for (;;) {
      const step = scanner.next();
      if (step === SCAN_END) break;
      if (step === SCAN_DAMAGE) {
        hold(binaryDamageRecord(source, scanner));
        continue;
      }
      // repairParts reads the source, not the window: the entry's layout holds across it.
      flush();
      visitor.entry(window.buf, scanner.layout, segment.name, scanner.entryOffset);
      if (++n % SLICE === 0) await yieldToEventLoop(options.signal);
    }
    const broken = compressionDamage(segment, opened);
    if (broken?.kind === 'damage') hold(broken);
    flush();
  }
}
