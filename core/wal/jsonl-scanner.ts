import type { ByteWindow } from './byte-source.js';
import { decodeJsonlLine, trimLikeRust } from './jsonl-codec.js';
import type { LogEntry } from './log-entry.js';
import { isUtf8 } from './utf8.js';

export type JsonlStep =
  | { readonly kind: 'end' }
  | { readonly kind: 'entry'; readonly offset: number; readonly length: number; readonly entry: LogEntry }
  | { readonly kind: 'damage'; readonly offset: number; readonly length: number; readonly detail: string };

const END: JsonlStep = { kind: 'end' };
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads a JSON Lines segment line by line. A line that does not decode is damage of that
 * line only (`invalid-json-line`); blank lines are skipped. Offsets and lengths cover a
 * line's bytes up to, not including, its `\n`.
 */
export class JsonlScanner {
  pos = 0;
  constructor(readonly window: ByteWindow, private readonly options: { holdIncompleteTail?: boolean } = {}) {}

  next(): JsonlStep {
    const w = this.window;
    for (;;) {
      const start = this.pos;
      if (start >= w.fileSize) return END;
      w.ensure(start, start + 1);
      let nl = w.buf.indexOf(10, start - w.start);
      while (nl < 0 && w.end < w.fileSize) {
        // Grow the window until the line ends (lines are bounded by the file size).
        w.ensure(start, w.end + (w.end - w.start) + 1);
        nl = w.buf.indexOf(10, start - w.start);
        if (nl >= w.end - w.start) nl = -1;
      }
      if (nl >= w.end - w.start) nl = -1;
      if (nl < 0 && this.options.holdIncompleteTail) return END;
      const endAbs = nl < 0 ? w.fileSize : w.start + nl;
      this.pos = nl < 0 ? endAbs : endAbs + 1;
      const bytes = w.buf.subarray(start - w.start, endAbs - w.start);
      const length = endAbs - start;
      if (!isUtf8(bytes)) {
        return { kind: 'damage', offset: start, length, detail: `line at offset ${start} is not valid UTF-8` };
      }
      const text = trimLikeRust(decoder.decode(bytes));
      if (text.length === 0) continue;
      const decoded = decodeJsonlLine(text);
      if (decoded.ok) return { kind: 'entry', offset: start, length, entry: decoded.entry };
      return { kind: 'damage', offset: start, length, detail: decoded.problem };
    }
  }
}
