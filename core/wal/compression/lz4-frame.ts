import { decompressFrameSync } from 'lz4-napi';
import { ByteSink, limitExceeded, type DecodeOutcome } from './byte-sink.js';
import { decodeLz4Block } from './lz4-block.js';
import { xxh32 } from './xxhash32.js';

/**
 * LZ4 frame decoding (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md), in
 * TypeScript because lz4-napi decodes only the first frame of a file and returns nothing on
 * damage. Handles concatenated and skippable frames, linked and independent blocks, block
 * and content checksums, content size, and the legacy frame (`lz4 -l`).
 * On damage it keeps every byte decoded before it: whole blocks, plus the complete sequences
 * (literal runs and matches) of a truncated or broken block. A block whose checksum fails is
 * not decoded at all.
 *
 * Speed: a whole frame is first handed to lz4-napi (native, ~1 GB/s, checks the checksums);
 * only when that fails does the TypeScript decoder (~300 MB/s) run, to find what can be kept.
 */
const FRAME_MAGIC = 0x184d2204;
const LEGACY_MAGIC = 0x184c2102;
const LEGACY_BLOCK = 8 << 20;
const BLOCK_SIZES = [65536, 262144, 1 << 20, 4 << 20];

function u32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

const hex = (n: number): string => '0x' + n.toString(16).padStart(8, '0');

class Lz4Error extends Error {}

export interface Lz4DecodeOptions {
  /** false: never use the native fast path (tests of the TypeScript decoder). */
  readonly native?: boolean;
}

export function decodeLz4Frames(input: Uint8Array, maxBytes = Infinity, options: Lz4DecodeOptions = {}): DecodeOutcome {
  const native = options.native ?? true;
  const sink = new ByteSink(Math.min(input.length * 4, maxBytes === Infinity ? 1 << 30 : maxBytes));
  if (input.length === 0) return { bytes: sink.result(), error: { message: 'empty file: no LZ4 frame' } };
  let pos = 0;
  try {
    while (pos < input.length) {
      if (pos + 4 > input.length) throw new Lz4Error(`truncated frame header at byte ${pos}`);
      const magic = u32(input, pos);
      if (magic >>> 4 === 0x184d2a5) pos = skipSkippable(input, pos);
      else if (magic === FRAME_MAGIC) pos = (native ? decodeFrameNative(input, pos, sink) : undefined) ?? decodeFrame(input, pos, sink);
      else if (magic === LEGACY_MAGIC) pos = decodeLegacy(input, pos, sink);
      else throw new Lz4Error(`unknown frame magic ${hex(magic)} at byte ${pos}`);
      if (sink.len > maxBytes) return { bytes: sink.result().subarray(0, maxBytes), error: limitExceeded(maxBytes) };
    }
  } catch (err) {
    if (!(err instanceof Lz4Error)) throw err;
    const bytes = sink.result();
    if (bytes.length > maxBytes) return { bytes: bytes.subarray(0, maxBytes), error: limitExceeded(maxBytes) };
    return { bytes, error: { message: `LZ4: ${err.message}` } };
  }
  return { bytes: sink.result() };
}

function skipSkippable(input: Uint8Array, pos: number): number {
  if (pos + 8 > input.length) throw new Lz4Error(`truncated skippable frame at byte ${pos}`);
  const end = pos + 8 + u32(input, pos + 4);
  if (end > input.length) throw new Lz4Error(`truncated skippable frame at byte ${pos}`);
  return end;
}

/** The end of the frame at `start` by walking its block sizes, or -1 when it is cut short. */
function frameEnd(input: Uint8Array, start: number): number {
  if (start + 7 > input.length) return -1;
  const flg = input[start + 4]!;
  let pos = start + 7 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0);
  const blockExtra = flg & 0x10 ? 4 : 0;
  for (;;) {
    if (pos + 4 > input.length) return -1;
    const word = u32(input, pos);
    pos += 4;
    if (word === 0) break;
    pos += (word & 0x7fffffff) + blockExtra;
  }
  pos += flg & 0x04 ? 4 : 0;
  return pos <= input.length ? pos : -1;
}

/** The fast path: one whole frame through lz4-napi; undefined when it is not whole or fails. */
function decodeFrameNative(input: Uint8Array, start: number, sink: ByteSink): number | undefined {
  const end = frameEnd(input, start);
  if (end < 0) return undefined;
  let out: Buffer;
  try {
    out = decompressFrameSync(Buffer.from(input.buffer, input.byteOffset + start, end - start));
  } catch {
    return undefined;
  }
  sink.append(out);
  return end;
}

