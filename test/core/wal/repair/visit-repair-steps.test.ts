/**
 * The visitor reader (visit-repair-steps.ts) and restore's pass over it (rewriteLog with a
 * VisitSource: entries read in place through an EntryCursor, data decoded only up to the
 * cut-off, transaction fates from id bytes) against the record path they replace: the same
 * records, and the same rewrites, on crafted chains — rotated zstd segments, damage one
 * flipped bit explains and damage it does not, JSON Lines.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUntil } from '../../../../core/history/history-target.js';
import { rewriteLog, type RewriteSpec } from '../../../../core/history/rewrite-log.js';
import { RecoveryRepairs } from '../../../../core/inspector/use-cases/repair.js';
import { encodeBinaryEntry, entryFromLayout } from '../../../../core/wal/binary-codec.js';
import type { EntryType } from '../../../../core/wal/entry-type.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import { entryText } from '../../../../core/wal/log-entry.js';
import { locateLog, type LogLocation } from '../../../../core/wal/log-location.js';
import type { WalRecord } from '../../../../core/wal/records.js';
import { visitRepairSteps } from '../../../../core/wal/repair/visit-repair-steps.js';
import { readRepairBatches } from '../../../../core/wal/repair/repair-steps.js';
import { seededRandom } from '../../../support/random-entries.js';
import { B, C, D, I, R, T0, tx, U, type Step } from '../../history/history-fixture.js';
import { rotateCompressed } from '../../restore/restore-fixture.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const DATA = [
  '{"name":"a","age":1,"address":{"city":"Oslo","zip":"1"}}',
  '{"name":"b","age":2,"address":{"city":"Bergen","zip":"2"}}',
  '{"name":"c","address":{"city":"Oslo"}}', // keys fewer: a real merge
  '{"age":4}',
  '{"name":"d","age":5,"address":{"city":"Oslo","zip":"3"},"extra":{"n":1}}',
  '{"name":"é\\n","age":6,"address":{"city":"Molde","zip":"4"}}',
  '{"name":"broken",', // unreadable
];

/**
 * Transactions committed, rolled back and never terminated, lone entries, deletes and
 * re-inserts, merges, histories that do not start with an Insert, over a few documents.
 */
function steps(seed: number, n: number): Step[] {
  const rand = seededRandom(seed);
  const out: Step[] = [];
  let at = 0;
  const op = (t?: string): Step => {
    const doc = `doc-${Math.floor(rand() * 5)}`;
    const more = { at: at++, ...(t ? { tx: t } : {}) };
    const r = rand();
    const data = DATA[Math.floor(rand() * (rand() < 0.02 ? DATA.length : DATA.length - 1))]!;
    if (r < 0.2) return I(doc, data, more);
    if (r < 0.85) return U(doc, data, more);
    return D(doc, more);
  };
  for (let k = 0; k < n; k++) {
    const r = rand();
    if (r < 0.3) {
      out.push(op());
      continue;
    }
    const t = tx(`v${seed}x${k}`);
    out.push(B(t, at++));
    for (let j = 1 + Math.floor(rand() * 3); j > 0; j--) out.push(op(t));
    if (r < 0.75) out.push(C(t, at++));
    else if (r < 0.9) out.push(R(t, at++));
  }
  return out;
}

/** A chain in a temporary .wal/: a rotated zstd segment, then the active one, with damage in it. */
async function chain(seed: number, damage: 'none' | 'bit' | 'garbage'): Promise<LogLocation> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'visit-steps-'));
  dirs.push(root);
  const wal = path.join(root, '.wal');
  fs.mkdirSync(wal);
  const all = steps(seed, 40);
  const half = Math.floor(all.length / 2);
  await rotateCompressed(wal, all.slice(0, half), all.slice(half));
  if (damage !== 'none') {
    const file = path.join(wal, 'transactions.wal');
    const bytes = fs.readFileSync(file);
    const at = Math.floor(bytes.length / 3);
    if (damage === 'bit') bytes[at] = bytes[at]! ^ 0x10;
    else bytes.fill(0xee, at, at + 40);
    fs.writeFileSync(file, bytes);
  }
  return locateLog(wal);
}

