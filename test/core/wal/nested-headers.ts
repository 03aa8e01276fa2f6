import * as zlib from 'node:zlib';

/**
 * Files crafted against resynchronisation: fake entry headers whose data length claims
 * nearly the rest of the file, nested, with every byte of the claimed data valid UTF-8, so
 * that each candidate offset decodes a huge entry whose CRC then fails.
 */
const HEADER = 42;

/** A 4-byte data length varint close to (at most) `target` whose bytes are valid UTF-8 (E1 80..BF 80..BF 00..7F). */
function utf8Varint(target: number): Buffer {
  let rest = target - 97;
  const b3 = Math.min(127, Math.floor(rest / 2 ** 21));
  rest -= b3 * 2 ** 21;
  const y = Math.min(63, Math.floor(rest / 2 ** 14));
  rest -= y * 2 ** 14;
  const x = Math.min(63, Math.floor(rest / 128));
  return Buffer.from([0xe1, 0x80 + x, 0x80 + y, b3]);
}

export function varintValue(b: Buffer): number {
  return (b[0]! & 0x7f) + (b[1]! & 0x7f) * 128 + (b[2]! & 0x7f) * 2 ** 14 + b[3]! * 2 ** 21;
}

/** Writes a fake Insert header at `at` claiming data up to about `end` (never past it); returns the claimed entry end. */
function writeHeader(file: Buffer, at: number, end: number): number {
  file[at] = 1;
  file[at + 1] = 32;
  file.fill(0x61, at + 2, at + 34);
  file[at + 34] = 0; // collection length
  file[at + 35] = 0; // document id length
  file[at + 36] = 1; // timestamp
  file[at + 37] = 1; // data follows
  const len = utf8Varint(end - (at + HEADER) - 4);
  len.copy(file, at + 38);
  return at + HEADER + varintValue(len) + 4;
}

/** `size` bytes: a fake header every `spacing` bytes over the first `span` bytes, ASCII filler elsewhere. */
export function nestedHeaders(size: number, spacing: number, span = size / 2): { bytes: Buffer; headers: number[]; ends: number[] } {
  const file = Buffer.alloc(size, 0x78);
  const headers: number[] = [];
  const ends: number[] = [];
  for (let at = 0; at + HEADER <= span; at += spacing) {
    headers.push(at);
    ends.push(writeHeader(file, at, size));
  }
  return { bytes: file, headers, ends };
}

/**
 * An intact entry whose every byte is valid UTF-8 (ASCII ids, 1-byte timestamp and length,
 * a CRC of four ASCII bytes found by varying the data), so it can sit inside fake data.
 */
export function utf8Entry(seed: number): Buffer {
  for (let k = 0; ; k++) {
    const data = Buffer.from(`{"n":${seed},"k":${k}}`);
    const e = Buffer.alloc(1 + 1 + 32 + 1 + 16 + 1 + 16 + 1 + 1 + 1 + data.length + 4);
    let p = 0;
    e[p++] = 1;
    e[p++] = 32;
    e.fill(0x62, p, p + 32);
    p += 32;
    e[p++] = 16;
    e.write('users'.padEnd(16, 'u'), p, 'latin1');
    p += 16;
    e[p++] = 16;
    e.write(`doc-${seed}`.padEnd(16, 'd'), p, 'latin1');
    p += 16;
    e[p++] = 5; // timestamp
    e[p++] = 1;
    e[p++] = data.length;
    data.copy(e, p);
    p += data.length;
    const crc = zlib.crc32(e.subarray(0, p));
    const bytes = [crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24];
    if (bytes.every((b) => b > 0 && b < 0x80)) {
      e.writeUInt32LE(crc, p);
      return e;
    }
  }
}

/**
 * Fake headers each followed by an intact entry (all valid UTF-8): every fake header claims
 * nearly the rest of the file, so each damage record starts with a huge failed decode.
 */
export function interleaved(size: number, count: number): { bytes: Buffer; headers: number[]; entries: number[] } {
  const file = Buffer.alloc(size, 0x78);
  const headers: number[] = [];
  const entries: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const e = utf8Entry(i);
    if (at + HEADER + e.length > size / 2) break;
    headers.push(at);
    writeHeader(file, at, size);
    e.copy(file, at + HEADER);
    entries.push(at + HEADER);
    at += HEADER + e.length;
  }
  return { bytes: file, headers, entries };
}
