import * as fs from 'node:fs';
import { ByteWindow, FileByteSource } from '../../wal/byte-source.js';
import { analyzeRange } from '../../wal/damage/analyze-range.js';
import { detectFormat } from '../../wal/detect-format.js';
import { openSegment } from '../../wal/read-log.js';
import type { ActiveState, WorkerInit, WorkerMessage } from './index-messages.js';
import { scanSegment } from './index-scan.js';
import type { IndexWriter } from './index-writer.js';
import { PartThread, scanSplit, SPLIT_BYTES } from './split-scan.js';

const FLUSH_MS = 50;

function fileSize(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

export interface ChainIndexed {
  readonly bytesDone: number;
  /** The last segment when it is uncompressed (follow resumes there), else null. */
  readonly active: ActiveState | null;
}

/**
 * Indexes a whole chain into `writer`, segment by segment in replay order; large uncompressed
 * binary segments on two threads (split-scan.ts). Run by the index worker for the service,
 * and in the calling thread for one-shot commands (index-log.ts). `keepGoing` is asked every
 * few thousand rows (false: stop, e.g. cancelled).
 */
export async function indexChain(
  init: WorkerInit, writer: IndexWriter, post: (m: WorkerMessage) => void, keepGoing: () => boolean = () => true,
  /** The second thread, owned by the caller (kept open for its own later use); else one of its own, closed at the end. */
  thread?: PartThread,
): Promise<ChainIndexed> {
  const segs = init.segments;
  let bytesDone = 0;
  let active: ActiveState | null = null;
  const splitBytes = init.splitBytes ?? SPLIT_BYTES;
  // Started before the first byte is read when a segment will be split: its start-up then overlaps this thread's work.
  const splittable = segs.some((s) => s.compression === 'none' && init.format !== 'jsonl' && fileSize(s.path) >= splitBytes);
  let partThread: PartThread | null = thread ?? (splittable ? new PartThread() : null);
  if (splittable) partThread?.warm();
  try {
    for (let i = 0; i < segs.length && keepGoing(); i++) {
      const seg = segs[i]!;
      const opened = await openSegment({ name: seg.name, path: seg.path, compression: seg.compression });
      const source = opened.source;
      try {
        const size = source.size();
        const format = init.format ?? (size > 0 ? detectFormat(source) : 'binary');
        post({ t: 'segment', index: i, bytes: size, format, compressionError: opened.compressionError ?? null });
        let last = 0;
        const base = bytesDone;
        const tick = (pos: number) => {
          const now = Date.now();
          if (last === 0 || now - last >= FLUSH_MS) {
            writer.flush(base + pos);
            last = now;
          }
          return keepGoing();
        };
        const idsUtf8 = init.idsUtf8 ?? false;
        const pieces = { ...(init.splitPieces ? { pieces: init.splitPieces } : {}), ...(init.splitFirstPieces ? { firstThreadPieces: init.splitFirstPieces } : {}) };
        const end = format === 'binary' && seg.compression === 'none' && size >= splitBytes
          ? await scanSplit(writer, source, { file: seg.path, thread: (partThread ??= new PartThread()), segment: i, idsUtf8, tick, ...pieces })
          : scanSegment(writer, new ByteWindow(source), { segment: i, format, startAt: 0, holdIncompleteTail: false, idsUtf8, tick });
        if (opened.compressionError !== undefined) {
          writer.addDamage(
            i, size, 0, 'corrupt-compression', `${seg.compression} stream stops decompressing after ${size} bytes: ${opened.compressionError}`,
            analyzeRange(source, 'corrupt-compression', size, 0, ''),
          );
        }
        bytesDone = base + size;
        writer.flush(bytesDone);
        if (i === segs.length - 1 && seg.compression === 'none') {
          const tail = writer.lastRowIsDamage() && writer.lastRowSegment() === i ? writer.rows - 1 : -1;
          const ino = source instanceof FileByteSource ? source.inode() : -1;
          active = { index: i, seg, pos: end, format: size > 0 ? format : null, tailDamageRow: tail, ino };
        }
      } finally {
        source.close();
      }
    }
  } finally {
    if (partThread !== thread) await partThread?.close();
  }
  return { bytesDone, active };
}
