import * as fs from 'node:fs';
import { entryFromLayout } from './binary-codec.js';
import { BinaryScanner, SCAN_DAMAGE, SCAN_END } from './binary-scanner.js';
import { ByteWindow, FileByteSource } from './byte-source.js';
import { analyzeRange } from './damage/analyze-range.js';
import { detectFormat } from './detect-format.js';
import { JsonlScanner } from './jsonl-scanner.js';
import type { LogLocation } from './log-location.js';
import { readLog, type ReadLogOptions } from './read-log.js';
import type { WalRecord } from './records.js';

export interface FollowOptions extends ReadLogOptions {
  /** How often to look for growth, ms. */
  readonly pollMs?: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

/**
 * Like pg_waldump --follow: reads the chain, then keeps reading the active segment as it
 * grows (an incomplete entry at its end is waited for, not reported), and carries on into
 * the new active file after a rotation. Ends when the signal aborts.
 */
export async function* followLog(location: LogLocation, options: FollowOptions = {}): AsyncGenerator<WalRecord> {
  const segments = location.segments;
  const last = segments[segments.length - 1];
  const followable = last && last.compression === 'none' ? last : undefined;
  yield* readLog({ ...location, segments: followable ? segments.slice(0, -1) : segments }, options);
  if (!followable) return;
  const pollMs = options.pollMs ?? 250;
  const signal = options.signal;
  while (!signal?.aborted) {
    const source = FileByteSource.open(followable.path, followable.name);
    const window = new ByteWindow(source);
    try {
      const format = options.format ?? (source.size() > 0 ? detectFormat(source) : undefined);
      let scan = format ? makeScan(format, window, true) : undefined;
      let finalPass = false;
      for (;;) {
        if (scan) yield* scan();
        if (finalPass || signal?.aborted) break;
        await sleep(pollMs, signal);
        window.refresh();
        if (!scan && window.fileSize > 0) scan = makeScan(options.format ?? detectFormat(source), window, true);
        // Rotation: the path now names a new file; finish the old one without holding its tail.
        const now = fs.statSync(followable.path, { throwIfNoEntry: false });
        const ino = source.inode();
        if (!now || now.ino !== ino) {
          if (scan) scan = makeScan(options.format ?? detectFormat(source), window, false, scan.pos());
          finalPass = true;
        }
      }
    } finally {
      source.close();
    }
  }
}

type Scan = (() => Generator<WalRecord>) & { pos(): number };

function makeScan(format: 'binary' | 'jsonl', window: ByteWindow, hold: boolean, startAt = 0): Scan {
  const segment = window.source.name;
  if (format === 'jsonl') {
    const s = new JsonlScanner(window, { holdIncompleteTail: hold });
    s.pos = startAt;
    const gen = function* (): Generator<WalRecord> {
      for (let step = s.next(); step.kind !== 'end'; step = s.next()) {
        if (step.kind === 'entry') yield { kind: 'entry', segment, offset: step.offset, length: step.length, entry: step.entry };
        else {
          yield {
            kind: 'damage', segment, offset: step.offset, length: step.length, damage: 'invalid-json-line', detail: step.detail,
            analysis: analyzeRange(window.source, 'invalid-json-line', step.offset, step.length, step.detail),
          };
        }
      }
    };
    return Object.assign(gen, { pos: () => s.pos });
  }
  const s = new BinaryScanner(window, { holdIncompleteTail: hold });
  s.pos = startAt;
  const gen = function* (): Generator<WalRecord> {
    for (let step = s.next(); step !== SCAN_END; step = s.next()) {
      if (step === SCAN_DAMAGE) {
        yield {
          kind: 'damage', segment, offset: s.damageOffset, length: s.damageLength, damage: s.damageKind, detail: s.damageDetail,
          analysis: analyzeRange(window.source, s.damageKind, s.damageOffset, s.damageLength, s.damageDetail),
        };
      } else {
        yield { kind: 'entry', segment, offset: s.entryOffset, length: s.entryLength, entry: entryFromLayout(window.buf, s.layout) };
      }
    }
  };
  return Object.assign(gen, { pos: () => s.pos });
}