/** The visitor's records, intact entries built from their layouts (what the record path builds). */
async function visited(location: LogLocation, repairs: RecoveryRepairs): Promise<WalRecord[]> {
  const out: WalRecord[] = [];
  await repairs.visit(location, {}, {
    entry: (buf, l, segment, offset) => out.push({ kind: 'entry', segment, offset, length: 0, entry: entryFromLayout(buf, l) }),
    record: (r) => out.push(r),
  });
  return out;
}

async function batched(location: LogLocation, repairs: RecoveryRepairs): Promise<WalRecord[]> {
  const out: WalRecord[] = [];
  for await (const b of repairs.readBatches(location, {})) out.push(...b);
  return out;
}

// The visitor does not say an entry's length (restore reads none); the rest must match.
const comparable = (rs: readonly WalRecord[]) => rs.map((r) => (r.kind === 'entry' ? { ...r, length: 0 } : r));

function specsOf(rs: readonly WalRecord[], rand: () => number): RewriteSpec[] {
  const es = rs.filter((r) => r.kind === 'entry');
  const some = () => es[Math.floor(rand() * es.length)]!;
  const txOf = (r: WalRecord) => (r.kind === 'entry' ? entryText(r.entry).transactionId : '');
  const time = () => String(T0 + BigInt(Math.floor(rand() * es.length)));
  // A position inside a transaction: an operation entry that carries a Begin's id.
  const begun = new Set(es.filter((r) => r.kind === 'entry' && r.entry.entryType === 'Begin').map(txOf));
  const inside = es.find((r) => r.kind === 'entry' && r.entry.entryType !== 'Begin' && begun.has(txOf(r))) ?? some();
  return [
    { until: parseUntil(time()) },
    { until: parseUntil(time()), exclusive: true },
    { until: parseUntil(time()), includeUncommitted: true },
    { until: parseUntil(`${inside.segment}:${inside.offset}`) },
    { until: parseUntil(`${inside.segment}:${inside.offset}`), exclusive: true },
    { until: parseUntil(txOf(inside)) },
    { until: parseUntil(txOf(inside)), exclusive: true },
    { until: parseUntil(time()), document: { prefix: 'doc-' } },
    { excludeTransactions: new Set([txOf(some()), txOf(some())]) },
    { excludeTransactions: new Set([txOf(inside)]), onConflict: 'later' },
    { excludeRange: { from: T0 + 5n, to: T0 + 25n }, onConflict: 'excluded', includeUncommitted: true },
  ];
}

describe('visitRepairSteps', () => {
  it('tells the same records in the same order as readRepairBatches: rotated zstd chains, repairable and unrepairable damage, repaired entries', async () => {
    let damageSeen = 0, repairedSeen = 0, entries = 0;
    for (let seed = 1; seed <= 6; seed++) {
      for (const damage of ['none', 'bit', 'garbage'] as const) {
        const location = await chain(seed, damage);
        for (const include of [false, true]) {
          const a = new RecoveryRepairs(include);
          const b = new RecoveryRepairs(include);
          const seen = await visited(location, a);
          const read = await batched(location, b);
          expect(comparable(seen)).toEqual(comparable(read));
          expect(a.repairable).toBe(b.repairable);
          damageSeen += seen.filter((r) => r.kind === 'damage').length;
          repairedSeen += seen.filter((r) => r.kind === 'entry' && r.repaired).length;
          entries += seen.length;
        }
      }
    }
    expect(entries).toBeGreaterThan(1000);
    expect(damageSeen).toBeGreaterThan(5);
    expect(repairedSeen).toBeGreaterThan(3);
  });

  it('reads a JSON Lines segment through the record path', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'visit-steps-'));
    dirs.push(root);
    const file = path.join(root, 'log.jsonl');
    const line = (i: number) => JSON.stringify({ entry_type: 'Insert', transaction_id: tx(`j${i}`), collection: 'users', document_id: `d${i}`, timestamp: Number(T0) + i, data: '{"v":1}' });
    fs.writeFileSync(file, [line(1), line(2), '{not json', line(3)].join('\n') + '\n');
    const location = await locateLog(file);
    const seen: WalRecord[] = [];
    await visitRepairSteps(location, {}, (p) => p.records, { entry: () => expect.unreachable('a JSON Lines entry has no binary layout'), record: (r) => seen.push(r) });
    const read: WalRecord[] = [];
    for await (const batch of readRepairBatches(location, {}, (p) => p.records)) read.push(...batch);
    expect(seen).toEqual(read);
    expect(seen.map((r) => r.kind)).toEqual(['entry', 'entry', 'damage', 'entry']);
  });
});

