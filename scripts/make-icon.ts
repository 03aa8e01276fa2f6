/**
 * Writes build/icon.png (512×512): the app icon electron-builder turns into .icns / .ico.
 * Drawn in code (a page of log lines with one red "damaged" line) so no binary is checked in
 * without its source. Run: npx tsx scripts/make-icon.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';

const SIZE = 512;

function pixel(x: number, y: number): [number, number, number, number] {
  const r = 96;
  const inside = (cx: number, cy: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const inRounded = (x >= r && x < SIZE - r) || (y >= r && y < SIZE - r) || inside(r, r) || inside(SIZE - r, r) || inside(r, SIZE - r) || inside(SIZE - r, SIZE - r);
  if (!inRounded) return [0, 0, 0, 0];
  const line = Math.floor((y - 96) / 48);
  const inLine = y >= 96 && y < 432 && (y - 96) % 48 < 24 && x >= 96;
  const widths = [320, 260, 300, 200, 280, 240, 310];
  if (inLine && x < 96 + (widths[line] ?? 0)) return line === 3 ? [230, 72, 60, 255] : [236, 242, 248, 255];
  return [30, 64, 110, 255];
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function iconPng(): Buffer {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), y * (SIZE * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, iconPng());
  process.stdout.write(`${out}\n`);
}
