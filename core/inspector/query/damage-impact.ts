import type { DamageImpact, DamageIncident, NeighbourEntry } from '../../contract/contract-damage.js';
import { analyzeDamage } from '../../wal/damage/analyze-damage.js';
import { buildImpact } from '../../wal/damage/damage-impact.js';
import type { Session } from '../session.js';

/** Incidents of the damaged ranges: for each entry of store.damageRows, its incident's first and last position there. */
interface Incidents {
  readonly first: Int32Array;
  readonly last: Int32Array;
  /** Incident ordinal of each damage position. */
  readonly index: Int32Array;
}

function incidents(session: Session): Incidents {
  const s = session.store;
  return session.cache.get(s.version, 'damage-incidents', () => {
    const rows = s.damageRows;
    const n = rows.length;
    const first = new Int32Array(n);
    const last = new Int32Array(n);
    const index = new Int32Array(n);
    let start = 0;
    let count = -1;
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      const p = rows[k - 1];
      // Touching: the row right before is damage of the same segment ending where this one starts.
      const touches = k > 0 && p === r - 1 && s.segment(p) === s.segment(r) && s.offset(p) + s.length(p) === s.offset(r);
      if (!touches) {
        for (let j = start; j < k; j++) last[j] = k - 1;
        start = k;
        count++;
      }
      first[k] = start;
      index[k] = count;
    }
    for (let j = start; j < n; j++) last[j] = n - 1;
    return { first, last, index };
  });
}

function damagePosition(rows: readonly number[], row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = rows[mid]!;
    if (v === row) return mid;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function neighbour(session: Session, row: number): NeighbourEntry {
  const s = session.store;
  return {
    segment: session.segments[s.segment(row)]?.name ?? '', offset: s.offset(row), length: s.length(row),
    entry_type: s.entryType(row)!, timestamp: String(s.time(row)),
  };
}

/** The nearest entry row from `row` stepping by `step`, within the committed rows, or -1. */
function nearestEntry(session: Session, row: number, step: 1 | -1): number {
  const s = session.store;
  for (let r = row + step; r >= 0 && r < s.rows; r += step) if (!s.isDamage(r)) return r;
  return -1;
}

/** The impact of a damage row: its analysis (made by the indexer) with its neighbours and incident. */
export function damageImpactOf(session: Session, row: number): DamageImpact {
  const s = session.store;
  const info = s.damageInfo(row);
  const kind = info?.damage ?? 'undecodable';
  const length = s.length(row);
  const analysis = info?.analysis ?? analyzeDamage({ kind, detail: info?.detail ?? '', bytes: new Uint8Array(0), length, remaining: length });
  const inc = incidents(session);
  const k = damagePosition(s.damageRows, row);
  const own = analysis.unverified?.document_id;
  let incident: DamageIncident = { index: 0, part: 0, parts: 1, offset: s.offset(row), length, documents: own ? [own] : [] };
  let firstRow = row;
  let lastRow = row;
  if (k >= 0) {
    firstRow = s.damageRows[inc.first[k]!]!;
    lastRow = s.damageRows[inc.last[k]!]!;
    incident = {
      index: inc.index[k]!, part: k - inc.first[k]!, parts: inc.last[k]! - inc.first[k]! + 1,
      offset: s.offset(firstRow), length: s.offset(lastRow) + s.length(lastRow) - s.offset(firstRow),
      documents: [...new Set(s.damageRows.slice(inc.first[k]!, inc.last[k]! + 1).map((r) => s.damageInfo(r)?.analysis?.unverified?.document_id).filter((d): d is string => !!d))],
    };
  }
  const b = nearestEntry(session, firstRow, -1);
  const a = nearestEntry(session, lastRow, 1);
  return buildImpact({ kind, offset: s.offset(row), length, analysis, before: b < 0 ? null : neighbour(session, b), after: a < 0 ? null : neighbour(session, a), incident });
}
