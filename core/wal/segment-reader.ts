import { entryFromLayout } from './binary-codec.js';
import { BinaryScanner, SCAN_DAMAGE, SCAN_END } from './binary-scanner.js';
import { ByteWindow, type ByteSource } from './byte-source.js';
import { analyzeRange } from './damage/analyze-range.js';
import { detectFormat } from './detect-format.js';
import { JsonlScanner } from './jsonl-scanner.js';
import type { DamageRecord, WalFormat, WalRecord } from './records.js';

export interface SegmentReadOptions {
  /** Force a format instead of telling it from the content. */
  readonly format?: WalFormat;
  /** Attach each entry's bytes (`raw`). */
  readonly withRaw?: boolean;
}

/** Every record of one (decompressed) segment, in file order. */
export function* readSegmentRecords(source: ByteSource, options: SegmentReadOptions = {}): Generator<WalRecord> {
  const format = options.format ?? detectFormat(source);
  const window = new ByteWindow(source);
  const segment = source.name;
  if (format === 'jsonl') {
    const scanner = new JsonlScanner(window);
    for (;;) {
      const step = scanner.next();
      if (step.kind === 'end') return;
      if (step.kind === 'damage') {
        yield {
          kind: 'damage', segment, offset: step.offset, length: step.length, damage: 'invalid-json-line', detail: step.detail,
          analysis: analyzeRange(source, 'invalid-json-line', step.offset, step.length, step.detail),
        };
      } else {
        yield {
          kind: 'entry', segment, offset: step.offset, length: step.length, entry: step.entry,
          ...(options.withRaw ? { raw: readRaw(source, step.offset, step.length) } : {}),
        };
      }
    }
  }
  const scanner = new BinaryScanner(window);
  for (;;) {
    const step = scanner.next();
    if (step === SCAN_END) return;
    if (step === SCAN_DAMAGE) {
      yield binaryDamageRecord(source, scanner);
      continue;
    }
    const rel = scanner.entryOffset - window.start;
    yield {
      kind: 'entry', segment, offset: scanner.entryOffset, length: scanner.entryLength,
      entry: entryFromLayout(window.buf, scanner.layout),
      ...(options.withRaw ? { raw: window.buf.slice(rel, rel + scanner.entryLength) } : {}),
    };
  }
}

/** The damage record of the range a binary scanner's `next()` just reported (SCAN_DAMAGE). */
export function binaryDamageRecord(source: ByteSource, scanner: BinaryScanner): DamageRecord {
  return {
    kind: 'damage', segment: source.name, offset: scanner.damageOffset, length: scanner.damageLength,
    damage: scanner.damageKind, detail: scanner.damageDetail,
    analysis: analyzeRange(source, scanner.damageKind, scanner.damageOffset, scanner.damageLength, scanner.damageDetail),
  };
}

export function readRaw(source: ByteSource, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const n = source.readInto(out, 0, offset, length);
  return n === length ? out : out.subarray(0, n);
}
