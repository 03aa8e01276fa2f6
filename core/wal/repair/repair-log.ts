import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { compressionFromExtension, type Compression } from '../compression/index.js';
import { detectFormat } from '../detect-format.js';
import type { LogLocation, SegmentRef } from '../log-location.js';
import { compressionDamage, openSegments, type OpenedSegment } from '../read-log.js';
import type { DamageRecord } from '../records.js';
import { WalError } from '../wal-error.js';
import { RepairOutput, type PendingCopy } from './repair-output.js';
import { RepairReportBuilder } from './repair-report.js';
import type { RepairOptions, RepairReport } from './repair-types.js';
import { segmentDamage, type SegmentDamage } from './segment-damage.js';

export interface RepairWritten extends RepairReport {
  /** The file or directory written. */
  readonly path: string;
  /** Bytes of the (decompressed) segments written. */
  readonly bytes: number;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function forEachSegment<P>(
  location: LogLocation, options: RepairOptions,
  visit: (segment: SegmentRef, opened: OpenedSegment, damage: SegmentDamage, jsonl: boolean, prepared: P) => Promise<void>,
  prepare: (segment: SegmentRef) => P,
): Promise<void> {
  const total = location.segments.reduce((n, s) => n + fileSize(s.path), 0);
  let done = 0;
  const read = { ...(options.signal ? { signal: options.signal } : {}), ...(options.format ? { format: options.format } : {}) };
  for await (const { segment, opened } of openSegments(location, read)) {
    const format = options.format ?? detectFormat(opened.source);
    // Started before the scan, to run beside it (a kernel copy in the thread pool).
    const prepared = prepare(segment);
    const damage = await segmentDamage(opened.source, format, compressionDamage(segment, opened) as DamageRecord | null, options.signal);
    await visit(segment, opened, damage, format === 'jsonl', prepared);
    done += fileSize(segment.path);
    options.onProgress?.(done, total);
  }
}

/** What `repair` would do: every damaged range of the chain, repaired or left out. Writes nothing. */
export async function planRepair(location: LogLocation, options: RepairOptions = {}): Promise<RepairReport> {
  const report = new RepairReportBuilder();
  await forEachSegment(location, options, async (segment, _opened, damage) => report.add(segment, damage), () => null);
  return report.report();
}

/**
 * Writes the chain with every intact entry, every repaired entry and nothing of what could
 * not be repaired, to `dest`, which must not exist: a file for a segment, a directory for a
 * chain (its segments under their own names). A segment that needed nothing is copied byte
 * for byte; one that did is written corrected and compressed as it was — for a lone file,
 * as the destination's extension says (`.zst`, `.lz4`…; none: uncompressed). Atomic: built
 * in a staging directory beside `dest`, moved into place at the end.
 */
export async function writeRepairedLog(location: LogLocation, dest: string, options: RepairOptions = {}): Promise<RepairWritten> {
  const single = location.kind === 'segment';
  const output = await RepairOutput.create(dest);
  const report = new RepairReportBuilder();
  let bytes = 0;
  // The segment copy under way, if any (awaited before a failed repair removes its staging).
  const flight: { copy: PendingCopy | null } = { copy: null };
  try {
    const nameOf = (segment: SegmentRef) => (single ? basename(dest) : segment.name);
    const compressionOf = (segment: SegmentRef): Compression => (single ? compressionFromExtension(extname(dest)) ?? 'none' : segment.compression);
    await forEachSegment<PendingCopy | null>(location, options, async (segment, opened, damage, jsonl, pending) => {
      const name = nameOf(segment);
      const compression = compressionOf(segment);
      const copied = damage.parts.length === 0 && compression === segment.compression;
      if (copied && !pending) {
        // A compressed segment that needed nothing: copied as it is.
        await output.copy(segment.path, name);
        bytes += opened.source.size();
      } else if (pending && (copied || damage.parts.every((p) => p.repair))) {
        await pending.finish(opened.source.size(), damage.parts);
        bytes += opened.source.size();
      } else {
        await pending?.abandon();
        bytes += await output.write(opened.source, damage.parts, jsonl, name, compression, options.signal);
      }
      report.add(segment, damage, { output: name, copied });
    }, (segment) => (flight.copy = segment.compression === 'none' && compressionOf(segment) === 'none' ? output.startCopy(segment.path, nameOf(segment)) : null));
    if (options.signal?.aborted) throw new WalError('ABORTED', 'the repair was cancelled');
    if (single) await output.commitFile(basename(dest));
    else await output.commitDirectory();
  } catch (err) {
    // A copy still running would write into the staging directory while it is removed.
    await flight.copy?.abandon();
    await output.discard();
    throw err;
  }
  return { ...report.report(), path: dest, bytes };
}
