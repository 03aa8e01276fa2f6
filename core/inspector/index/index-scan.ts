import { layoutTimestampNumber } from '../../wal/binary-layout.js';
import { analyzeRange } from '../../wal/damage/analyze-range.js';
import { joinedRepairAnalyses } from '../../wal/damage/joined-repair.js';
import type { DamageRecord } from '../../wal/records.js';
import type { BinaryScanner } from '../../wal/binary-scanner.js';
import { BinaryRunScanner, type RunVisitor } from '../../wal/binary-run-scanner.js';
import type { EntryScanKernel } from '../../wal/wasm/entry-scan.js';
import type { ByteWindow } from '../../wal/byte-source.js';
import { entryTypeIndex } from '../../wal/entry-type.js';
import { JsonlScanner } from '../../wal/jsonl-scanner.js';
import type { WalFormatName } from '../../contract/contract-types.js';
import { isUtf8 } from '../../wal/utf8.js';
import { hashHi, hashLo } from '../../wal/id-hash.js';
import { FLAG_HAS_DATA, FLAG_TS_INEXACT, FLAG_TX_NOT_UTF8, TX_IN_LINE } from './index-layout.js';
import { hashTransaction, type IndexWriter } from './index-writer.js';

export interface ScanOptions {
  readonly segment: number;
  readonly format: WalFormatName;
  readonly startAt: number;
  /** Binary: only records that start before this (the rest of the segment when absent). */
  readonly stop?: number;
  /** Binary: asked when the scan reaches `stop`: a later stop to read on to (the same scan), or -1 to end there. */
  readonly more?: () => number;
  /** Binary: 'typescript' reads entry by entry (the reference the WebAssembly path is tested against). */
  readonly engine?: 'wasm' | 'typescript';
  /** Binary: also check that ids are UTF-8 (flags rows whose transaction id is not; statistics count them). */
  readonly idsUtf8?: boolean;
  /** Follow: an incomplete entry at the end is waited for, not reported. */
  readonly holdIncompleteTail: boolean;
  /** Called every few thousand rows with the scan position; return false to stop early. */
  readonly tick: (pos: number) => boolean;
  /**
   * Binary: the damage rows already written that end at `startAt` (another scan's last rows):
   * this scan's damage at its start joins them, as one serial scan would have.
   */
  readonly carry?: readonly HeldDamage[];
  /** Binary: told, as the scan ends, its last damage rows when nothing intact followed them (a later scan's carry). */
  readonly trailing?: (held: readonly HeldDamage[]) => void;
}

const TICK_EVERY = 4096;

/**
 * Scans one (decompressed) segment from `startAt` into the index, on the core's
 * allocation-free scanners. Returns the position where scanning stopped.
 */
export function scanSegment(writer: IndexWriter, window: ByteWindow, o: ScanOptions): number {
  return o.format === 'jsonl' ? scanJsonl(writer, window, o) : scanBinary(writer, window, o);
}

function scanBinary(writer: IndexWriter, window: ByteWindow, o: ScanOptions): number {
  const scan = new BinaryRunScanner(window, {
    holdIncompleteTail: o.holdIncompleteTail, ...(o.engine ? { engine: o.engine } : {}), idsUtf8: o.idsUtf8 ?? false,
  });
  scan.pos = o.startAt;
  const visitor = new RowVisitor(writer, o.segment, o.idsUtf8 ?? false, window.source, o.carry ?? []);
  const end = (): number => {
    visitor.closeDamage();
    o.trailing?.(visitor.trailing);
    return scan.pos;
  };
  let stop = o.stop ?? Infinity;
  let sinceTick = 0;
  for (;;) {
    const n = scan.next(stop, visitor);
    if (n === 0) {
      const next = o.more && scan.pos >= stop && scan.pos < window.fileSize ? o.more() : -1;
      if (next >= 0) {
        stop = Math.max(stop, next);
        continue;
      }
      return end();
    }
    sinceTick += n;
    if (sinceTick >= TICK_EVERY) {
      sinceTick = 0;
      if (!o.tick(scan.pos)) return end();
    }
  }
}

