import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import type { EntryType } from '../../core/wal/entry-type.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { seededRandom } from '../support/random-entries.js';

/**
 * Writes a binary WAL of `entries` entries grouped in transactions as an application writes
 * them: most are Begin, 1–6 writes, Commit; some roll back, some never end, some writes stand
 * alone (Sentinel's own single-entry transactions). Data is JSON of 40–600 bytes; times rise
 * with jitter. Entries are made from a pool of encoded templates, each copy given its
 * transaction's 32-byte id and a fresh CRC, so millions are written in seconds.
 * Returns the transactions written. Reuses the file when it already holds as many entries.
 */
export function generateTxLog(file: string, entries: number, seed = 3): { transactions: number; bytes: number } {
  const marker = `${file}.${entries}.done`;
  if (fs.existsSync(file) && fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8'));
  const rand = seededRandom(seed);
  const templates = new Map<string, Buffer[]>();
  const ops: EntryType[] = ['Insert', 'Update', 'Update', 'Delete'];
  const template = (type: EntryType, k: number): Buffer => {
    let list = templates.get(type);
    if (!list) templates.set(type, (list = []));
    if (list.length < 512) {
      const withData = type === 'Insert' || type === 'Update';
      const data = withData ? JSON.stringify({ k, name: `user-${k}`, note: 'lorem ipsum '.repeat(Math.floor(rand() * 50)), n: Math.floor(rand() * 1e6) }) : null;
      list.push(Buffer.from(encodeBinaryEntry(createEntry({
        entryType: type, transactionId: 'x'.repeat(32), collection: ['users', 'orders', 'events'][k % 3]!,
        documentId: `doc-${Math.floor(rand() * 50_000)}`, timestamp: 1_732_400_000_000n + BigInt(k * 10), data,
      }))));
    }
    return list[k % list.length]!;
  };
  const fd = fs.openSync(`${file}.tmp`, 'w');
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let written = 0;
  let bytes = 0;
  let tx = 0;
  const put = (type: EntryType, id: string) => {
    const b = Buffer.from(template(type, written));
    b.write(id, 2, 32, 'latin1');
    b.writeUInt32LE(zlib.crc32(b.subarray(0, b.length - 4)), b.length - 4);
    batch.push(b);
    batchBytes += b.length;
    bytes += b.length;
    written++;
    if (batchBytes > 8 << 20) {
      fs.writeSync(fd, Buffer.concat(batch, batchBytes));
      batch = [];
      batchBytes = 0;
    }
  };
  while (written < entries) {
    const id = `t${(tx++).toString(36).padStart(31, '0')}`;
    const r = rand();
    if (r < 0.05) {
      put(ops[Math.floor(rand() * 4)]!, id);
      continue;
    }
    put('Begin', id);
    const n = 1 + Math.floor(rand() * 6);
    for (let i = 0; i < n && written < entries; i++) put(ops[Math.floor(rand() * 4)]!, id);
    if (written >= entries) break;
    if (r < 0.85) put('Commit', id);
    else if (r < 0.95) put('Rollback', id);
  }
  fs.writeSync(fd, Buffer.concat(batch, batchBytes));
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  const result = { transactions: tx, bytes };
  fs.writeFileSync(marker, JSON.stringify(result));
  return result;
}
