import type { WalFormatName } from '../../../contract/contract-types.js';
import type { ByteSource } from '../../../wal/byte-source.js';
import { openSegment } from '../../../wal/read-log.js';
import type { RowStore } from '../../index/row-store.js';
import type { LocatedSegment } from '../../open-location.js';
import { RowBytes } from '../row-bytes.js';
import { transactionGroups } from '../tx-groups.js';
import { compileWhere } from './compile-where.js';
import { statusLookup } from './tx-status-of-rows.js';
import type { WhereState } from './where-scan.js';
import { scanWhereSplit } from './where-split.js';

/**
 * The rows of an index built outside a session (stats) that a where expression matches
 * (bitmap), reading the segments as a session would; large scans on two threads (where-split.ts).
 */
export async function whereRowsOfLog(store: RowStore, segments: readonly LocatedSegment[], text: string, format?: WalFormatName, signal?: AbortSignal, minRows?: number, ran?: (how: string) => void): Promise<Uint8Array> {
  const q = compileWhere(text);
  const opened = new Map<number, ByteSource>();
  const bytes = new RowBytes(store, segments, format);
  try {
    const status = q.uses.has('transaction_status') ? statusLookup(store, (await transactionGroups(store, bytes)).groupOf) : null;
    const src = {
      store, segmentName: (k: number) => segments[k]!.name,
      async source(k: number) {
        for (const [i, s] of opened) if (i !== k) { s.close(); opened.delete(i); }
        let s = opened.get(k);
        if (!s) opened.set(k, (s = (await openSegment(segments[k]!, signal)).source));
        return s;
      },
    };
    const m: WhereState = { bitmap: new Uint8Array(store.rows), scanned: 0, matched: 0 };
    const how = await scanWhereSplit(src, segments, q, text, m, store.rows, status, async () => {
      if (signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
    }, minRows);
    ran?.(how);
    return m.bitmap;
  } finally {
    bytes.close();
    for (const s of opened.values()) s.close();
  }
}
