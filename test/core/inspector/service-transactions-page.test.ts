import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactionItem, TransactionSortKey, TransactionStatus } from '../../../core/contract/contract.js';
import { openLocation } from '../../../core/inspector/open-location.js';
import { transactionsPage } from '../../../core/inspector/query/transactions.js';
import { currentTxState } from '../../../core/inspector/query/tx-state.js';
import { Session } from '../../../core/inspector/session.js';
import { binaryBytes, entries, harness, must, tempDir, writeFile, type Spec } from './support/inspector-fixtures.js';

/** transactions.page: every transaction sorted, filtered by status and id prefix, paged. */
const h = harness();
afterAll(() => h.service.close());

const ALL: TransactionStatus[] = ['committed', 'rolled-back', 'incomplete', 'single-entry'];

/** 60 transactions of mixed shapes, some interleaved, with ids sharing prefixes and times out of order. */
function specs(): Spec[] {
  const out: Spec[] = [];
  for (let t = 0; t < 60; t++) {
    const tx = `${t % 3 === 0 ? 'ord' : 'usr'}-${String(t).padStart(3, '0')}`;
    const ts = 1_732_400_000_000n + BigInt(((t * 7919) % 60) * 1000);
    const shape = t % 5;
    if (shape === 4) {
      out.push({ type: 'Insert', tx, ts, data: `{"t":${t}}` });
      continue;
    }
    out.push({ type: 'Begin', tx, ts });
    for (let k = 0; k <= t % 4; k++) out.push({ type: k % 2 ? 'Update' : 'Insert', tx, ts: ts + BigInt(k * 10 + (t % 7) * 100), data: `{"t":${t},"pad":"${'x'.repeat(t)}"}` });
    if (shape === 0 || shape === 1) out.push({ type: 'Commit', tx, ts: ts + 900n });
    else if (shape === 2) out.push({ type: 'Rollback', tx, ts: ts + 900n });
  }
  // An interleaved pair: rows of one between rows of the other.
  out.push({ type: 'Begin', tx: 'mix-a' }, { type: 'Begin', tx: 'mix-b' }, { type: 'Insert', tx: 'mix-a' }, { type: 'Insert', tx: 'mix-b' }, { type: 'Commit', tx: 'mix-b' });
  return out;
}

let sid = '';
let all: TransactionItem[] = [];
beforeAll(async () => {
  const file = writeFile(path.join(tempDir(), 'tx-page.wal'), binaryBytes(entries(specs())));
  sid = (await h.open(file)).session_id;
  all = [...must(await h.api.transactions.list({ session_id: sid, status: ALL, limit: 10_000 })).items];
});

/** The reference order: a stable sort of first-appearance order by the key. */
function sorted(items: readonly TransactionItem[], key: TransactionSortKey, desc: boolean): string[] {
  const rank = (i: TransactionItem): number => {
    switch (key) {
      case 'first': return i.first_row;
      case 'time': return i.first_time ?? -Infinity;
      case 'size': return i.bytes;
      case 'entries': return i.entries;
      case 'status': return ALL.indexOf(i.status);
      case 'duration': return (i.last_time ?? 0) - (i.first_time ?? 0);
    }
  };
  const indexed = items.map((item, k) => ({ item, k }));
  indexed.sort((a, b) => (desc ? rank(b.item) - rank(a.item) : rank(a.item) - rank(b.item)) || a.k - b.k);
  return indexed.map((x) => x.item.transaction_id);
}

