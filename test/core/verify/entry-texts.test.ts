import { describe, expect, it } from 'vitest';
import { EntryTexts } from '../../../core/verify/entry-texts.js';
import { entryText, type LogEntry } from '../../../core/wal/log-entry.js';
import { seededRandom, randomEntry } from '../../support/random-entries.js';

/** Ids of the kinds the cache must tell apart: valid, cut mid-character, not UTF-8, padded differently. */
const ODD_IDS = [
  new TextEncoder().encode('doc-é'), new Uint8Array([0x64, 0xc3]), new Uint8Array([0xff, 0xfe, 0x41]), new Uint8Array([0x41, 0, 0, 0]),
  new Uint8Array([0x41]), new Uint8Array(0), new Uint8Array([0xc3, 0xa9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
];

describe('EntryTexts: entryText for every entry, ids decoded once', () => {
  it('gives what entryText gives, entry after entry, for repeated, alternating and odd ids', () => {
    const rand = seededRandom(5);
    const texts = new EntryTexts();
    let last: LogEntry | undefined;
    for (let i = 0; i < 5000; i++) {
      let e = randomEntry(rand, i);
      // Runs of one transaction, as a log has them, and ids that are not UTF-8.
      if (last && rand() < 0.5) e = { ...e, transactionId: last.transactionId };
      if (rand() < 0.1) e = { ...e, documentId: ODD_IDS[Math.floor(rand() * ODD_IDS.length)]! };
      if (rand() < 0.05) {
        const tx = new Uint8Array(32);
        tx.set(ODD_IDS[Math.floor(rand() * ODD_IDS.length)]!.subarray(0, 32));
        e = { ...e, transactionId: tx, collection: ODD_IDS[Math.floor(rand() * ODD_IDS.length)]! };
      }
      expect(texts.of(e)).toEqual(entryText(e));
      last = e;
    }
  });

  it('tells apart every pair of odd ids, one right after the other', () => {
    const base = randomEntry(seededRandom(9), 0);
    const texts = new EntryTexts();
    for (const a of ODD_IDS) {
      for (const b of ODD_IDS) {
        for (const id of [a, b]) {
          const tx = new Uint8Array(32);
          tx.set(id.subarray(0, 32));
          const e = { ...base, transactionId: tx, collection: id, documentId: id };
          expect(texts.of(e)).toEqual(entryText(e));
        }
      }
    }
  });
});
