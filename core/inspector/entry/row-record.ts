import { entryFromLayout } from '../../wal/binary-codec.js';
import { DECODE_OK, decodeLayout, newLayout } from '../../wal/binary-layout.js';
import { ByteWindow } from '../../wal/byte-source.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import type { WalRecord } from '../../wal/records.js';
import type { Session } from '../session.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads rows back as the core's WalRecord (entries decoded in full), keeping one byte window
 * per segment so that rows read in file order cost one sequential pass.
 */
export class RowRecordReader {
  private readonly windows = new Map<number, ByteWindow>();
  private readonly layout = newLayout();
  constructor(private readonly session: Session) {}

  async read(row: number): Promise<WalRecord> {
    const s = this.session.store;
    const segIndex = s.segment(row);
    const seg = this.session.segments[segIndex]!;
    const offset = s.offset(row);
    const length = s.length(row);
    if (s.isDamage(row)) {
      const d = s.damageInfo(row);
      return { kind: 'damage', segment: seg.name, offset, length, damage: d?.damage ?? 'undecodable', detail: d?.detail ?? '' };
    }
    let w = this.windows.get(segIndex);
    if (!w) {
      if (this.windows.size >= 2) this.windows.clear();
      w = new ByteWindow(await this.session.bytes.source(seg));
      this.windows.set(segIndex, w);
    }
    w.ensure(offset, offset + length);
    const rel = offset - w.start;
    const bytes = w.buf.subarray(rel, rel + length);
    if (seg.format === 'jsonl') {
      const d = decodeJsonlLine(trimLikeRust(decoder.decode(bytes)));
      if (d.ok) return { kind: 'entry', segment: seg.name, offset, length, entry: d.entry };
      return { kind: 'damage', segment: seg.name, offset, length, damage: 'invalid-json-line', detail: `no longer decodes: ${d.problem}` };
    }
    if (decodeLayout(w.buf, rel, rel + length, this.layout) !== DECODE_OK) {
      return { kind: 'damage', segment: seg.name, offset, length, damage: 'undecodable', detail: `no longer decodes: ${this.layout.problem}` };
    }
    return { kind: 'entry', segment: seg.name, offset, length, entry: entryFromLayout(w.buf, this.layout) };
  }
}
