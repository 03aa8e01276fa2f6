import type { DamageKindName, Stats } from '../../contract/contract-types.js';
import { ENTRY_TYPE_NAMES } from '../../contract/contract.js';
import { FLAG_HAS_DATA, NO_ID, TYPE_DAMAGE } from '../index/index-layout.js';
import type { Session } from '../session.js';
import { distinctTransactions } from './transactions.js';

const DAMAGE_KINDS: readonly DamageKindName[] = ['crc-mismatch', 'truncated-tail', 'undecodable', 'invalid-json-line', 'corrupt-compression'];

/** stats.get: counts by type, damage, distinct ids, sizes, time span, per segment. */
export async function stats(session: Session): Promise<Stats> {
  const store = session.store;
  // Transaction ids are hashed, not interned: count the groups transactions.list builds.
  // (Nothing awaits after it: the count is of this version's rows.)
  const transactions = await distinctTransactions(session);
  const ix = session.indexer;
  const cached = session.cache.get(store.version, 'stats', () => {
    const byType = new Array<number>(7).fill(0);
    const seen = [new Uint8Array(store.ids.count), new Uint8Array(store.ids.count)];
    const distinct = [0, 0];
    const segs = session.segments.map((s, index) => ({
      index, name: s.name, compression: s.compression, file_bytes: s.fileBytes, bytes: s.bytes,
      entries: 0, damaged: 0, damaged_bytes: 0, first_time: null as number | null, last_time: null as number | null,
    }));
    const mark = (k: number, id: number) => {
      if (id !== NO_ID && !seen[k]![id]) { seen[k]![id] = 1; distinct[k]!++; }
    };
    let min = Infinity;
    let max = 0;
    let total = 0;
    let withData = 0;
    let damagedBytes = 0;
    let first = Infinity;
    let last = -Infinity;
    store.forEachChunk((c, _base, n) => {
      for (let i = 0; i < n; i++) {
        const type = c.type[i]!;
        byType[type]!++;
        const seg = segs[c.segment[i]!];
        const len = c.length[i]!;
        if (type === TYPE_DAMAGE) {
          damagedBytes += len;
          if (seg) { seg.damaged++; seg.damaged_bytes += len; }
          continue;
        }
        if (len < min) min = len;
        if (len > max) max = len;
        total += len;
        if (c.flags[i]! & FLAG_HAS_DATA) withData++;
        const t = c.time[i]!;
        if (t < first) first = t;
        if (t > last) last = t;
        if (seg) {
          seg.entries++;
          if (seg.first_time === null || t < seg.first_time) seg.first_time = t;
          if (seg.last_time === null || t > seg.last_time) seg.last_time = t;
        }
        mark(0, c.collection[i]!);
        mark(1, c.document[i]!);
      }
    });
    const entries = store.rows - byType[TYPE_DAMAGE]!;
    const byDamage = Object.fromEntries(DAMAGE_KINDS.map((k) => [k, 0])) as Record<DamageKindName, number>;
    for (const r of store.damageRows) if (r < store.rows) byDamage[store.damageInfo(r)?.damage ?? 'undecodable']++;
    return {
      rows: store.rows, entries, by_type: Object.fromEntries(ENTRY_TYPE_NAMES.map((t, i) => [t, byType[i]!])) as Stats['by_type'],
      damaged: byType[TYPE_DAMAGE]!, damaged_bytes: damagedBytes, by_damage: byDamage,
      collections: distinct[0]!, documents: distinct[1]!, transactions,
      entry_bytes: { min: entries ? min : 0, max, mean: entries ? total / entries : 0, total }, with_data: withData,
      first_time: entries ? first : null, last_time: entries ? last : null, segments: segs,
    };
  });
  return { ...cached, complete: ix.complete, index_ms: (ix.complete ? ix.finishedAt : Date.now()) - ix.started };
}
