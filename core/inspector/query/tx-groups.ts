import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import type { RowBytes } from './row-bytes.js';

export interface TxGroups {
  /** Each row's transaction (numbered in order of first appearance); -1 for damage rows. */
  readonly groupOf: Int32Array;
  readonly groups: number;
}

/**
 * Tells transactions apart exactly: rows whose 64-bit id hashes agree share a group, then every
 * row of a group of more than one is checked against the group's first row by the id's bytes,
 * read back from the segments; a row with other bytes (a hash collision) moves to the group of
 * its own bytes. Groups of one row — every entry of a log whose entries each have their own
 * transaction — need no read.
 */
export async function transactionGroups(store: RowStore, bytes: RowBytes): Promise<TxGroups> {
  const rows = store.rows;
  const groupOf = new Int32Array(rows).fill(-1);
  let cap = 1024;
  while (cap < rows * 2) cap *= 2;
  const mask = cap - 1;
  /** Open addressing, three ints per slot — the hash's two lanes and group + 1 (0 = empty) — so a probe touches one cache line. */
  const table = new Int32Array(cap * 3);
  const firstRow = new Int32Array(rows + 1);
  const shared = new Uint8Array(rows + 1);
  let groups = 0;
  let anyShared = false;
  store.forEachChunk((c, base, n) => {
    const type = c.type;
    const los = c.txLo;
    const his = c.txHi;
    for (let i = 0; i < n; i++) {
      if (type[i] === TYPE_DAMAGE) continue;
      const lo = los[i]! | 0;
      const hi = his[i]! | 0;
      let at = ((lo ^ Math.imul(hi, 0x9e3779b1)) & mask) * 3;
      for (;;) {
        const sg = table[at + 2]!;
        if (sg === 0) {
          const g = groups++;
          table[at] = lo;
          table[at + 1] = hi;
          table[at + 2] = g + 1;
          firstRow[g] = base + i;
          groupOf[base + i] = g;
          break;
        }
        if (table[at] === lo && table[at + 1] === hi) {
          groupOf[base + i] = sg - 1;
          shared[sg - 1] = 1;
          anyShared = true;
          break;
        }
        at += 3;
        if (at === table.length) at = 0;
      }
    }
  }, rows);
  if (!anyShared) return { groupOf, groups };
  // The first row's bytes of each shared group, then every later member against them, in file order.
  const at = new Int32Array(groups).fill(-1);
  const firstLen = new Uint8Array(groups);
  let pool = new Uint8Array(1 << 16);
  let used = 0;
  /** Rows whose bytes differ from their group's first row, by their own bytes (hash collisions: rare). */
  const moved = new Map<string, number>();
  const total = groups;
  for (let r = 0; r < rows; r++) {
    const g = groupOf[r]!;
    if (g < 0 || g >= total || shared[g] === 0) continue;
    const got = bytes.txBytes(r);
    const b = got instanceof Uint8Array ? got : await got;
    if (firstRow[g] === r) {
      if (used + b.length > pool.length) {
        const next = new Uint8Array(pool.length * 2);
        next.set(pool);
        pool = next;
      }
      pool.set(b, used);
      at[g] = used;
      firstLen[g] = b.length;
      used += b.length;
      continue;
    }
    if (sameBytes(pool, at[g]!, firstLen[g]!, b)) continue;
    const hex = Buffer.from(b).toString('hex');
    let other = moved.get(hex);
    if (other === undefined) moved.set(hex, (other = groups++));
    groupOf[r] = other;
  }
  return { groupOf, groups };
}

function sameBytes(pool: Uint8Array, at: number, len: number, b: Uint8Array): boolean {
  if (len !== b.length) return false;
  for (let i = 0; i < len; i++) if (pool[at + i] !== b[i]) return false;
  return true;
}