function decodeFrame(input: Uint8Array, start: number, sink: ByteSink): number {
  let pos = start + 4;
  if (pos + 3 > input.length) throw new Lz4Error(`truncated frame descriptor at byte ${start}`);
  const flg = input[pos]!;
  const bd = input[pos + 1]!;
  if (flg >>> 6 !== 1) throw new Lz4Error(`unsupported frame version ${flg >>> 6} at byte ${start}`);
  if ((flg & 0x02) !== 0 || (bd & 0x8f) !== 0) throw new Lz4Error(`reserved descriptor bits set at byte ${start}`);
  const independent = (flg & 0x20) !== 0;
  const blockChecksum = (flg & 0x10) !== 0;
  const hasSize = (flg & 0x08) !== 0;
  const contentChecksum = (flg & 0x04) !== 0;
  const hasDict = (flg & 0x01) !== 0;
  const sizeCode = (bd >>> 4) & 7;
  if (sizeCode < 4) throw new Lz4Error(`invalid block size code ${sizeCode} at byte ${start}`);
  const blockMax = BLOCK_SIZES[sizeCode - 4]!;
  const hcPos = pos + 2 + (hasSize ? 8 : 0) + (hasDict ? 4 : 0);
  if (hcPos >= input.length) throw new Lz4Error(`truncated frame descriptor at byte ${start}`);
  if (((xxh32(input, pos, hcPos) >>> 8) & 0xff) !== input[hcPos]) throw new Lz4Error(`frame header checksum mismatch at byte ${start}`);
  if (hasDict) throw new Lz4Error(`frame at byte ${start} needs dictionary ${hex(u32(input, hcPos - 4))}, which is not available`);
  const declared = hasSize ? u32(input, pos + 2) + u32(input, pos + 6) * 2 ** 32 : -1;
  pos = hcPos + 1;

  const frameStart = sink.len;
  for (;;) {
    if (pos + 4 > input.length) throw new Lz4Error(`truncated block header at byte ${pos}`);
    const word = u32(input, pos);
    pos += 4;
    if (word === 0) break;
    const stored = word >= 0x80000000;
    const size = word & 0x7fffffff;
    if (size > blockMax) throw new Lz4Error(`block of ${size} bytes exceeds the frame's ${blockMax}-byte maximum at byte ${pos - 4}`);
    const dataEnd = pos + size;
    const avail = Math.min(dataEnd, input.length);
    if (blockChecksum && dataEnd + 4 <= input.length && xxh32(input, pos, dataEnd) !== u32(input, dataEnd)) {
      throw new Lz4Error(`block checksum mismatch at byte ${pos - 4}`);
    }
    sink.reserve(stored ? size : blockMax);
    if (stored) {
      sink.buf.set(input.subarray(pos, avail), sink.len);
      sink.len += avail - pos;
    } else {
      const ws = independent ? sink.len : frameStart;
      const r = decodeLz4Block(input, pos, avail, sink.buf, sink.len, sink.len + blockMax, ws);
      sink.len = r.outEnd;
      if (!r.ok && avail === dataEnd) throw new Lz4Error(`corrupt block at byte ${pos - 4}: ${r.problem}`);
    }
    if (avail < dataEnd) throw new Lz4Error(`truncated block at byte ${pos - 4} (${dataEnd - input.length} bytes missing)`);
    pos = dataEnd + (blockChecksum ? 4 : 0);
    if (pos > input.length) throw new Lz4Error(`truncated block checksum at byte ${dataEnd}`);
  }
  if (contentChecksum) {
    if (pos + 4 > input.length) throw new Lz4Error(`truncated content checksum at byte ${pos}`);
    if (xxh32(sink.buf, frameStart, sink.len) !== u32(input, pos)) throw new Lz4Error(`content checksum mismatch in the frame at byte ${start}`);
    pos += 4;
  }
  if (declared >= 0 && declared !== sink.len - frameStart) {
    throw new Lz4Error(`frame at byte ${start} declares ${declared} bytes but holds ${sink.len - frameStart}`);
  }
  return pos;
}

/** Legacy frames: 4-byte compressed sizes of independent 8 MiB blocks, up to the next magic or the end. */
function decodeLegacy(input: Uint8Array, start: number, sink: ByteSink): number {
  let pos = start + 4;
  while (pos + 4 <= input.length) {
    const size = u32(input, pos);
    if (size === FRAME_MAGIC || size === LEGACY_MAGIC || size >>> 4 === 0x184d2a5) return pos;
    pos += 4;
    const avail = Math.min(pos + size, input.length);
    sink.reserve(LEGACY_BLOCK);
    const r = decodeLz4Block(input, pos, avail, sink.buf, sink.len, sink.len + LEGACY_BLOCK, sink.len);
    sink.len = r.outEnd;
    if (avail < pos + size) throw new Lz4Error(`truncated legacy block at byte ${pos - 4}`);
    if (!r.ok) throw new Lz4Error(`corrupt legacy block at byte ${pos - 4}: ${r.problem}`);
    pos += size;
  }
  if (pos !== input.length) throw new Lz4Error(`truncated legacy block header at byte ${pos}`);
  return pos;
}
