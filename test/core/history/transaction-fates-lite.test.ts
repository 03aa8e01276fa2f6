/**
 * BegunTransactions keeps transactions by the UTF-8 bytes of the text their id reads as: the
 * same fates and ends as a table keyed by that text (idText), for ids with trailing zeros,
 * invalid UTF-8, a leading BOM, asked by record, by cursor and by text.
 */
import { describe, expect, it } from 'vitest';
import type { ChainPosition } from '../../../core/history/cut-off.js';
import { BegunTransactions } from '../../../core/history/transaction-fates-lite.js';
import { EntryCursor } from '../../../core/wal/entry-cursor.js';
import { ENTRY_TYPES, type EntryType } from '../../../core/wal/entry-type.js';
import { idText } from '../../../core/wal/fixed-bytes.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import type { WalRecord } from '../../../core/wal/records.js';
import { seededRandom } from '../../support/random-entries.js';

/** The reference: verify's rule over ids as text. */
class ByText {
  readonly txs = new Map<string, { fate?: string; end?: ChainPosition }>();
  add(type: EntryType, tx: string, at: ChainPosition): void {
    if (type === 'Begin') {
      if (!this.txs.has(tx)) this.txs.set(tx, {});
    } else if (type === 'Commit' || type === 'Rollback') {
      const t = this.txs.get(tx);
      if (t && t.fate === undefined) Object.assign(t, { fate: type === 'Commit' ? 'committed' : 'rolled-back', end: at });
    }
  }
  fateOf(tx: string) {
    const t = this.txs.get(tx);
    return t ? (t.fate ?? 'unterminated') : undefined;
  }
}

// Ids that collide as text in every way an id can: padding, lossy bytes (0xff, 0xfe and a
// literal U+FFFD read alike), a BOM, multi-byte characters.
const STEMS: readonly number[][] = [[0x61], [0x61, 0x00, 0x00], [0x61, 0xff], [0x61, 0xfe], [0x61, 0xef, 0xbf, 0xbd], [0xef, 0xbb, 0xbf, 0x62], [0x62], [0xc3, 0xa9], [0xc3]];
const id = (stem: readonly number[]) => Uint8Array.from({ length: 32 }, (_, i) => stem[i] ?? 0);

describe('BegunTransactions', () => {
  it('gives the fates and ends a table keyed by id text gives, by record, by cursor and by text', () => {
    const rand = seededRandom(14);
    for (let round = 0; round < 200; round++) {
      const ref = new ByText();
      const byRecord = new BegunTransactions();
      const byCursor = new BegunTransactions();
      const cursor = new EntryCursor();
      const ids = STEMS.map(id);
      for (let k = 0; k < 12; k++) {
        const type = (['Begin', 'Begin', 'Commit', 'Rollback', 'Insert'] as const)[Math.floor(rand() * 5)]!;
        const tx = ids[Math.floor(rand() * ids.length)]!;
        const entry = { ...createEntry({ entryType: type, transactionId: 'x'.repeat(32), collection: 'c', documentId: 'd', timestamp: 1n, data: type === 'Insert' ? '{}' : null }), transactionId: tx };
        const r: WalRecord = { kind: 'entry', segment: 's', offset: k * 10, length: 10, entry };
        ref.add(type, idText(tx).text, { segment: 0, offset: k * 10 });
        byRecord.add(r, 0);
        byCursor.addAt(cursor.atEntry(ENTRY_TYPES.indexOf(type), entry, 's', k * 10), 0);
      }
      const texts = [...new Set(ids.map((b) => idText(b).text)), 'a\0', '\ud800', 'zz'];
      for (const t of texts) {
        const want = ref.fateOf(t);
        expect(byRecord.fateOf(t), t).toBe(want);
        expect(byCursor.fateOf(t), t).toBe(want);
        expect(byCursor.endOf(t), t).toEqual(ref.txs.get(t)?.end);
      }
      for (const b of ids) {
        const e = { ...createEntry({ entryType: 'Insert', transactionId: 'x'.repeat(32), collection: 'c', documentId: 'd', timestamp: 1n, data: '{}' }), transactionId: b };
        expect(byCursor.fateAt(cursor.atEntry(1, e, 's', 0))).toBe(ref.fateOf(idText(b).text));
      }
      const anyRef = [...ref.txs.values()].some((t) => t.fate !== 'committed');
      expect(byRecord.anyUncommitted).toBe(anyRef);
      expect(byCursor.anyUncommitted).toBe(anyRef);
    }
  });
});
