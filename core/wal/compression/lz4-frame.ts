import { ByteSink, limitExceeded, type DecodeOutcome } from './byte-sink.js';
import { DecodeStop, onePiece, type DecodeProgress } from './decode-stop.js';
import { InputReader } from './input-reader.js';
import { decodeLz4Block } from './lz4-block.js';
import { xxh32, Xxh32Stream } from './xxhash32.js';

/**
 * LZ4 frame decoding (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md), in
 * TypeScript because lz4-napi decodes only the first frame of a file, returns nothing on
 * damage and only decodes whole buffers. Handles concatenated and skippable frames, linked
 * and independent blocks, block and content checksums, content size, and the legacy frame
 * (`lz4 -l`). It streams: one block at a time is held (at most 4 MiB, 8 MiB legacy) plus the
 * 64 KiB that linked blocks may refer back to, whatever the frame's size.
 * On damage every byte decoded before it has been yielded: whole blocks, plus the complete
 * sequences (literal runs and matches) of a truncated or broken block; a block whose
 * checksum fails is not decoded at all. Failures throw DecodeStop.
 */
const FRAME_MAGIC = 0x184d2204;
const LEGACY_MAGIC = 0x184c2102;
const LEGACY_BLOCK = 8 << 20;
/** LZ4_compressBound of a legacy block: a larger compressed size cannot be one. */
const LEGACY_BOUND = LEGACY_BLOCK + LEGACY_BLOCK / 255 + 16;
const BLOCK_SIZES = [65536, 262144, 1 << 20, 4 << 20];
const HISTORY = 64 * 1024;

function u32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

const hex = (n: number): string => '0x' + n.toString(16).padStart(8, '0');

function stop(problem: string): never {
  throw new DecodeStop(`LZ4: ${problem}`);
}

/** Decoded pieces of an LZ4 stream; each yielded view is valid until the next step. */
export async function* decodeLz4Stream(input: AsyncIterable<Uint8Array>, progress: DecodeProgress): AsyncGenerator<Uint8Array> {
  const rd = new InputReader(input[Symbol.asyncIterator]());
  if (await rd.atEnd()) stop('empty file: no LZ4 frame');
  try {
    for (;;) {
      const at = rd.consumed;
      const n = await rd.fill(4);
      if (n === 0) return;
      if (n < 4) stop(`truncated frame header at byte ${at}`);
      const magic = u32(rd.bytes, rd.pos);
      if (magic >>> 4 === 0x184d2a5) {
        if ((await rd.fill(8)) < 8) stop(`truncated skippable frame at byte ${at}`);
        const size = u32(rd.bytes, rd.pos + 4);
        rd.take(8);
        if ((await rd.skip(size)) < size) stop(`truncated skippable frame at byte ${at}`);
      } else if (magic === FRAME_MAGIC) {
        yield* frame(rd, at);
      } else if (magic === LEGACY_MAGIC) {
        rd.take(4);
        yield* legacy(rd);
      } else {
        stop(`unknown frame magic ${hex(magic)} at byte ${at}`);
      }
      progress.consumed = rd.consumed;
    }
  } finally {
    progress.consumed = rd.consumed;
  }
}

