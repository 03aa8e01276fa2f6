import { expect } from 'vitest';
import { Indexer } from '../../../../core/inspector/index/indexer.js';
import type { WorkerInit } from '../../../../core/inspector/index/index-messages.js';
import type { RowStore } from '../../../../core/inspector/index/row-store.js';
import type { CompressionName } from '../../../../core/contract/contract-types.js';

/** Runs the product's indexer (its worker threads) over segment files; resolves with its rows. */
export async function indexFiles(
  files: readonly string[], options: Partial<WorkerInit> = {}, compression: CompressionName = 'none',
): Promise<RowStore> {
  const noop = () => undefined;
  const ix = new Indexer(
    { segments: files.map((p, k) => ({ name: `seg-${k}`, path: p, compression })), walDir: null, ...options }, 0,
    { progress: noop, done: noop, followRows: noop, segment: noop, rotated: noop },
  );
  await ix.whenDone();
  await ix.close();
  if (ix.error) throw new Error(`${ix.error.code}: ${ix.error.message}`);
  return ix.store;
}

/** One row, every column (ids as their bytes in hex), and its damage details and analysis. */
export function rowOf(s: RowStore, r: number): unknown[] {
  const id = (n: number) => (n < 0 ? null : Buffer.from(s.ids.bytes(n)).toString('hex'));
  const d = s.damageInfo(r);
  return [
    s.segment(r), s.offset(r), s.length(r), s.type(r), s.time(r), s.flags(r), s.txLo(r), s.txHi(r), s.txAt(r),
    s.dataBytes(r), id(s.collection(r)), id(s.document(r)), d ? `${d.damage}: ${d.detail}` : null, d?.analysis ?? null,
  ];
}

/** Two row stores hold the same rows (ids compared by their bytes, and each distinct id once). */
export function expectSameRows(actual: RowStore, expected: RowStore, label: string): void {
  expect(actual.rows, `${label}: rows`).toBe(expected.rows);
  expect(actual.ids.count, `${label}: distinct ids`).toBe(expected.ids.count);
  expect(actual.damageRows, `${label}: damage rows`).toEqual(expected.damageRows);
  for (let r = 0; r < expected.rows; r++) {
    const a = rowOf(actual, r);
    const e = rowOf(expected, r);
    // Element-wise first: a failing row is then reported alone.
    if (JSON.stringify(a) !== JSON.stringify(e)) expect(a, `${label}: row ${r}`).toEqual(e);
  }
}
