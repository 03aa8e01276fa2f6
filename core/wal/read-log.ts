import * as fs from 'node:fs';
import { FileByteSource, type ByteSource } from './byte-source.js';
import { analyzeDamage } from './damage/analyze-damage.js';
import { expansionLimit, openDecompressed } from './decompressed-segment.js';
import type { LogLocation, SegmentRef } from './log-location.js';
import type { WalRecord } from './records.js';
import { readSegmentRecords, type SegmentReadOptions } from './segment-reader.js';
import { WalError } from './wal-error.js';

export interface ReadLogOptions extends SegmentReadOptions {
  readonly signal?: AbortSignal;
  /** Told when a segment is opened: its position in the chain and its (decompressed) size. */
  readonly onSegment?: (segment: SegmentRef, index: number, bytes: number) => void;
  /** The most a compressed segment may expand to (default: expansionLimit of the chain's rotation size). */
  readonly maxSegmentBytes?: number;
}

export interface OpenedSegment {
  readonly source: ByteSource;
  /**
   * Set when a compressed segment stopped decompressing (damage, or expanding past the
   * limit): the bytes before it are in `source`; it names the file and both offsets.
   */
  readonly compressionError?: string;
}

/**
 * Opens one segment for random access: an uncompressed one in place, a compressed one
 * decompressed in bounded memory (spilling to a temporary file; see decompressed-segment.ts),
 * at most `maxBytes` of it. Anything but a regular file is refused (WalError NOT_A_WAL).
 */
export async function openSegment(segment: SegmentRef, signal?: AbortSignal, maxBytes = expansionLimit()): Promise<OpenedSegment> {
  if (segment.compression === 'none') return { source: FileByteSource.open(segment.path, segment.name) };
  const opened = await openDecompressed(segment, { maxBytes, ...(signal ? { signal } : {}) });
  return opened.error !== undefined ? { source: opened.source, compressionError: opened.error } : { source: opened.source };
}

/** The chain's rotation size, as far as its files tell: the largest uncompressed segment (at least the default). */
export function chainRotationSize(location: LogLocation): number {
  let largest = 0;
  for (const s of location.segments) {
    if (s.compression !== 'none') continue;
    try {
      largest = Math.max(largest, fs.statSync(s.path).size);
    } catch {
      // a segment that cannot be stat'ed fails when it is opened, with its own error
    }
  }
  return largest;
}

/** Each segment of the chain in replay order, opened (closed again when the consumer moves on). */
export async function* openSegments(location: LogLocation, options: ReadLogOptions = {}): AsyncGenerator<{ segment: SegmentRef; opened: OpenedSegment }> {
  const maxBytes = options.maxSegmentBytes ?? expansionLimit(chainRotationSize(location));
  for (const [index, segment] of location.segments.entries()) {
    if (options.signal?.aborted) throw new WalError('ABORTED', 'reading was cancelled');
    const opened = await openSegment(segment, options.signal, maxBytes);
    options.onSegment?.(segment, index, opened.source.size());
    try {
      yield { segment, opened };
    } finally {
      opened.source.close();
    }
  }
}

/** The damage record for a compressed segment that stopped decompressing, if it did. */
export function compressionDamage(segment: SegmentRef, opened: OpenedSegment): WalRecord | null {
  if (opened.compressionError === undefined) return null;
  const at = opened.source.size();
  return {
    kind: 'damage', segment: segment.name, offset: at, length: 0, damage: 'corrupt-compression',
    detail: `${segment.compression} stream stops decompressing after ${at} bytes: ${opened.compressionError}`,
    analysis: analyzeDamage({ kind: 'corrupt-compression', detail: '', bytes: new Uint8Array(0), length: 0, remaining: 0 }),
  };
}

/** Lets the event loop run (a long read can then be cancelled); throws once cancelled. */
export async function yieldToEventLoop(signal?: AbortSignal): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw new WalError('ABORTED', 'reading was cancelled');
}

/** Every record of the chain in replay order: entries and damage, segment by segment. */
export async function* readLog(location: LogLocation, options: ReadLogOptions = {}): AsyncGenerator<WalRecord> {
  for await (const { segment, opened } of openSegments(location, options)) {
    let count = 0;
    for (const record of readSegmentRecords(opened.source, options)) {
      yield record;
      if (++count % 65536 === 0) await yieldToEventLoop(options.signal);
    }
    const broken = compressionDamage(segment, opened);
    if (broken) yield broken;
  }
}