/**
 * A damage row as the joined-repair check reads it: `analysis` is its own (analyzeRange's);
 * `joined` says the row was amended to a joined repair's analysis since.
 */
export type HeldDamage = DamageRecord & { readonly row: number; readonly joined?: boolean };

const NONE: readonly HeldDamage[] = [];

/** Writes what the binary scan finds as index rows. */
class RowVisitor implements RunVisitor {
  /**
   * The damage rows since the last entry, while they touch (each starts where the one before
   * ends): dump joins them when one flipped bit explains them together, and so does the index.
   */
  private held: HeldDamage[];
  /** The last touching damage rows closed, while no entry came after them. */
  trailing: readonly HeldDamage[] = NONE;

  constructor(
    private readonly writer: IndexWriter, private readonly segment: number, private readonly idsUtf8: boolean,
    private readonly source: ByteWindow['source'], carry: readonly HeldDamage[],
  ) {
    this.held = [...carry];
  }

  /**
   * Touching damage rows end here: the ones one flipped bit explains together say so (amended).
   * A row amended when fewer of its neighbours were known (a carry) and not joined now gets its
   * own analysis back.
   */
  closeDamage(): void {
    const held = this.held;
    if (held.length === 0) return;
    this.held = [];
    const joined = held.length < 2 ? [] : joinedRepairAnalyses(this.source, held);
    const now = new Set<number>();
    for (const { index, analysis } of joined) {
      now.add(index);
      this.amend(held[index]!, analysis);
    }
    held.forEach((d, k) => {
      if (d.joined && !now.has(k)) this.amend(d, d.analysis!);
    });
    this.trailing = now.size === 0 && !held.some((d) => d.joined) ? held : held.map((d, k) => ({ ...d, joined: now.has(k) }));
  }

  private amend(d: HeldDamage, analysis: NonNullable<HeldDamage['analysis']>): void {
    this.writer.amendDamage({ row: d.row, segment: this.segment, offset: d.offset, length: d.length, damage: d.damage, detail: d.detail }, analysis);
  }

  /** An intact entry comes: the damage before it is closed for good. */
  private closeBeforeEntry(): void {
    if (this.held.length > 0) this.closeDamage();
    this.trailing = NONE;
  }

  // Columns the kernel left as arrays are copied whole (TypedArray.set); per row only what needs
  // deciding: offsets, ids, trimmed transaction ids, flags.
  run(kernel: EntryScanKernel, k: number, base: number): void {
    this.closeBeforeEntry();
    const w = this.writer;
    const c = kernel.columns;
    const { bytes, u32, f64 } = kernel;
    const rel = base - kernel.input;
    let collection = -1;
    for (let j = 0; j < k;) {
      const { chunk: ch, at: i0, n } = w.span(k - j);
      const to = j + n;
      ch.time.set(f64.subarray(c.timestamp + j, c.timestamp + to), i0);
      ch.length.set(u32.subarray(c.length + j, c.length + to), i0);
      ch.txLo.set(u32.subarray(c.txLo + j, c.txLo + to), i0);
      ch.txHi.set(u32.subarray(c.txHi + j, c.txHi + to), i0);
      ch.dataBytes.set(u32.subarray(c.dataLen + j, c.dataLen + to), i0); // 0 without data
      ch.type.set(bytes.subarray(c.type + j, c.type + to), i0);
      ch.segment.fill(this.segment, i0, i0 + n);
      ch.txAt.fill(2, i0, i0 + n); // the kernel takes one-byte type and length varints only
      for (let q = 0; q < n; q++) {
        const jj = j + q;
        const i = i0 + q;
        const at = u32[c.offset + jj]!;
        ch.offset[i] = at + rel;
        if (collection < 0 || bytes[c.sameCollection + jj] === 0) collection = w.intern(bytes, u32[c.colStart + jj]!, u32[c.colLen + jj]!);
        ch.collection[i] = collection;
        ch.document[i] = w.internHashed(bytes, u32[c.docStart + jj]!, u32[c.docLen + jj]!, u32[c.docHash + jj]!);
        // The kernel hashed all 32 bytes; transaction ids are hashed without their zero padding.
        if (bytes[at + 2 + 31] === 0) {
          hashTransaction(bytes, at + 2, 32);
          ch.txLo[i] = hashLo();
          ch.txHi[i] = hashHi();
        }
        let flags = (bytes[c.hasData + jj] === 1 ? FLAG_HAS_DATA : 0) | (f64[c.timestamp + jj]! > Number.MAX_SAFE_INTEGER ? FLAG_TS_INEXACT : 0);
        // The kernel's column covers all three ids; only the transaction id's verdict is kept per row.
        if (this.idsUtf8 && bytes[c.idsUtf8 + jj] === 0 && !isUtf8(bytes.subarray(at + 2, at + 34))) flags |= FLAG_TX_NOT_UTF8;
        ch.flags[i] = flags;
      }
      w.advance(n, f64[c.timestamp + to - 1]!);
      j = to;
    }
  }

