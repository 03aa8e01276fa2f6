/**
 * The key-signature fast path of nextState (shape-signature.ts) against the exact path it
 * replaced: the same rewrites and histories, byte for byte, on generated logs and the golden
 * chain. The exact path is had by making shapeSignature refuse every text (as it does for
 * any text it is not sure of).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { documentHistory } from '../../../core/history/document-history.js';
import { parseUntil } from '../../../core/history/history-target.js';
import { rewriteLog, type RewriteSpec } from '../../../core/history/rewrite-log.js';
import { entryText } from '../../../core/wal/log-entry.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLogBatches } from '../../../core/wal/read-log-batches.js';
import type { WalRecord } from '../../../core/wal/records.js';
import { seededRandom } from '../../support/random-entries.js';
import { GOLDEN } from '../../support/paths.js';
import { B, C, D, I, R, records, source, T0, tx, U, type Step } from './history-fixture.js';

const fast = vi.hoisted(() => ({ on: true, signed: 0 }));
vi.mock('../../../core/history/shape-signature.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../core/history/shape-signature.js')>();
  return {
    shapeSignature: (text: string) => {
      if (!fast.on) return undefined;
      const sig = actual.shapeSignature(text);
      if (sig !== undefined) fast.signed++;
      return sig;
    },
  };
});

/** Both ways: the fast path's answer, after checking the exact path gives the same. */
async function bothWays<T>(run: () => Promise<T>): Promise<T> {
  fast.on = false;
  const exact = await run();
  fast.on = true;
  const quick = await run();
  expect(quick).toEqual(exact);
  return quick;
}

const DATA = [
  '{"name":"a","age":1,"tags":["x"],"address":{"city":"Oslo","zip":"1"}}',
  '{"name":"b","age":2,"tags":[],"address":{"city":"Bergen","zip":"2"}}',
  '{"name":"c","age":3,"tags":["y"],"address":{"city":"Oslo"}}', // a key fewer: a real merge
  '{"age":4}',
  '{"name":"d","age":5,"tags":["z"],"address":{"city":"Oslo","zip":"3"},"extra":{"n":1}}',
  '{ "name" : "e", "age" : 6, "tags" : [ ], "address" : { "city" : "Molde", "zip" : "4" } }',
  '{"name":"f\\n\\"q\\"","age":7,"tags":["\\u00e9"],"address":{"city":"Oslo","zip":"5"}}',
  '{"name":"\\ud83d\\ude00","age":8,"tags":[],"address":{"city":"Oslo","zip":"6"}}', // escaped surrogates: the exact path
  '{"name":"g","age":9,"address":5}',
  '{"name":"h","age":1.50,"tags":[{"k":1}],"address":{"city":"Oslo","zip":"7"}}',
  '[1,2]',
  '{"name":"broken",', // unreadable
];

/** A log of transactions (committed, rolled back, never terminated) and lone entries over a few documents. */
function generatedSteps(seed: number): Step[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const steps: Step[] = [];
  let at = 0;
  const begun = new Set<string>();
  const op = (t?: string): Step => {
    const doc = `doc-${Math.floor(rand() * 6)}`;
    const more = { at: at++, ...(t ? { tx: t } : {}) };
    const r = rand();
    const data = rand() < 0.01 ? DATA.at(-1)! : pick(DATA.slice(0, -1));
    // Most documents' histories start with an Insert (complete), a few do not.
    if (r < 0.25 || (!begun.has(doc) && rand() < 0.9)) {
      begun.add(doc);
      return I(doc, data, more);
    }
    begun.add(doc);
    if (r < 0.85) return U(doc, data, more);
    return D(doc, more);
  };
  for (let n = 0; n < 60; n++) {
    const r = rand();
    if (r < 0.3) {
      steps.push(op());
      continue;
    }
    const t = tx(`g${seed}x${n}`);
    steps.push(B(t, at++));
    for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) steps.push(op(t));
    if (r < 0.8) steps.push(C(t, at++));
    else if (r < 0.93) steps.push(R(t, at++));
  }
  return steps;
}

