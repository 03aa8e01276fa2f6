import { FileByteSource, type ByteSource } from '../wal/byte-source.js';
import { openSegment } from '../wal/read-log.js';
import type { CompressionName } from '../contract/contract-types.js';

export interface SegmentFile {
  readonly name: string;
  readonly path: string;
  readonly compression: CompressionName;
}

const KEEP_DECOMPRESSED = 2;

/**
 * Random access to the (decompressed) bytes of a session's segments, for entry.get, text
 * search and export. Uncompressed files are read in place; compressed segments are
 * decompressed on first use and the last two are kept.
 */
export class SegmentBytes {
  private readonly files = new Map<string, FileByteSource>();
  private readonly buffers: { path: string; source: ByteSource }[] = [];
  private readonly dropped: ByteSource[] = [];

  async source(seg: SegmentFile): Promise<ByteSource> {
    if (seg.compression === 'none') {
      let f = this.files.get(seg.path);
      if (!f) {
        f = FileByteSource.open(seg.path, seg.name);
        this.files.set(seg.path, f);
      }
      f.refreshSize();
      return f;
    }
    const hit = this.buffers.findIndex((b) => b.path === seg.path);
    if (hit >= 0) {
      const [b] = this.buffers.splice(hit, 1);
      this.buffers.push(b!);
      return b!.source;
    }
    const opened = await openSegment({ name: seg.name, path: seg.path, compression: seg.compression });
    const source = opened.source;
    this.buffers.push({ path: seg.path, source });
    // A large segment is held in a temporary file: what is dropped may still be read by a
    // query in flight, so it is closed with the session, not here.
    if (this.buffers.length > KEEP_DECOMPRESSED) {
      const old = this.buffers.shift()!.source;
      if (old instanceof FileByteSource) this.dropped.push(old);
    }
    return source;
  }

  /** Bytes [offset, offset + length) of a segment (fewer when the segment ends first). */
  async read(seg: SegmentFile, offset: number, length: number): Promise<Uint8Array> {
    const source = await this.source(seg);
    const from = Math.max(0, Math.min(offset, source.size()));
    const n = Math.max(0, Math.min(length, source.size() - from));
    const out = new Uint8Array(n);
    const got = source.readInto(out, 0, from, n);
    return got === n ? out : out.subarray(0, got);
  }

  /** Forget a path (its file was renamed or removed). */
  drop(path: string): void {
    this.files.get(path)?.close();
    this.files.delete(path);
  }

  close(): void {
    for (const f of this.files.values()) f.close();
    this.files.clear();
    for (const b of this.buffers) b.source.close();
    for (const d of this.dropped) d.close();
    this.buffers.length = 0;
    this.dropped.length = 0;
  }
}