async function* frame(rd: InputReader, start: number): AsyncGenerator<Uint8Array> {
  if ((await rd.fill(7)) < 7) stop(`truncated frame descriptor at byte ${start}`);
  let b = rd.bytes;
  const flg = b[rd.pos + 4]!;
  const bd = b[rd.pos + 5]!;
  if (flg >>> 6 !== 1) stop(`unsupported frame version ${flg >>> 6} at byte ${start}`);
  if ((flg & 0x02) !== 0 || (bd & 0x8f) !== 0) stop(`reserved descriptor bits set at byte ${start}`);
  const independent = (flg & 0x20) !== 0;
  const blockChecksum = (flg & 0x10) !== 0;
  const hasSize = (flg & 0x08) !== 0;
  const contentChecksum = (flg & 0x04) !== 0;
  const hasDict = (flg & 0x01) !== 0;
  const sizeCode = (bd >>> 4) & 7;
  if (sizeCode < 4) stop(`invalid block size code ${sizeCode} at byte ${start}`);
  const blockMax = BLOCK_SIZES[sizeCode - 4]!;
  const headerLen = 7 + (hasSize ? 8 : 0) + (hasDict ? 4 : 0);
  if ((await rd.fill(headerLen)) < headerLen) stop(`truncated frame descriptor at byte ${start}`);
  b = rd.bytes;
  const p = rd.pos;
  const hc = p + headerLen - 1;
  if (((xxh32(b, p + 4, hc) >>> 8) & 0xff) !== b[hc]) stop(`frame header checksum mismatch at byte ${start}`);
  if (hasDict) stop(`frame at byte ${start} needs dictionary ${hex(u32(b, hc - 4))}, which is not available`);
  const declared = hasSize ? u32(b, p + 6) + u32(b, p + 10) * 2 ** 32 : -1;
  rd.take(headerLen);

  // Linked blocks may copy from the frame's last 64 KiB: keep them in front of the next block.
  const out = new Uint8Array((independent ? 0 : HISTORY) + blockMax);
  let hist = 0;
  const xx = contentChecksum ? new Xxh32Stream() : null;
  let total = 0;
  for (;;) {
    const at = rd.consumed;
    if ((await rd.fill(4)) < 4) stop(`truncated block header at byte ${at}`);
    const word = u32(rd.bytes, rd.pos);
    rd.take(4);
    if (word === 0) break;
    const stored = word >= 0x80000000;
    const size = word & 0x7fffffff;
    if (size > blockMax) stop(`block of ${size} bytes exceeds the frame's ${blockMax}-byte maximum at byte ${at}`);
    const want = size + (blockChecksum ? 4 : 0);
    const got = await rd.fill(want);
    b = rd.bytes;
    const sp = rd.pos;
    const avail = Math.min(got, size);
    if (blockChecksum && got === want && xxh32(b, sp, sp + size) !== u32(b, sp + size)) stop(`block checksum mismatch at byte ${at}`);
    let end: number;
    let broken = '';
    if (stored) {
      out.set(b.subarray(sp, sp + avail), hist);
      end = hist + avail;
    } else {
      const r = decodeLz4Block(b, sp, sp + avail, out, hist, hist + blockMax, independent ? hist : 0);
      end = r.outEnd;
      if (!r.ok) broken = r.problem;
    }
    if (end > hist) {
      xx?.update(out, hist, end);
      total += end - hist;
      yield out.subarray(hist, end);
    }
    if (broken && avail === size) stop(`corrupt block at byte ${at}: ${broken}`);
    if (avail < size) stop(`truncated block at byte ${at} (${size - avail} bytes missing)`);
    if (got < want) stop(`truncated block checksum at byte ${at + 4 + size}`);
    rd.take(want);
    if (!independent) {
      const keep = Math.min(HISTORY, end);
      out.copyWithin(0, end - keep, end);
      hist = keep;
    }
  }
  if (xx) {
    const at = rd.consumed;
    if ((await rd.fill(4)) < 4) stop(`truncated content checksum at byte ${at}`);
    if (xx.digest() !== u32(rd.bytes, rd.pos)) stop(`content checksum mismatch in the frame at byte ${start}`);
    rd.take(4);
  }
  if (declared >= 0 && declared !== total) stop(`frame at byte ${start} declares ${declared} bytes but holds ${total}`);
}

/** Legacy frames: 4-byte compressed sizes of independent 8 MiB blocks, up to the next magic or the end. */
async function* legacy(rd: InputReader): AsyncGenerator<Uint8Array> {
  let out: Uint8Array | null = null;
  for (;;) {
    const at = rd.consumed;
    const n = await rd.fill(4);
    if (n === 0) return;
    if (n < 4) stop(`truncated legacy block header at byte ${at}`);
    const size = u32(rd.bytes, rd.pos);
    if (size === FRAME_MAGIC || size === LEGACY_MAGIC || size >>> 4 === 0x184d2a5) return;
    if (size > LEGACY_BOUND) stop(`legacy block of ${size} bytes at byte ${at} exceeds the format's bound`);
    rd.take(4);
    const avail = await rd.fill(size);
    out ??= new Uint8Array(LEGACY_BLOCK);
    const r = decodeLz4Block(rd.bytes, rd.pos, rd.pos + avail, out, 0, LEGACY_BLOCK, 0);
    if (r.outEnd > 0) yield out.subarray(0, r.outEnd);
    if (avail < size) stop(`truncated legacy block at byte ${at}`);
    if (!r.ok) stop(`corrupt legacy block at byte ${at}: ${r.problem}`);
    rd.take(size);
  }
}

/** A whole LZ4 stream held in memory, decoded (tests and small inputs). */
export async function decodeLz4Frames(input: Uint8Array, maxBytes = Infinity): Promise<DecodeOutcome> {
  const sink = new ByteSink(Math.min(input.length * 4, maxBytes === Infinity ? 1 << 20 : maxBytes));
  try {
    for await (const piece of decodeLz4Stream(onePiece(input), { consumed: 0 })) {
      sink.append(piece);
      if (sink.len > maxBytes) return { bytes: sink.result().subarray(0, maxBytes), error: limitExceeded(maxBytes) };
    }
  } catch (err) {
    if (!(err instanceof DecodeStop)) throw err;
    return { bytes: sink.result(), error: { message: err.message } };
  }
  return { bytes: sink.result() };
}
