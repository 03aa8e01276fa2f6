import { escapeControls } from './terminal-text.js';

/** What progress needs of a located log: its segments' files (a LogLocation is one). */
export interface ProgressLog {
  readonly segments: readonly { readonly path: string }[];
}

/** Where a record lies (a dump record is one). */
export interface ProgressRecord {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
}

const MIN_BYTES = 64 << 20;

/**
 * "12% of transactions.wal (segment 3/7)" on stderr, rewritten in place, only when stderr is
 * a terminal and the log is large; machine-readable stdout is never touched.
 */
export class TtyProgress {
  private segment = 0;
  private segmentBytes = 1;
  private last = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly stderr: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly location: ProgressLog,
    totalBytes: number,
    minBytes = MIN_BYTES,
  ) {
    this.enabled = Boolean(stderr.isTTY) && totalBytes >= minBytes;
  }

  readonly onSegment = (_s: unknown, index: number, bytes: number): void => {
    this.segment = index;
    this.segmentBytes = Math.max(1, bytes);
  };

  record(r: ProgressRecord): void {
    this.at(r.segment, r.offset + r.length);
  }

  /** The scan of `segment` reached `pos`. */
  readonly at = (segment: string, pos: number): void => {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const pct = Math.floor((pos / this.segmentBytes) * 100);
    const n = this.location.segments.length;
    this.stderr.write(`\r\x1b[K${pct}% of ${escapeControls(segment)}${n > 1 ? ` (segment ${this.segment + 1}/${n})` : ''}`);
  };

  done(): void {
    if (this.enabled && this.last > 0) this.stderr.write('\r\x1b[K');
  }
}

export async function totalSize(location: ProgressLog): Promise<number> {
  const fs = await import('node:fs/promises');
  let total = 0;
  for (const s of location.segments) total += (await fs.stat(s.path).catch(() => ({ size: 0 }))).size;
  return total;
}
