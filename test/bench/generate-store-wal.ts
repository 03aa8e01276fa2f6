import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import type { EntryType } from '../../core/wal/entry-type.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { seededRandom } from '../support/random-entries.js';

/**
 * The issue-12 shape: a long-lived collection's log, many entries over few documents (1 GiB is
 * ~1.7 M entries over 20 k documents). Transactions of Begin, three operations, Commit; once
 * `documents` exist, inserts give way to updates (and the odd delete and re-insert). Written
 * as it goes (a 10 GiB file never sits in memory); reused when it exists at that size.
 */
export function generateStoreWal(file: string, bytes: number, documents = 20_000, seed = 7, bioRepeats = 150): { file: string; entries: number } {
  if (fs.existsSync(file) && fs.statSync(file).size >= bytes) return { file, entries: -1 };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const rand = seededRandom(seed);
  const fd = fs.openSync(file + '.tmp', 'w');
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let written = 0;
  let entries = 0;
  let ts = 1_732_400_000_000n;
  const live = new Set<number>();
  const add = (entryType: EntryType, transactionId: string, documentId: string, data: string | null) => {
    const b = Buffer.from(encodeBinaryEntry(createEntry({ entryType, transactionId, collection: 'users', documentId, timestamp: ts++, data })));
    batch.push(b);
    batchBytes += b.length;
    written += b.length;
    entries++;
    if (batchBytes > 8 << 20) {
      fs.writeSync(fd, Buffer.concat(batch, batchBytes));
      batch = [];
      batchBytes = 0;
    }
  };
  for (let n = 0; written < bytes; n++) {
    const tx = `t${n.toString(36)}`.padEnd(32, 'x');
    add('Begin', tx, 'transaction', null);
    for (let k = 0; k < 3; k++) {
      const d = Math.floor(rand() * documents);
      const doc = `user-${d}`;
      if (!live.has(d)) {
        live.add(d);
        add('Insert', tx, doc, documentData(rand, doc, bioRepeats));
      } else if (rand() < 0.98) add('Update', tx, doc, documentData(rand, doc, bioRepeats));
      else {
        live.delete(d);
        add('Delete', tx, doc, null);
      }
    }
    add('Commit', tx, 'transaction', null);
  }
  fs.writeSync(fd, Buffer.concat(batch, batchBytes));
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
  return { file, entries };
}

/** Documents of ~200–1,900 bytes (mean ~1 KB): with Begin/Commit, ~630 bytes an entry. */
function documentData(rand: () => number, doc: string, bioRepeats: number): string {
  return JSON.stringify({
    name: `name-${doc}`, email: `${doc}@example.com`, age: Math.floor(rand() * 90), tags: ['a', 'b', 'c'],
    address: { city: 'Oslo', zip: String(Math.floor(rand() * 9999)) }, bio: 'lorem ipsum '.repeat(Math.floor(rand() * bioRepeats)),
  });
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [out, size, docs, bio] = process.argv.slice(2);
  console.log(generateStoreWal(out!, Number(size ?? 1 << 30), Number(docs ?? 20_000), 7, Number(bio ?? 150)));
}
