import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { createEntry } from '../../../core/wal/new-entry.js';

export const BIG_LOG_START_MS = 1_732_400_000_000;
/** ms between two entries of the big log. */
export const BIG_LOG_STEP_MS = 10;

export interface BigLog {
  readonly walDir: string;
  readonly entries: number;
  /** Entries in the first (rotated) segment; the rest are in transactions.wal. */
  readonly firstSegmentEntries: number;
}

const TYPES = ['Begin', 'Insert', 'Update', 'Delete', 'Commit'] as const;
const TX_MARK = 'T'.repeat(32);
const DOC_MARK = 'doc-000000';
const DATA_MARK = '{"i":00000000}';

/** Transaction id of entry `i`: each five entries (Begin, Insert, Update, Delete, Commit) share one. */
export function bigLogTx(i: number): string {
  return `tx${String(Math.floor(i / TYPES.length)).padStart(30, '0')}`;
}

export function bigLogDocument(i: number): string {
  return `doc-${String(i % 100_000).padStart(6, '0')}`;
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Buffer.from(out);
}

interface Template {
  readonly bytes: Buffer;
  readonly tx: number;
  readonly doc: number;
  readonly time: number;
  readonly data: number;
}

/** One encoded entry per type, and where its variable fields sit (all fixed-width here). */
function template(type: (typeof TYPES)[number]): Template {
  const withData = type === 'Insert' || type === 'Update';
  const bytes = Buffer.from(
    encodeBinaryEntry(
      createEntry({
        entryType: type, transactionId: TX_MARK, collection: 'users', documentId: DOC_MARK,
        timestamp: BigInt(BIG_LOG_START_MS), data: withData ? DATA_MARK : null,
      }),
    ),
  );
  const find = (needle: Buffer) => {
    const at = bytes.indexOf(needle);
    if (at < 0) throw new Error(`big-log: ${needle.toString('hex')} not found in the ${type} template`);
    return at;
  };
  return {
    bytes, tx: find(Buffer.from(TX_MARK)), doc: find(Buffer.from(DOC_MARK)), time: find(varint(BIG_LOG_START_MS)),
    data: withData ? find(Buffer.from(DATA_MARK)) : -1,
  };
}

/**
 * A `.wal/` of `count` small entries in two segments (a rotated one, then transactions.wal),
 * one every 10 ms: enough rows that the table's scroll range is scaled (~2 M rows × 24 px).
 * Entries are patched copies of one encoded entry per type (fixed-width ids and data, the
 * timestamp's varint keeps its length over the log's span, CRC recomputed): 2 M in ~2 s.
 */
export function makeBigLog(dir: string, count: number): BigLog {
  const walDir = path.join(dir, '.wal');
  fs.mkdirSync(walDir, { recursive: true });
  const templates = TYPES.map(template);
  const timeWidth = varint(BIG_LOG_START_MS).length;
  if (varint(BIG_LOG_START_MS + count * BIG_LOG_STEP_MS).length !== timeWidth) throw new Error('big-log: the timestamps outgrow their varint width');
  const firstSegmentEntries = Math.floor(count / 2);
  const files = [path.join(walDir, 'transactions.1732400000.wal'), path.join(walDir, 'transactions.wal')];
  for (let seg = 0; seg < 2; seg++) {
    const fd = fs.openSync(files[seg]!, 'wx');
    const chunk = Buffer.alloc(8 << 20);
    let used = 0;
    const [from, to] = seg === 0 ? [0, firstSegmentEntries] : [firstSegmentEntries, count];
    for (let i = from; i < to; i++) {
      const t = templates[i % TYPES.length]!;
      if (used + t.bytes.length > chunk.length) {
        fs.writeSync(fd, chunk, 0, used);
        used = 0;
      }
      const b = chunk.subarray(used, used + t.bytes.length);
      t.bytes.copy(b);
      b.write(bigLogTx(i), t.tx, 32, 'latin1');
      b.write(bigLogDocument(i), t.doc, DOC_MARK.length, 'latin1');
      varint(BIG_LOG_START_MS + i * BIG_LOG_STEP_MS).copy(b, t.time);
      if (t.data >= 0) b.write(`{"i":${String(i).padStart(8, '0')}}`, t.data, DATA_MARK.length, 'latin1');
      b.writeUInt32LE(zlib.crc32(b.subarray(0, b.length - 4)), b.length - 4);
      used += b.length;
    }
    fs.writeSync(fd, chunk, 0, used);
    fs.closeSync(fd);
  }
  return { walDir, entries: count, firstSegmentEntries };
}
