import { ByteWindow } from '../../wal/byte-source.js';
import { hashHi, hashId, hashLo } from '../../wal/id-hash.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import { isUtf8 } from '../../wal/utf8.js';
import { TX_IN_LINE, TYPE_DAMAGE } from '../index/index-layout.js';
import type { Session } from '../session.js';

/**
 * Transaction ids are not interned: the row index keeps a 64-bit hash of each one (trailing
 * zero padding dropped) and where its bytes are. This module reads the bytes back from the
 * segments, to show ids as text and to confirm that rows whose hashes agree share an id.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const WINDOW = 64 << 10;
const NO_BYTES = new Uint8Array(0);

/** An id's text (invalid UTF-8 shown with U+FFFD) and whether its bytes are valid UTF-8. */
export interface TxText {
  readonly text: string;
  readonly utf8Valid: boolean;
}

export const NO_TX: TxText = { text: '', utf8Valid: true };

function trimmed(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

export function txTextOf(bytes: Uint8Array): TxText {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) { ascii = false; break; }
  return { text: lossy.decode(bytes), utf8Valid: ascii || isUtf8(bytes) };
}

/**
 * Reads the transaction id bytes (trailing zeros dropped) of entry rows, which must be in
 * ascending order (file order: one sequential pass per segment). `visit` gets a view that is
 * valid only during the call. A row whose line no longer decodes (JSON Lines) gets no bytes.
 */
export async function readTxBytes(session: Session, rows: ArrayLike<number>, visit: (row: number, bytes: Uint8Array) => void): Promise<void> {
  const store = session.store;
  let k = 0;
  while (k < rows.length) {
    const segIndex = store.segment(rows[k]!);
    const seg = session.segments[segIndex]!;
    const window = new ByteWindow(await session.bytes.source(seg), WINDOW);
    for (; k < rows.length; k++) {
      const row = rows[k]!;
      if (store.segment(row) !== segIndex) break;
      const offset = store.offset(row);
      const at = store.txAt(row);
      if (at === TX_IN_LINE) {
        const length = store.length(row);
        window.ensure(offset, offset + length);
        const rel = offset - window.start;
        const d = decodeJsonlLine(trimLikeRust(decoder.decode(window.buf.subarray(rel, rel + length))));
        visit(row, d.ok ? trimmed(d.entry.transactionId) : NO_BYTES);
      } else {
        window.ensure(offset + at, offset + at + 32);
        const rel = offset + at - window.start;
        visit(row, trimmed(window.buf.subarray(rel, Math.min(rel + 32, window.end - window.start))));
      }
    }
  }
}

/** The transaction id text of each entry row given (damage rows: none). */
export async function txTexts(session: Session, rows: readonly number[]): Promise<Map<number, TxText>> {
  const store = session.store;
  const wanted = rows.filter((r) => store.type(r) !== TYPE_DAMAGE).sort((a, b) => a - b);
  const out = new Map<number, TxText>();
  await readTxBytes(session, wanted, (row, bytes) => out.set(row, txTextOf(bytes)));
  return out;
}

/** Rows of one transaction id: those whose hash is (lo, hi), except the `reject`ed ones (same hash, other bytes). */
export interface TxMatch {
  readonly lo: number;
  readonly hi: number;
  readonly reject: ReadonlySet<number>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Resolves a transaction id filter (the id's exact text, as its bytes without padding) against
 * the rows as they are when this resolves: candidates by hash, each confirmed by its bytes.
 */
export async function matchTransaction(session: Session, text: string): Promise<TxMatch> {
  const store = session.store;
  const want = encoder.encode(text);
  hashId(want, 0, want.length);
  const lo = hashLo();
  const hi = hashHi();
  for (;;) {
    const version = store.version;
    const key = `tx-filter:${text}`;
    const cached = session.cache.peek<TxMatch>(version, key);
    if (cached) return cached;
    const candidates: number[] = [];
    store.forEachChunk((c, base, n) => {
      for (let i = 0; i < n; i++) {
        if (c.txLo[i] === lo && c.txHi[i] === hi && c.type[i] !== TYPE_DAMAGE) candidates.push(base + i);
      }
    });
    const reject = new Set<number>();
    await readTxBytes(session, candidates, (row, bytes) => {
      if (!sameBytes(bytes, want)) reject.add(row);
    });
    if (store.version !== version) continue;
    const m: TxMatch = { lo, hi, reject };
    session.cache.set(version, key, m);
    return m;
  }
}
