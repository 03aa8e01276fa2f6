import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeLz4Frames } from '../../../../core/wal/compression/lz4-frame.js';
import { xxh32 } from '../../../../core/wal/compression/xxhash32.js';
import { walBytesOfSize } from './wal-bytes.js';

const data = walBytesOfSize(600 * 1024, 31);
const lz4 = (args: string[], input: Buffer = data): Buffer => execFileSync('lz4', ['-q', '-c', ...args], { input, maxBuffer: 1 << 28 });

describe('xxHash32', () => {
  it('matches the reference vectors', async () => {
    const enc = (s: string) => Buffer.from(s, 'latin1');
    expect(xxh32(enc(''))).toBe(0x02cc5d05);
    expect(xxh32(enc('a'))).toBe(0x550d7456);
    expect(xxh32(enc('abc'))).toBe(0x32d153ff);
    expect(xxh32(enc('Nobody inspects the spammish repetition'))).toBe(0xe2293b2f);
    expect(xxh32(enc('abc'), 0, 3, 1)).not.toBe(0x32d153ff);
  });
});

describe('LZ4 frame decoder (TypeScript, no native fast path)', () => {
  it.each([
    ['default (independent 4 MiB blocks, content checksum)', []],
    ['linked 64 KiB blocks', ['-BD', '-B4']],
    ['block checksums', ['-BX']],
    ['content size, linked, block checksums', ['-BD', '-BX', '-B5', '--content-size']],
    ['no content checksum', ['--no-frame-crc']],
    ['high compression, linked', ['-9', '-BD']],
    ['legacy frame', ['-l']],
    ['incompressible data (stored blocks)', ['-B4'], Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24))],
  ] as const)('%s', async (_label, args, input?: Buffer) => {
    const src = input ?? data;
    const out = (await decodeLz4Frames(lz4([...args], src)));
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(src)).toBe(true);
  });

  it('finds a block checksum mismatch and keeps the blocks before it', async () => {
    const frame = Buffer.from(lz4(['-BX', '-B4']));
    frame[frame.length >> 1]! ^= 0x10;
    const out = (await decodeLz4Frames(frame));
    expect(out.error?.message).toMatch(/block checksum mismatch/);
    expect(out.bytes.length % 65536).toBe(0);
    expect(out.bytes.equals(data.subarray(0, out.bytes.length))).toBe(true);
  });

  it('refuses a bad header checksum, a dictionary and an unknown magic', async () => {
    const frame = Buffer.from(lz4([]));
    const badHc = Buffer.from(frame);
    badHc[6]! ^= 1;
    expect((await decodeLz4Frames(badHc)).error?.message).toMatch(/header checksum/);
    expect((await decodeLz4Frames(Buffer.from("not an lz4 file"))).error?.message).toMatch(/unknown frame magic/);
  });

  it('rejects matches that reach before the frame', async () => {
    // FLG 0x60: version 1, independent blocks; BD 0x40: 64 KiB; HC computed.
    const hdr = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0]);
    hdr[6] = (xxh32(hdr, 4, 6) >>> 8) & 0xff;
    // One sequence: 1 literal 'a', then a match at offset 5 (only 1 byte exists).
    const block = Buffer.from([0x10, 0x61, 0x05, 0x00, 0x00]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(block.length);
    const out = (await decodeLz4Frames(Buffer.concat([hdr, size, block, Buffer.alloc(4)])));
    expect(out.error?.message).toMatch(/reaches before the window/);
    expect(out.bytes.toString()).toBe('a');
  });
});
