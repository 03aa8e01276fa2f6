import type { QueryFields } from '../../../contract/contract-query.js';
import { JsonObject, parseJson, type JsonValue } from '../../../json/index.js';
import { FLAG_HAS_DATA } from '../../index/index-layout.js';
import type { Session } from '../../session.js';
import { entryDetail } from '../../entry/entry-detail.js';

const MAX_DEPTH = 4;
const MAX_PATHS = 200;

function collect(v: JsonValue, prefix: string, depth: number, counts: Map<string, number>): void {
  if (!(v instanceof JsonObject) || depth >= MAX_DEPTH) return;
  for (const [k, x] of v.entries) {
    const p = prefix ? `${prefix}.${k}` : k;
    counts.set(p, (counts.get(p) ?? 0) + 1);
    collect(x, p, depth + 1, counts);
  }
}

/**
 * query.fields: the object key paths of the data of the first `sample` entries that have data
 * (file order), most frequent first — what completion offers after `data.`.
 */
export async function dataFields(session: Session, sample = 200): Promise<QueryFields> {
  const store = session.store;
  const counts = new Map<string, number>();
  let sampled = 0;
  for (let r = 0; r < store.rows && sampled < sample; r++) {
    if (store.isDamage(r) || (store.flags(r) & FLAG_HAS_DATA) === 0) continue;
    const d = await entryDetail(session, r);
    sampled++;
    if (d.data === null) continue;
    const parsed = parseJson(d.data);
    if (parsed.ok) collect(parsed.value, '', 0, counts);
  }
  const data_paths = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_PATHS).map(([p]) => p);
  return { data_paths, sampled };
}
