import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

const CHUNK = 4 << 20;

/**
 * Reads every byte of `file` and its CRC-32 (zlib's, the fastest here): the floor any verifying
 * reader stands on, which every benchmark states its ratios against. Returns the CRC.
 */
export function readAndCrc(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let crc = 0;
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, CHUNK, null)) > 0;) crc = zlib.crc32(buf.subarray(0, n), crc);
  } finally {
    fs.closeSync(fd);
  }
  return crc;
}

/** The floor's time in ms. */
export function readAndCrcMs(file: string): number {
  const t0 = performance.now();
  readAndCrc(file);
  return performance.now() - t0;
}
