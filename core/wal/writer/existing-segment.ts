import { DECODE_CRC_MISMATCH, DECODE_OK, decodeLayout, newLayout } from '../binary-layout.js';
import type { WalFormat } from '../records.js';

/** What an active segment already holds when a writer opens it. */
export interface ExistingSegment {
  readonly size: number;
  /** Intact entries (binary) or non-blank lines (JSON Lines). */
  readonly entries: number;
  /** Binary: bytes that hold no intact entry (a torn tail after a crash, for one). */
  readonly damagedBytes: number;
  /** By the first non-blank byte, as readers decide; null for an empty or blank file. */
  readonly format: WalFormat | null;
  /** JSON Lines: the last line lacks its "\n" (the next entry must not be glued to it). */
  readonly endsMidLine: boolean;
}

const isBlank = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0b || b === 0x0c;

/**
 * Counts what is there, where the original resets its counter to 0 on reopen (so its
 * record-count rotation drifts after a restart).
 */
export function inspectActiveSegment(bytes: Uint8Array): ExistingSegment {
  let first = 0;
  while (first < bytes.length && isBlank(bytes[first]!)) first++;
  if (first === bytes.length) return { size: bytes.length, entries: 0, damagedBytes: 0, format: null, endsMidLine: false };
  if (bytes[first] === 0x7b) {
    return { size: bytes.length, entries: countLines(bytes), damagedBytes: 0, format: 'jsonl', endsMidLine: bytes[bytes.length - 1] !== 0x0a };
  }
  const { entries, damagedBytes } = countBinary(bytes);
  return { size: bytes.length, entries, damagedBytes, format: 'binary', endsMidLine: false };
}

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  let content = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      if (content) lines++;
      content = false;
    } else if (!isBlank(b)) {
      content = true;
    }
  }
  return content ? lines + 1 : lines;
}

/** Entry lengths come from decoding the fields; after damage, the next intact entry is sought. */
function countBinary(bytes: Uint8Array): { entries: number; damagedBytes: number } {
  const l = newLayout();
  let entries = 0;
  let damagedBytes = 0;
  let pos = 0;
  while (pos < bytes.length) {
    const status = decodeLayout(bytes, pos, bytes.length, l);
    if (status === DECODE_OK) {
      entries++;
      pos = l.end;
      continue;
    }
    if (status === DECODE_CRC_MISMATCH) {
      damagedBytes += l.end - pos;
      pos = l.end;
      continue;
    }
    let next = pos + 1;
    while (next < bytes.length && decodeLayout(bytes, next, bytes.length, l) !== DECODE_OK) next++;
    damagedBytes += next - pos;
    pos = next;
  }
  return { entries, damagedBytes };
}
