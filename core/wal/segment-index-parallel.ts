import * as fs from 'node:fs';
import { BinaryScanner } from './binary-scanner.js';
import { ByteWindow, FileByteSource } from './byte-source.js';
import { indexRange, type SegmentIndex } from './segment-index.js';
import { mergeIndexes } from './segment-index-merge.js';
import type { IndexWorkerPool } from './segment-index-pool.js';

/** First position ≥ from where a whole valid entry starts (file end if none). */
export function nextEntryStart(file: string, from: number): number {
  const source = FileByteSource.open(file, file);
  try {
    const scanner = new BinaryScanner(new ByteWindow(source, 1 << 20));
    return scanner.findNextValid(from, source.size());
  } finally {
    source.close();
  }
}

/**
 * Indexes a binary segment on several threads: the file is cut at entry boundaries found
 * by resynchronisation, each part is scanned by a worker, and the parts are merged. The
 * result is the same as one serial scan (checked at each seam; see mergeIndexes).
 */
export async function indexFileParallel(file: string, pool: IndexWorkerPool): Promise<SegmentIndex> {
  const size = fs.statSync(file).size;
  const parts = pool.size;
  if (parts <= 1 || size < 8 << 20) return indexRange(file);
  const cuts = [0];
  for (let k = 1; k < parts; k++) cuts.push(Math.max(cuts[k - 1]!, nextEntryStart(file, Math.floor((size * k) / parts))));
  cuts.push(Infinity);
  const indexes = await Promise.all(cuts.slice(0, -1).map((from, k) => pool.index(file, from, cuts[k + 1]!)));
  return mergeIndexes(file, indexes);
}
