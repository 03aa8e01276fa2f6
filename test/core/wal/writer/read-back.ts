import { entryFromLayout } from '../../../../core/wal/binary-codec.js';
import { DECODE_OK, decodeLayout, newLayout } from '../../../../core/wal/binary-layout.js';
import { decompressToBuffer } from '../../../../core/wal/compression/index.js';
import type { LogEntry } from '../../../../core/wal/log-entry.js';
import { listSegments } from '../../../../core/wal/segment-name.js';

/** Decodes a binary segment that must be entirely intact. */
export function decodeAll(bytes: Uint8Array): LogEntry[] {
  const l = newLayout();
  const out: LogEntry[] = [];
  for (let pos = 0; pos < bytes.length; pos = l.end) {
    const status = decodeLayout(bytes, pos, bytes.length, l);
    if (status !== DECODE_OK) throw new Error(`damage at ${pos}: ${l.problem}`);
    out.push(entryFromLayout(bytes, l));
  }
  return out;
}

export interface SegmentContent {
  readonly name: string;
  readonly entries: LogEntry[];
}

/** Every segment of a WAL directory in replay order, decompressed and decoded. */
export async function readBack(walDir: string): Promise<SegmentContent[]> {
  const { segments, warnings } = await listSegments(walDir);
  if (warnings.length) throw new Error(warnings.join('\n'));
  const out: SegmentContent[] = [];
  for (const s of segments) {
    const r = await decompressToBuffer(s.path, s.compression);
    if (r.error) throw new Error(`${s.name}: ${r.error.message}`);
    out.push({ name: s.name, entries: decodeAll(r.bytes) });
  }
  return out;
}

/** Entries compared by value (ids as bytes). */
export function same(a: readonly LogEntry[], b: readonly LogEntry[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((e, i) => {
    const f = b[i]!;
    return e.entryType === f.entryType && e.timestamp === f.timestamp && e.data === f.data &&
      Buffer.from(e.transactionId).equals(Buffer.from(f.transactionId)) &&
      Buffer.from(e.collection).equals(Buffer.from(f.collection)) &&
      Buffer.from(e.documentId).equals(Buffer.from(f.documentId));
  });
}
