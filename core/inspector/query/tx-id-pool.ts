import type { Session } from '../session.js';
import { SessionTxBytes } from './session-tx-bytes.js';
import type { TxTable } from './tx-table.js';

const encoder = new TextEncoder();

/** Every transaction's id bytes, packed: id t is bytes[start[t] .. start[t + 1]). */
interface TxIdPool {
  readonly bytes: Uint8Array;
  readonly start: Int32Array;
}

/** Reads each transaction's id from its first row, in file order (first rows ascend with t). */
async function buildPool(session: Session, x: TxTable): Promise<TxIdPool> {
  const reader = new SessionTxBytes(session);
  let bytes = new Uint8Array(Math.max(1024, x.count * 24));
  const start = new Int32Array(x.count + 1);
  let used = 0;
  for (let t = 0; t < x.count; t++) {
    // Let other calls run between slices: a million ids take a few hundred ms.
    if ((t & 0xffff) === 0xffff) await new Promise<void>((resolve) => setImmediate(resolve));
    const got = reader.txBytes(x.first[t]!);
    const b = got instanceof Uint8Array ? got : await got;
    if (used + b.length > bytes.length) {
      const grown = new Uint8Array(bytes.length * 2 + b.length);
      grown.set(bytes.subarray(0, used));
      bytes = grown;
    }
    bytes.set(b, used);
    used += b.length;
    start[t + 1] = used;
  }
  return { bytes: bytes.subarray(0, used), start };
}

/**
 * The transactions (ascending) whose id starts with `prefix`, compared as bytes (an id that is
 * not UTF-8 is found by its valid leading bytes). The ids are read once per table.
 */
export async function txIdsWithPrefix(session: Session, x: TxTable, prefix: string): Promise<Int32Array> {
  const pools = session.cache.lasting as Map<string, unknown>;
  let entry = pools.get('tx-id-pool') as { table: TxTable; pool: Promise<TxIdPool> } | undefined;
  if (!entry || entry.table !== x) {
    entry = { table: x, pool: buildPool(session, x) };
    pools.set('tx-id-pool', entry);
  }
  const { bytes, start } = await entry.pool;
  const want = encoder.encode(prefix);
  const out = new Int32Array(Math.min(x.count, 1 << 16));
  let hits = out;
  let n = 0;
  const first = want[0]!;
  for (let t = 0; t < x.count; t++) {
    const s = start[t]!;
    if (start[t + 1]! - s < want.length || bytes[s] !== first) continue;
    let k = 1;
    while (k < want.length && bytes[s + k] === want[k]) k++;
    if (k < want.length) continue;
    if (n === hits.length) {
      const grown = new Int32Array(Math.min(x.count, hits.length * 2));
      grown.set(hits);
      hits = grown;
    }
    hits[n++] = t;
  }
  return hits.subarray(0, n);
}
