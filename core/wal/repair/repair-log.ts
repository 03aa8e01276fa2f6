import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { compressionFromExtension, type Compression } from '../compression/index.js';
import { detectFormat } from '../detect-format.js';
import type { LogLocation, SegmentRef } from '../log-location.js';
import { compressionDamage, openSegments, type OpenedSegment } from '../read-log.js';
import type { DamageRecord } from '../records.js';
import { WalError } from '../wal-error.js';
import { RepairOutput } from './repair-output.js';
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

async function forEachSegment(
  location: LogLocation, options: RepairOptions,
  visit: (segment: SegmentRef, opened: OpenedSegment, damage: SegmentDamage, jsonl: boolean) => Promise<void>,
): Promise<void> {
  const total = location.segments.reduce((n, s) => n + fileSize(s.path), 0);
  let done = 0;
  const read = { ...(options.signal ? { signal: options.signal } : {}), ...(options.format ? { format: options.format } : {}) };
  for await (const { segment, opened } of openSegments(location, read)) {
    const format = options.format ?? detectFormat(opened.source);
    const damage = await segmentDamage(opened.source, format, compressionDamage(segment, opened) as DamageRecord | null, options.signal);
    await visit(segment, opened, damage, format === 'jsonl');
    done += fileSize(segment.path);
    options.onProgress?.(done, total);
  }
}

/** What `repair` would do: every damaged range of the chain, repaired or left out. Writes nothing. */
export async function planRepair(location: LogLocation, options: RepairOptions = {}): Promise<RepairReport> {
  const report = new RepairReportBuilder();
  await forEachSegment(location, options, async (segment, _opened, damage) => report.add(segment, damage));
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
  try {
    await forEachSegment(location, options, async (segment, opened, damage, jsonl) => {
      const name = single ? basename(dest) : segment.name;
      const compression: Compression = single ? compressionFromExtension(extname(dest)) ?? 'none' : segment.compression;
      const copied = damage.parts.length === 0 && compression === segment.compression;
      if (copied) {
        await output.copy(segment.path, name, segment.compression === 'none' ? opened.source.size() : null);
        bytes += opened.source.size();
      } else if (segment.compression === 'none' && compression === 'none' && damage.parts.every((p) => p.repair)) {
        await output.copyPatched(segment.path, opened.source.size(), damage.parts, name);
        bytes += opened.source.size();
      } else {
        bytes += await output.write(opened.source, damage.parts, jsonl, name, compression, options.signal);
      }
      report.add(segment, damage, { output: name, copied });
    });
    if (options.signal?.aborted) throw new WalError('ABORTED', 'the repair was cancelled');
    if (single) await output.commitFile(basename(dest));
    else await output.commitDirectory();
  } catch (err) {
    await output.discard();
    throw err;
  }
  return { ...report.report(), path: dest, bytes };
}
