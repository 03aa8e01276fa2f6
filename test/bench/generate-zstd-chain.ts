/**
 * The issue-12 shape (generate-store-wal.ts) as a chain of rotated zstd segments, for the 10 GiB
 * run in the README: rotates every SEG MiB, compresses each sealed segment with the zstd CLI (the
 * last one stays the active transactions.wal). Run: npx tsx test/bench/generate-zstd-chain.ts <.wal dir> <MiB> <SEG MiB>
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import type { EntryType } from '../../core/wal/entry-type.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { seededRandom } from '../support/random-entries.js';

const [dir, totalStr, segStr] = process.argv.slice(2);
const total = Number(totalStr) * 2 ** 20, seg = Number(segStr) * 2 ** 20;
fs.mkdirSync(dir!, { recursive: true });
const rand = seededRandom(7);
const documents = 20_000, bioRepeats = 150;
let secs = 1_732_400_000;
let fd = fs.openSync(path.join(dir!, 'transactions.wal'), 'w');
let inSeg = 0, written = 0, entries = 0;
let batch: Buffer[] = []; let batchBytes = 0;
let ts = 1_732_400_000_000n;
const live = new Set<number>();
const flush = () => { if (batchBytes) fs.writeSync(fd, Buffer.concat(batch, batchBytes)); batch = []; batchBytes = 0; };
const rotate = () => {
  flush(); fs.closeSync(fd);
  const name = path.join(dir!, `transactions.${secs++}.wal`);
  fs.renameSync(path.join(dir!, 'transactions.wal'), name);
  execFileSync('zstd', ['-q', '-1', '--rm', name]);
  fd = fs.openSync(path.join(dir!, 'transactions.wal'), 'w'); inSeg = 0;
};
const add = (entryType: EntryType, transactionId: string, documentId: string, data: string | null) => {
  const b = Buffer.from(encodeBinaryEntry(createEntry({ entryType, transactionId, collection: 'users', documentId, timestamp: ts++, data })));
  if (inSeg + b.length > seg) rotate();
  batch.push(b); batchBytes += b.length; inSeg += b.length; written += b.length; entries++;
  if (batchBytes > 8 << 20) flush();
};
const docData = (doc: string) => JSON.stringify({
  name: `name-${doc}`, email: `${doc}@example.com`, age: Math.floor(rand() * 90), tags: ['a', 'b', 'c'],
  address: { city: 'Oslo', zip: String(Math.floor(rand() * 9999)) }, bio: 'lorem ipsum '.repeat(Math.floor(rand() * bioRepeats)),
});
for (let n = 0; written < total; n++) {
  const tx = `t${n.toString(36)}`.padEnd(32, 'x');
  add('Begin', tx, 'transaction', null);
  for (let k = 0; k < 3; k++) {
    const d = Math.floor(rand() * documents); const doc = `user-${d}`;
    if (!live.has(d)) { live.add(d); add('Insert', tx, doc, docData(doc)); }
    else if (rand() < 0.98) add('Update', tx, doc, docData(doc));
    else { live.delete(d); add('Delete', tx, doc, null); }
  }
  add('Commit', tx, 'transaction', null);
}
flush(); fs.closeSync(fd);
console.log(JSON.stringify({ bytes: written, entries }));
