import { fmix } from './id-hash.js';

/**
 * Interns id byte strings (collection, document, transaction ids) as small integers without
 * building JS strings on the hot path: an open-addressing hash table over a byte pool.
 * The table's state is plain typed arrays, so it can cross a worker boundary.
 */
export interface InternedIds {
  count: number;
  pool: Uint8Array;
  starts: Uint32Array;
  lengths: Uint16Array;
  /** Each id's hash, so that a table can be rebuilt without hashing the bytes again. */
  hashes: Uint32Array;
}

export class IdInterner {
  count = 0;
  private pool: Uint8Array = new Uint8Array(1 << 16);
  private poolUsed = 0;
  private starts: Uint32Array = new Uint32Array(1024);
  private lengths: Uint16Array = new Uint16Array(1024);
  /** Open addressing, two ints per slot: [hash, id + 1] (0 = empty), so a probe touches one cache line. */
  private table: Int32Array = new Int32Array(4096);
  private hashes: Uint32Array = new Uint32Array(1024);

  /** Whether id `id` holds exactly these bytes. */
  matches(id: number, buf: Uint8Array, start: number, len: number): boolean {
    return id >= 0 && id < this.count && this.lengths[id] === len && this.equals(id, buf, start, len);
  }

  intern(buf: Uint8Array, start: number, len: number): number {
    return this.internHashed(buf, start, len, hashIdBytes(buf, start, len));
  }

  /** `intern` with the id's hash already computed (hashIdBytes; the WebAssembly scanner computes the same). */
  internHashed(buf: Uint8Array, start: number, len: number, h: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = h & mask;
    for (;;) {
      const id1 = table[2 * slot + 1]!;
      if (id1 === 0) break;
      if (table[2 * slot] === (h | 0) && this.lengths[id1 - 1] === len && this.equals(id1 - 1, buf, start, len)) return id1 - 1;
      slot = (slot + 1) & mask;
    }
    return this.insert(slot, h, buf, start, len);
  }

  /** The id these bytes were interned as, or -1 when they never were (nothing is added). */
  find(buf: Uint8Array, start: number, len: number): number {
    const h = hashIdBytes(buf, start, len);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = h & mask;
    for (;;) {
      const id1 = table[2 * slot + 1]!;
      if (id1 === 0) return -1;
      if (table[2 * slot] === (h | 0) && this.lengths[id1 - 1] === len && this.equals(id1 - 1, buf, start, len)) return id1 - 1;
      slot = (slot + 1) & mask;
    }
  }

  // Byte by byte: ids are short, and callers pass a different buffer for each id as often as
  // not (entry objects), where a DataView per call cost more than it saved.
  private equals(id: number, buf: Uint8Array, start: number, len: number): boolean {
    const at = this.starts[id]!;
    const pool = this.pool;
    for (let i = 0; i < len; i++) if (pool[at + i] !== buf[start + i]) return false;
    return true;
  }

  private insert(slot: number, h: number, buf: Uint8Array, start: number, len: number): number {
    const id = this.count++;
    if (id === this.starts.length) {
      this.starts = grow(this.starts, new Uint32Array(id * 2));
      this.lengths = grow(this.lengths, new Uint16Array(id * 2));
      this.hashes = grow(this.hashes, new Uint32Array(id * 2));
    }
    if (this.poolUsed + len > this.pool.length) {
      this.pool = grow(this.pool, new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len)));
    }
    const pool = this.pool;
    const at = this.poolUsed;
    for (let i = 0; i < len; i++) pool[at + i] = buf[start + i]!;
    this.starts[id] = this.poolUsed;
    this.lengths[id] = len;
    this.hashes[id] = h;
    this.poolUsed += len;
    this.table[2 * slot] = h | 0;
    this.table[2 * slot + 1] = id + 1;
    if (this.count * 4 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    this.table = this.rehashInto(new Int32Array(this.table.length * 2));
  }

  private rehashInto(table: Int32Array): Int32Array {
    const mask = (table.length >> 1) - 1;
    for (let id = 0; id < this.count; id++) {
      const h = this.hashes[id]!;
      let slot = h & mask;
      while (table[2 * slot + 1]! !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = h | 0;
      table[2 * slot + 1] = id + 1;
    }
    return table;
  }

  bytes(id: number): Uint8Array {
    return this.pool.subarray(this.starts[id]!, this.starts[id]! + this.lengths[id]!);
  }

  export(): InternedIds {
    return {
      count: this.count, pool: this.pool.subarray(0, this.poolUsed), starts: this.starts.subarray(0, this.count),
      lengths: this.lengths.subarray(0, this.count), hashes: this.hashes.subarray(0, this.count),
    };
  }

  /** An interner holding the ids of an export (ids keep their numbers), ready for more. */
  static from(ids: InternedIds): IdInterner {
    const it = new IdInterner();
    it.count = ids.count;
    it.poolUsed = ids.pool.length;
    it.pool = grow(ids.pool, new Uint8Array(Math.max(1 << 16, ids.pool.length * 2)));
    const cap = Math.max(1024, ids.count * 2);
    it.starts = grow(ids.starts, new Uint32Array(cap));
    it.lengths = grow(ids.lengths, new Uint16Array(cap));
    it.hashes = grow(ids.hashes, new Uint32Array(cap));
    let slots = 2048;
    while (ids.count * 4 > slots * 2) slots *= 2;
    it.table = new Int32Array(slots * 2);
    it.rehashInto(it.table);
    return it;
  }
}

/**
 * The interner's hash of bytes [start, start + len) of `buf`: four bytes (little-endian) per
 * step, then murmur3's finaliser, since ids differ in a few bytes (counters) and linear probing
 * needs spread. assembly/entry-scan.ts computes the same function.
 */
export function hashIdBytes(buf: Uint8Array, start: number, len: number): number {
  const end = start + len;
  let h = 0x811c9dc5 ^ len;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    h = Math.imul(h ^ (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24)), 0x01000193);
    h ^= h >>> 13;
  }
  for (; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return fmix(h);
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

export function internedBytes(ids: InternedIds, id: number): Uint8Array {
  return ids.pool.subarray(ids.starts[id]!, ids.starts[id]! + ids.lengths[id]!);
}
