import { CHECK_STRUCTURE, DECODE_CRC_MISMATCH, DECODE_OK, decodeLayout, layoutTimestamp, newLayout } from '../../../wal/binary-layout.js';
import { ByteWindow, type ByteSource } from '../../../wal/byte-source.js';
import { idText } from '../../../wal/fixed-bytes.js';
import { decodeJsonlLine, trimLikeRust } from '../../../wal/jsonl-codec.js';
import { FLAG_HAS_DATA, FLAG_TS_INEXACT, TX_IN_LINE } from '../../index/index-layout.js';
import type { RowStore } from '../../index/row-store.js';
import type { WhereQuery } from './compile-where.js';
import { EntryActivation, type RowFacts } from './entry-activation.js';

/** Where a scan reads: the rows, the segments' names and their (decompressed) bytes. */
export interface WhereSource {
  readonly store: RowStore;
  segmentName(index: number): string;
  source(index: number): Promise<ByteSource>;
}

/** Matches so far: rows [0, scanned) are decided. */
export interface WhereState {
  bitmap: Uint8Array;
  scanned: number;
  matched: number;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const WINDOW = 8 << 20;
const BACKSLASH = 0x5c;

/** Whether data bytes can match (see WhereQuery.requiredText): each needle present, or a backslash. */
function mayMatchBytes(data: Buffer, needles: readonly Buffer[]): boolean {
  for (const n of needles) if (data.indexOf(n) < 0) return data.indexOf(BACKSLASH) >= 0;
  return true;
}

/** Entries probed before deciding whether the byte test pays; it must rule out 1 in PAYS of them. */
const PROBES = 2048;
const PAYS = 8;

/**
 * Evaluates `q` on rows [m.scanned, rows) of a row store, setting m.bitmap; indexed fields from
 * the store, data and transaction ids read from the segments (in file order, one window per
 * segment) only when the expression reads them. `tick` runs every 4,096 rows.
 */
export async function scanWhere(
  src: WhereSource, q: WhereQuery, m: WhereState, rows: number, status: ((row: number) => string) | null,
  tick: (done: number) => Promise<void>,
): Promise<void> {
  const store = src.store;
  const ids = store.ids;
  const readsData = q.uses.has('data');
  const readsTx = q.uses.has('transaction_id') || q.uses.has('damaged');
  const readsTime = q.uses.has('timestamp') || q.uses.has('time');
  // Ids are made text, and checked as UTF-8 (damaged), only for an expression that reads them.
  const readsCollection = q.uses.has('collection');
  const readsDocument = q.uses.has('document_id');
  const readsDamaged = q.uses.has('damaged');
  let needles = readsData ? q.requiredText.map((t) => Buffer.from(t, 'utf8')) : [];
  // The byte test costs a scan of the data per needle: where it rules out few entries (every
  // entry holds the keys), it is dropped after a sample and every entry is parsed instead.
  let probed = 0;
  let ruled = 0;
  const facts: RowFacts = {
    entryType: '', transactionId: '', collection: '', documentId: '', timestamp: 0n, size: 0, segment: '', offset: 0,
    damaged: false, data: null, dataBytes: null, transactionStatus: '',
  };
  const act = new EntryActivation(facts, q.dataKeys);
  const layout = newLayout();
  let row = m.scanned;
  while (row < rows) {
    const segIndex = store.segment(row);
    const segName = src.segmentName(segIndex);
    let end = row;
    while (end < rows && store.segment(end) === segIndex) end++;
    const window = readsData || readsTx || readsTime ? new ByteWindow(await src.source(segIndex), WINDOW) : null;
    for (let r = row; r < end; r++) {
      let ruledOut = false;
      const damage = store.isDamage(r);
      facts.segment = segName;
      facts.offset = store.offset(r);
      facts.size = store.length(r);
      facts.data = null;
      facts.dataBytes = null;
      facts.transactionStatus = status ? status(r) : '';
      if (damage) {
        facts.entryType = facts.transactionId = facts.collection = facts.documentId = '';
        facts.timestamp = 0n;
        facts.damaged = true;
      } else {
        const col = store.collection(r);
        const doc = store.document(r);
        facts.entryType = store.entryType(r)!;
        facts.collection = readsCollection ? ids.text(col) : '';
        facts.documentId = readsDocument ? ids.text(doc) : '';
        const flags = store.flags(r);
        facts.timestamp = readsTime && (flags & FLAG_TS_INEXACT) === 0 ? BigInt(store.time(r)) : 0n;
        let idsValid = !readsDamaged || (ids.isValidUtf8(col) && ids.isValidUtf8(doc));
        facts.transactionId = '';
        const wantsData = readsData && (flags & FLAG_HAS_DATA) !== 0;
        if (window && (readsTx || wantsData || (readsTime && (flags & FLAG_TS_INEXACT) !== 0))) {
          const at = facts.offset;
          window.ensure(at, at + facts.size);
          const rel = at - window.start;
          const buf = window.buf;
          if (store.txAt(r) === TX_IN_LINE) {
            const d = decodeJsonlLine(trimLikeRust(decoder.decode(buf.subarray(rel, rel + facts.size))));
            if (d.ok) {
              const tx = idText(d.entry.transactionId);
              facts.transactionId = tx.text;
              idsValid &&= tx.utf8Valid;
              facts.timestamp = d.entry.timestamp;
              facts.data = d.entry.data;
            }
          } else {
            // OK and a CRC mismatch are read alike, so the CRC is not computed.
            const st = decodeLayout(buf, rel, rel + facts.size, layout, CHECK_STRUCTURE);
            if (st === DECODE_OK || st === DECODE_CRC_MISMATCH) {
              if (readsTx) {
                const tx = idText(buf.subarray(layout.txStart, layout.txStart + 32));
                facts.transactionId = tx.text;
                idsValid &&= tx.utf8Valid;
              }
              if ((flags & FLAG_TS_INEXACT) !== 0) facts.timestamp = layoutTimestamp(buf, layout);
              if (wantsData && layout.dataLen >= 0) {
                const data = Buffer.from(buf.buffer, buf.byteOffset + layout.dataStart, layout.dataLen);
                // The bytes themselves (valid until the window moves: this row's test only).
                if (needles.length === 0 || mayMatchBytes(data, needles)) facts.dataBytes = data;
                else ruledOut = true;
                if (needles.length > 0) {
                  if (ruledOut) ruled++;
                  if (++probed === PROBES && ruled * PAYS < PROBES) needles = [];
                }
              }
            }
          }
        }
        facts.damaged = !idsValid;
      }
      // Required texts come from comparisons on data: without data they are all false.
      if (readsData && facts.data === null && !facts.dataBytes && q.requiredText.length > 0) ruledOut = true;
      if (!ruledOut && q.test(act.reset(facts))) {
        m.bitmap[r] = 1;
        m.matched++;
      }
      if ((r & 4095) === 4095) {
        m.scanned = r + 1;
        await tick(r + 1);
      }
    }
    row = end;
    m.scanned = end;
  }
}
