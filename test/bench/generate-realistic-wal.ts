import * as fs from 'node:fs';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import type { EntryType } from '../../core/wal/entry-type.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { seededRandom } from '../support/random-entries.js';

/**
 * Writes a binary WAL of about `bytes` bytes that reads like a healthy Sentinel collection's:
 * transactions of Begin, three document operations, Commit; inserts of new documents, updates
 * and deletes of live ones, JSON documents of 100–600 bytes. Reused when it exists.
 */
export function generateRealisticWal(file: string, bytes: number, seed = 1): { file: string; entries: number } {
  if (fs.existsSync(file) && fs.statSync(file).size >= bytes) return { file, entries: -1 };
  const rand = seededRandom(seed);
  const out: Buffer[] = [];
  const live: string[] = [];
  let written = 0;
  let entries = 0;
  let ts = 1_732_400_000_000n;
  let nextDoc = 0;
  const add = (entryType: EntryType, transactionId: string, documentId: string, data: string | null) => {
    const b = Buffer.from(encodeBinaryEntry(createEntry({ entryType, transactionId, collection: 'users', documentId, timestamp: ts++, data })));
    out.push(b);
    written += b.length;
    entries++;
  };
  for (let n = 0; written < bytes; n++) {
    const tx = `t${n.toString(36)}`.padEnd(32, 'x');
    add('Begin', tx, 'transaction', null);
    for (let k = 0; k < 3; k++) {
      const r = rand();
      if (r < 0.5 || live.length < 100) {
        const doc = `user-${nextDoc++}`;
        live.push(doc);
        add('Insert', tx, doc, documentData(rand, doc));
      } else if (r < 0.9) {
        const doc = live[Math.floor(rand() * live.length)]!;
        add('Update', tx, doc, documentData(rand, doc));
      } else {
        const i = Math.floor(rand() * live.length);
        add('Delete', tx, live[i]!, null);
        live[i] = live[live.length - 1]!;
        live.pop();
      }
    }
    add('Commit', tx, 'transaction', null);
  }
  fs.writeFileSync(file + '.tmp', Buffer.concat(out));
  fs.renameSync(file + '.tmp', file);
  return { file, entries };
}

function documentData(rand: () => number, doc: string): string {
  return JSON.stringify({
    name: `name-${doc}`, email: `${doc}@example.com`, age: Math.floor(rand() * 90), tags: ['a', 'b', 'c'],
    address: { city: 'Oslo', zip: String(Math.floor(rand() * 9999)) }, bio: 'lorem ipsum '.repeat(Math.floor(rand() * 30)),
  });
}