describe('transactions.page', () => {
  it('lists every transaction by default, in order of first appearance, with the totals', async () => {
    const p = must(await h.api.transactions.page({ session_id: sid, offset: 0, limit: 1000 }));
    expect(p.items).toEqual(all);
    expect(p.total).toBe(all.length);
    expect(p.total_unfiltered).toBe(all.length);
    expect(p.complete).toBe(true);
    for (const st of ALL) expect(p.counts[st]).toBe(all.filter((i) => i.status === st).length);
    expect(p.counts['single-entry']).toBeGreaterThan(0);
    expect(all.find((i) => i.transaction_id === 'mix-a')).toMatchObject({ status: 'incomplete', entries: 2, first_row: all.find((i) => i.transaction_id === 'mix-a')!.first_row });
  });

  for (const key of ['first', 'time', 'size', 'entries', 'status', 'duration'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`sorts by ${key} ${direction}, ties in order of first appearance, paged`, async () => {
        const want = sorted(all, key, direction === 'desc');
        const whole = must(await h.api.transactions.page({ session_id: sid, offset: 0, limit: 1000, sort: { key, direction } }));
        expect(whole.items.map((i) => i.transaction_id)).toEqual(want);
        const page = must(await h.api.transactions.page({ session_id: sid, offset: 7, limit: 5, sort: { key, direction } }));
        expect(page.items.map((i) => i.transaction_id)).toEqual(want.slice(7, 12));
        expect(page.offset).toBe(7);
      });
    }
  }

  it('filters by status and by id prefix; counts are of the prefix matches', async () => {
    const p = must(await h.api.transactions.page({ session_id: sid, offset: 0, limit: 1000, status: ['rolled-back', 'single-entry'], id_prefix: 'ord-' }));
    const want = all.filter((i) => i.transaction_id.startsWith('ord-') && (i.status === 'rolled-back' || i.status === 'single-entry'));
    expect(want.length).toBeGreaterThan(2);
    expect(p.items.map((i) => i.transaction_id)).toEqual(want.map((i) => i.transaction_id));
    expect(p.total).toBe(want.length);
    for (const st of ALL) expect(p.counts[st]).toBe(all.filter((i) => i.status === st && i.transaction_id.startsWith('ord-')).length);
    const sortedByTime = must(await h.api.transactions.page({ session_id: sid, offset: 0, limit: 1000, id_prefix: 'usr-01', sort: { key: 'time', direction: 'desc' } }));
    expect(sortedByTime.items.map((i) => i.transaction_id)).toEqual(sorted(all.filter((i) => i.transaction_id.startsWith('usr-01')), 'time', true));
    const none = must(await h.api.transactions.page({ session_id: sid, offset: 0, limit: 10, id_prefix: 'zzz' }));
    expect([none.items.length, none.total, none.counts.committed]).toEqual([0, 0, 0]);
    const nothing = must(await h.api.transactions.page({ session_id: sid, offset: 0, limit: 10, status: [] }));
    expect([nothing.total, nothing.counts.committed]).toEqual([0, all.filter((i) => i.status === 'committed').length]);
  });

  it('refuses bad arguments with a code naming the field', async () => {
    const bad = await h.api.transactions.page({ session_id: sid, offset: 0, limit: 10, sort: { key: 'nope' as never } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/sort\.key/);
    const empty = await h.api.transactions.page({ session_id: sid, offset: 0, limit: 10, id_prefix: '' });
    expect(empty.ok).toBe(false);
  });
});

describe('transactions.page while ids are confirmed by their bytes', () => {
  let session: Session;
  afterAll(() => session?.close());

  it('answers from the hashes at once, then splits ids whose hashes collide', async () => {
    const list: Spec[] = [
      { type: 'Begin', tx: 'one' }, { type: 'Begin', tx: 'two' }, { type: 'Insert', tx: 'one' }, { type: 'Commit', tx: 'one' },
      { type: 'Insert', tx: 'two' }, { type: 'Rollback', tx: 'two' }, { type: 'Insert', tx: 'three' },
    ];
    const file = writeFile(path.join(tempDir(), 'collide.wal'), binaryBytes(entries(list)));
    session = new Session({ id: 's', input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
    await session.indexer.whenDone();
    session.store.forEachChunk((c) => {
      for (const r of [1, 4, 5, 6]) {
        c.txLo[r] = c.txLo[0]!;
        c.txHi[r] = c.txHi[0]!;
      }
    });
    const first = await transactionsPage(session, { offset: 0, limit: 10 });
    expect(first.ids_confirmed).toBe(false);
    expect(first.total).toBe(1); // one hash: one group until the bytes are compared
    let p = first;
    for (let k = 0; k < 100 && !p.ids_confirmed; k++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      p = await transactionsPage(session, { offset: 0, limit: 10 });
    }
    expect(p.ids_confirmed).toBe(true);
    expect(p.items.map((i) => [i.transaction_id, i.status, i.entries, i.first_row, i.last_row])).toEqual([
      ['one', 'committed', 3, 0, 3], ['two', 'rolled-back', 3, 1, 5], ['three', 'single-entry', 1, 6, 6],
    ]);
    const bySize = await transactionsPage(session, { offset: 0, limit: 10, sort: { key: 'entries', direction: 'desc' }, id_prefix: 't' });
    expect(bySize.items.map((i) => i.transaction_id)).toEqual(['two', 'three']);
  });
});

describe('transactions.page on a log indexed a moment ago', () => {
  let session: Session;
  afterAll(() => session?.close());

  it('finds the table built in the background once indexing finished, without a call asking for it', async () => {
    const file = writeFile(path.join(tempDir(), 'warm.wal'), binaryBytes(entries(specs())));
    session = new Session({ id: 'w', input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
    await session.indexer.whenDone();
    let warmed = currentTxState(session);
    for (let k = 0; k < 200 && !warmed; k++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      warmed = currentTxState(session);
    }
    expect(warmed, 'no transaction table was built after indexing').toBeDefined();
    expect((await warmed!.table).count).toBe(all.length);
    // And the view's first list (default statuses, first appearance) is made too.
    const listed = () => [...warmed!.derived.keys()].some((k) => k.startsWith('list:false:first:false:'));
    for (let k = 0; k < 200 && !listed(); k++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(listed()).toBe(true);
    const page = await transactionsPage(session, { offset: 0, limit: 10_000, status: ALL });
    // The page came from that table, not from one built for the call.
    expect(currentTxState(session)).toBe(warmed);
    expect(page.items.map((i) => i.transaction_id)).toEqual(all.map((i) => i.transaction_id));
  });
});