  entry(s: BinaryScanner, buf: Uint8Array): void {
    this.closeBeforeEntry();
    const l = s.layout;
    const w = this.writer;
    w.addEntry(
      this.segment, s.entryOffset, s.entryLength, l.typeIndex, layoutTimestampNumber(buf, l), l.dataLen >= 0,
      w.intern(buf, l.colStart, l.colLen), w.intern(buf, l.docStart, l.docLen),
      buf, l.txStart, 32, l.txStart - (s.entryOffset - s.window.start),
    );
    w.setDataBytes(Math.max(0, l.dataLen));
    if (this.idsUtf8 && !isUtf8(buf.subarray(l.txStart, l.txStart + 32))) w.markTxNotUtf8();
  }

  damage(s: BinaryScanner): void {
    const analysis = analyzeRange(s.window.source, s.damageKind, s.damageOffset, s.damageLength, s.damageDetail);
    const row = this.writer.addDamage(this.segment, s.damageOffset, s.damageLength, s.damageKind, s.damageDetail, analysis);
    const last = this.held[this.held.length - 1];
    if (last && last.offset + last.length !== s.damageOffset) this.closeDamage();
    this.held.push({ kind: 'damage', segment: '', offset: s.damageOffset, length: s.damageLength, damage: s.damageKind, detail: s.damageDetail, analysis, row });
  }
}

function scanJsonl(writer: IndexWriter, window: ByteWindow, o: ScanOptions): number {
  const s = new JsonlScanner(window, { holdIncompleteTail: o.holdIncompleteTail });
  s.pos = o.startAt;
  let n = 0;
  for (;;) {
    const step = s.next();
    if (step.kind === 'end') return s.pos;
    if (step.kind === 'damage') {
      writer.addDamage(o.segment, step.offset, step.length, 'invalid-json-line', step.detail, analyzeRange(window.source, 'invalid-json-line', step.offset, step.length, step.detail));
    } else {
      const e = step.entry;
      writer.addEntry(
        o.segment, step.offset, step.length, entryTypeIndex(e.entryType), Number(e.timestamp), e.data !== null,
        writer.intern(e.collection, 0, e.collection.length), writer.intern(e.documentId, 0, e.documentId.length),
        e.transactionId, 0, e.transactionId.length, TX_IN_LINE,
      );
      if (e.data !== null) writer.setDataBytes(Buffer.byteLength(e.data));
      if (o.idsUtf8 && !isUtf8(e.transactionId)) writer.markTxNotUtf8();
    }
    if (++n % TICK_EVERY === 0 && !o.tick(s.pos)) return s.pos;
  }
}
