import type { WalFormatName } from '../../contract/contract-types.js';
import type { WalRecord } from '../../wal/records.js';
import type { LogLocation } from '../../wal/log-location.js';
import { dumpRecords } from './dump.js';
import { eachLocation, type StoreTarget } from './store-target.js';

/** A record of a store's log and the collection whose chain holds it. */
export interface StoreRecord {
  readonly collection: string;
  readonly record: WalRecord;
}

interface Head {
  readonly collection: string;
  /** The collection's place in the store's name order: the first tie-break. */
  readonly rank: number;
  readonly it: AsyncIterator<WalRecord>;
  record: WalRecord | null;
  /** The entry's time; a damaged range takes its collection's last time, so it keeps its place in that chain. */
  time: bigint;
}

// Before every real time: damage at the very start of a chain sorts with the earliest records.
const BEFORE_ALL = -1n;

async function advance(h: Head): Promise<void> {
  const next = await h.it.next();
  h.record = next.done ? null : next.value;
  if (h.record?.kind === 'entry') h.time = h.record.entry.timestamp;
}

function before(a: Head, b: Head): boolean {
  return a.time !== b.time ? a.time < b.time : a.rank < b.rank;
}

/**
 * `dump` of a store: every collection's chain, merged into one log in time order — ties by
 * collection name, then position in the chain (Sentinel's `stream_all_wal_entries` reads them
 * one collection after another). A k-way merge of the streamed chains: it holds one record per
 * collection, never the log, so each chain keeps its own order (a chain whose clock went back
 * stays in replay order; its later entries wait behind the earlier ones).
 */
export async function* dumpStoreRecords(
  target: StoreTarget, o: { format?: WalFormatName; signal?: AbortSignal; records?: (location: LogLocation) => AsyncIterable<WalRecord> } = {},
): AsyncIterable<StoreRecord> {
  const options = { ...(o.signal ? { signal: o.signal } : {}), ...(o.format ? { format: o.format } : {}) };
  // Each chain as `dump` of that collection alone reads it.
  const records = o.records ?? ((location: LogLocation) => dumpRecords(location, options));
  const heads: Head[] = [];
  for (const [rank, { collection, location }] of (await eachLocation(target)).entries()) {
    const h: Head = { collection, rank, it: records(location)[Symbol.asyncIterator](), record: null, time: BEFORE_ALL };
    await advance(h);
    if (h.record) heads.push(h);
  }
  try {
    // A linear scan for the smallest head: stores hold tens of collections, not thousands.
    while (heads.length > 0) {
      let k = 0;
      for (let i = 1; i < heads.length; i++) if (before(heads[i]!, heads[k]!)) k = i;
      const h = heads[k]!;
      yield { collection: h.collection, record: h.record! };
      await advance(h);
      if (!h.record) heads.splice(k, 1);
    }
  } finally {
    await Promise.all(heads.map((h) => h.it.return?.()));
  }
}