function specs(rs: readonly WalRecord[], rand: () => number): RewriteSpec[] {
  const entries = rs.filter((r) => r.kind === 'entry');
  const some = () => entries[Math.floor(rand() * entries.length)]!;
  const mid = some();
  const time = String(T0 + BigInt(Math.floor(rand() * entries.length)));
  const txOf = (r: WalRecord) => (r.kind === 'entry' ? entryText(r.entry).transactionId : '');
  return [
    { until: parseUntil(time) },
    { until: parseUntil(time), exclusive: true },
    { until: parseUntil(time), includeUncommitted: true },
    { until: parseUntil(`${mid.segment}:${mid.offset}`), exclusive: rand() < 0.5 },
    { until: parseUntil(txOf(some())) },
    { excludeTransactions: new Set([txOf(some()), txOf(some())]) },
    { excludeTransactions: new Set([txOf(some())]), onConflict: 'later' },
    { excludeTransactions: new Set([txOf(some())]), onConflict: 'excluded', includeUncommitted: true },
    { excludeRange: { from: T0 + 10n, to: T0 + 30n } },
  ];
}

describe('the key-signature fast path gives the exact path\'s answers', () => {
  it('restore rewrites of generated logs: --until (time, position, transaction, --exclusive), exclusions, uncommitted work', async () => {
    const rand = seededRandom(1414);
    fast.signed = 0;
    const kinds: Record<string, number> = {};
    for (let seed = 1; seed <= 40; seed++) {
      const rs = records(generatedSteps(seed));
      for (const spec of specs(rs, rand)) {
        const result = await bothWays(() => rewriteLog(source(rs), ['transactions.wal'], spec));
        for (const o of result.outcomes.values()) kinds[o.kind === 'state' && o.state === null ? 'absent' : o.kind] = (kinds[o.kind === 'state' && o.state === null ? 'absent' : o.kind] ?? 0) + 1;
      }
    }
    // The fast path ran, and the rewrites had states to compare.
    expect(fast.signed).toBeGreaterThan(10_000);
    expect(kinds.state).toBeGreaterThan(500);
    for (const kind of ['absent', 'incomplete', 'conflict']) expect(kinds[kind], kind).toBeGreaterThan(20);
  });

  it('document histories of generated logs', async () => {
    fast.signed = 0;
    for (let seed = 41; seed <= 60; seed++) {
      const rs = records(generatedSteps(seed));
      for (let d = 0; d < 6; d++) await bothWays(() => documentHistory(rs, ['transactions.wal'], `doc-${d}`));
    }
    expect(fast.signed).toBeGreaterThan(1_000);
  });

  it('the golden files: the chain of rotated compressed segments and the single-segment logs', async () => {
    fast.signed = 0;
    const logs = [path.join(GOLDEN, 'chain'), ...fs.readdirSync(GOLDEN).filter((f) => f.endsWith('.wal')).map((f) => path.join(GOLDEN, f))];
    for (const log of logs) {
      const location = await locateLog(log);
      const segments = location.segments.map((s) => s.name);
      const rs: WalRecord[] = [];
      for await (const batch of readLogBatches(location)) rs.push(...batch);
      const entries = rs.filter((r) => r.kind === 'entry');
      if (entries.length === 0) continue;
      const times = entries.map((r) => (r.kind === 'entry' ? r.entry.timestamp : 0n));
      const docs = new Set(entries.map((r) => (r.kind === 'entry' ? entryText(r.entry).documentId : '')));
      const mid = String(times[Math.floor(times.length / 2)]);
      for (const spec of [{ until: parseUntil(mid) }, { until: parseUntil(mid), exclusive: true }, {}] as RewriteSpec[]) {
        await bothWays(() => rewriteLog(source(rs), segments, spec));
      }
      for (const doc of [...docs].slice(0, 20)) await bothWays(() => documentHistory(rs, segments, doc));
    }
    expect(fast.signed).toBeGreaterThan(50);
  });
});
