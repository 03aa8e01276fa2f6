/**
 * Run in a fresh process by bombs.test.ts (peak RSS is per process): opens a compressed
 * segment the way every reader does, reads its last bytes, and prints what it saw.
 * argv: path compression maxBytes|default
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileByteSource } from '../../../../core/wal/byte-source.js';
import type { Compression } from '../../../../core/wal/compression/index.js';
import { openSegment } from '../../../../core/wal/read-log.js';

const [file, compression, limit] = process.argv.slice(2) as [string, Compression, string];
const opened = await openSegment({ name: path.basename(file), path: file, compression }, undefined, limit === 'default' ? undefined : Number(limit));
const size = opened.source.size();
const tail = new Uint8Array(16);
opened.source.readInto(tail, 0, Math.max(0, size - 16), 16);
const spilled = opened.source instanceof FileByteSource;
opened.source.close();
const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
process.stdout.write(JSON.stringify({
  size, spilled, tailZero: tail.every((b) => b === 0), error: opened.compressionError ?? null, peakRssMiB: hwm ? Number(hwm[1]) / 1024 : -1,
}) + '\n');
