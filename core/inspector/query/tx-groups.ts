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
  /** Open addressing: group + 1 per slot (0 = empty); the group's hash is in groupLo/groupHi. */
  const table = new Int32Array(cap);
  const groupLo = new Int32Array(rows + 1);
  const groupHi = new Int32Array(rows + 1);
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
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      for (;;) {
        const sg = table[slot]!;
        if (sg === 0) {
          const g = groups++;
          groupLo[g] = lo;
          groupHi[g] = hi;
          firstRow[g] = base + i;
          table[slot] = g + 1;
          groupOf[base + i] = g;
          break;
        }
        if (groupLo[sg - 1] === lo && groupHi[sg - 1] === hi) {
          groupOf[base + i] = sg - 1;
          shared[sg - 1] = 1;
          anyShared = true;
          break;
        }
        slot = (slot + 1) & mask;
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