describe('rewriteLog over a visitor gives the record path\'s answers', () => {
  it('every kind of --until (time, position and transaction inside a transaction, --exclusive), exclusions, uncommitted work, damage, rotated segments', async () => {
    const rand = seededRandom(77);
    const kinds: Record<string, number> = {};
    let passes2 = 0;
    for (let seed = 11; seed <= 16; seed++) {
      for (const damage of ['none', 'bit', 'garbage'] as const) {
        const location = await chain(seed, damage);
        const segments = location.segments.map((s) => s.name);
        for (const include of [false, true]) {
          const records = await batched(location, new RecoveryRepairs(include));
          for (const spec of specsOf(records, rand)) {
            const repairs = new RecoveryRepairs(include);
            const slow = await rewriteLog(() => repairs.readBatches(location, {}), segments, spec);
            const fast = await rewriteLog({ visit: (v) => repairs.visit(location, {}, v) }, segments, spec);
            expect(fast).toEqual(slow);
            if (slow.passes > 1) passes2++;
            for (const o of slow.outcomes.values()) {
              const k = o.kind === 'state' && o.state === null ? 'absent' : o.kind;
              kinds[k] = (kinds[k] ?? 0) + 1;
            }
          }
        }
      }
    }
    // The histories had every outcome, and uncommitted work made second passes.
    for (const k of ['state', 'absent', 'incomplete', 'conflict']) expect(kinds[k] ?? 0, k).toBeGreaterThan(10);
    expect(passes2).toBeGreaterThan(25);
  });
});

describe('transaction fates by id bytes', () => {
  it('ids whose bytes differ but read the same (lossy UTF-8) are one transaction on both paths', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'visit-steps-'));
    dirs.push(root);
    // 0xff and 0xfe both read as U+FFFD: A and B are one transaction, C and D another.
    const id = (a: number, b: number) => Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0x61 + a : i === 1 ? b : 0));
    const [A, B, C, Dd] = [id(0, 0xff), id(0, 0xfe), id(1, 0xff), id(1, 0xfe)];
    let at = 0;
    const e = (type: EntryType, txId: Uint8Array, doc: string, data: string | null = null) =>
      encodeBinaryEntry({ ...createEntry({ entryType: type, transactionId: 'x'.repeat(32), collection: 'users', documentId: doc, timestamp: T0 + BigInt(at++), data }), transactionId: txId });
    const bytes = Buffer.concat([
      e('Begin', A, 'txn'), e('Insert', B, 'kept', '{"v":1}'), e('Commit', B, 'txn'),
      e('Begin', C, 'txn'), e('Insert', Dd, 'gone', '{"v":2}'), e('Rollback', Dd, 'txn'),
      e('Update', B, 'kept', '{"v":3}'), e('Update', Dd, 'gone', '{"v":4}'),
    ].map((b) => Buffer.from(b)));
    fs.writeFileSync(path.join(root, 'transactions.wal'), bytes);
    const location = await locateLog(path.join(root, 'transactions.wal'));
    const segments = location.segments.map((s) => s.name);
    for (const spec of [{ until: parseUntil(String(T0 + 5n)) }, { until: parseUntil(String(T0 + 5n)), includeUncommitted: true }] as RewriteSpec[]) {
      const repairs = new RecoveryRepairs(false);
      const slow = await rewriteLog(() => repairs.readBatches(location, {}), segments, spec);
      const fast = await rewriteLog({ visit: (v) => repairs.visit(location, {}, v) }, segments, spec);
      expect(fast).toEqual(slow);
      // The Commit under other bytes commits A's work; the Rollback under other bytes rolls C's back.
      expect(fast.outcomes.get('kept')).toEqual({ kind: 'state', state: '{"v":1}' });
      expect(fast.outcomes.get('gone')).toEqual({ kind: 'state', state: spec.includeUncommitted ? '{"v":2}' : null });
      if (!spec.includeUncommitted) expect(fast.uncommittedEntries).toBe(1);
    }
  });
});
