import { TYPE_DAMAGE, type RowChunk } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';

/** Where transactionGroups reads id bytes back (RowBytes outside a session, SessionTxBytes in one). */
export interface TxIdBytes {
  /** The id without its zero padding: a view valid until the next call. */
  txBytes(row: number): Uint8Array | Promise<Uint8Array>;
}

export interface TxGroups {
  /** Each row's transaction (numbered in order of first appearance); -1 for damage rows. */
  readonly groupOf: Int32Array;
  readonly groups: number;
}

/** Groups by the ids' 64-bit hashes alone, before their bytes are compared. */
export interface HashedTxGroups extends TxGroups {
  /** Each group's first row. */
  readonly firstRow: Int32Array;
  /** 1 for groups of more than one row (their rows need their bytes compared). */
  readonly shared: Uint8Array;
  readonly anyShared: boolean;
}

/**
 * Rows whose 64-bit id hashes agree share a group, numbered in order of first appearance. A
 * row with the previous row's hash joins its group without a probe (a transaction's entries
 * mostly follow each other).
 */
export async function hashTxGroups(store: RowStore, rows = store.rows, pause?: () => Promise<void>): Promise<HashedTxGroups> {
  const groupOf = new Int32Array(rows);
  let cap = 1 << 12;
  /** Open addressing, three ints per slot — the hash's two lanes and group + 1 (0 = empty) — so a probe touches one cache line; grown at half full. */
  let table: Int32Array = new Int32Array(cap * 3);
  let mask = cap - 1;
  const firstRow = new Int32Array(rows + 1);
  const shared = new Uint8Array(rows + 1);
  let groups = 0;
  let anyShared = false;
  let prevLo = 0;
  let prevHi = 0;
  let prevG = -1;
  const chunks: { c: RowChunk; base: number; n: number }[] = [];
  store.forEachChunk((c, base, n) => chunks.push({ c, base, n }), rows);
  for (const { c, base, n } of chunks) {
    if (pause && (base & 0x7ffff) === 0x70000) await pause();
    const type = c.type;
    const los = c.txLo;
    const his = c.txHi;
    for (let i = 0; i < n; i++) {
      if (type[i] === TYPE_DAMAGE) {
        groupOf[base + i] = -1;
        continue;
      }
      const lo = los[i]! | 0;
      const hi = his[i]! | 0;
      if (lo === prevLo && hi === prevHi && prevG >= 0) {
        groupOf[base + i] = prevG;
        shared[prevG] = 1;
        anyShared = true;
        continue;
      }
      let at = ((lo ^ Math.imul(hi, 0x9e3779b1)) & mask) * 3;
      let g: number;
      for (;;) {
        const sg = table[at + 2]!;
        if (sg === 0) {
          g = groups++;
          table[at] = lo;
          table[at + 1] = hi;
          table[at + 2] = g + 1;
          firstRow[g] = base + i;
          if (groups * 2 > cap) {
            cap *= 2;
            mask = cap - 1;
            table = rehash(table, cap);
          }
          break;
        }
        if (table[at] === lo && table[at + 1] === hi) {
          g = sg - 1;
          shared[g] = 1;
          anyShared = true;
          break;
        }
        at += 3;
        if (at === table.length) at = 0;
      }
      groupOf[base + i] = g;
      prevLo = lo;
      prevHi = hi;
      prevG = g;
    }
  }
  return { groupOf, groups, firstRow, shared, anyShared };
}

function rehash(old: Int32Array, cap: number): Int32Array {
  const table = new Int32Array(cap * 3);
  const mask = cap - 1;
  for (let k = 0; k < old.length; k += 3) {
    if (old[k + 2] === 0) continue;
    const lo = old[k]!;
    const hi = old[k + 1]!;
    let at = ((lo ^ Math.imul(hi, 0x9e3779b1)) & mask) * 3;
    while (table[at + 2] !== 0) {
      at += 3;
      if (at === table.length) at = 0;
    }
    table[at] = lo;
    table[at + 1] = hi;
    table[at + 2] = old[k + 2]!;
  }
  return table;
}

export interface ConfirmOptions {
  /** Called every 65,536 rows compared: await it to let other work run (and to throw to stop). */
  readonly pause?: () => Promise<void>;
}

/**
 * Tells transactions apart exactly: every row of a hashed group of more than one is checked
 * against the group's first row by the id's bytes, read back from the segments; a row with
 * other bytes (a hash collision) moves to the group of its own bytes. Groups of one row need
 * no read. The hashed groups are left as they are: a split copies `groupOf` first.
 */
export async function confirmTxGroups(hashed: HashedTxGroups, bytes: TxIdBytes, o: ConfirmOptions = {}): Promise<TxGroups & { readonly split: boolean }> {
  let { groupOf, groups } = hashed;
  const { firstRow, shared } = hashed;
  if (!hashed.anyShared) return { groupOf, groups, split: false };
  const rows = groupOf.length;
  // The first row's bytes of each shared group, then every later member against them, in file order.
  const at = new Int32Array(groups).fill(-1);
  const firstLen = new Uint8Array(groups);
  let pool = new Uint8Array(1 << 16);
  let used = 0;
  /** Rows whose bytes differ from their group's first row, by their own bytes (hash collisions: rare). */
  const moved = new Map<string, number>();
  const total = groups;
  let split = false;
  for (let r = 0; r < rows; r++) {
    if ((r & 0xffff) === 0xffff && o.pause) await o.pause();
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
    if (!split) {
      groupOf = groupOf.slice();
      split = true;
    }
    const hex = Buffer.from(b).toString('hex');
    let other = moved.get(hex);
    if (other === undefined) moved.set(hex, (other = groups++));
    groupOf[r] = other;
  }
  return { groupOf, groups, split };
}

/** Hashed, then confirmed by the bytes: the exact transaction of every row. */
export async function transactionGroups(store: RowStore, bytes: TxIdBytes, rows = store.rows): Promise<TxGroups> {
  const { groupOf, groups } = await confirmTxGroups(await hashTxGroups(store, rows), bytes);
  return { groupOf, groups };
}

function sameBytes(pool: Uint8Array, at: number, len: number, b: Uint8Array): boolean {
  if (len !== b.length) return false;
  for (let i = 0; i < len; i++) if (pool[at + i] !== b[i]) return false;
  return true;
}
