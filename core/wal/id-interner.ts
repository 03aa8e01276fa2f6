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
}

export class IdInterner {
  count = 0;
  private pool = new Uint8Array(1 << 16);
  private poolUsed = 0;
  private starts = new Uint32Array(1024);
  private lengths = new Uint16Array(1024);
  private table = new Int32Array(2048).fill(-1);
  private hashes = new Uint32Array(1024);

  intern(buf: Uint8Array, start: number, len: number): number {
    // Hashed four bytes per step: this runs three times per entry while indexing.
    const end = start + len;
    let h = 0x811c9dc5 ^ len;
    let i = start;
    for (; i + 4 <= end; i += 4) {
      h = Math.imul(h ^ (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24)), 0x01000193);
      h ^= h >>> 13;
    }
    for (; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    h >>>= 0;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const id = this.table[slot]!;
      if (id < 0) break;
      if (this.hashes[id] === h && this.lengths[id] === len && this.equals(id, buf, start, len)) return id;
      slot = (slot + 1) & mask;
    }
    return this.insert(slot, h, buf, start, len);
  }

  private equals(id: number, buf: Uint8Array, start: number, len: number): boolean {
    const at = this.starts[id]!;
    for (let i = 0; i < len; i++) if (this.pool[at + i] !== buf[start + i]) return false;
    return true;
  }

  private insert(slot: number, h: number, buf: Uint8Array, start: number, len: number): number {
    const id = this.count++;
    if (id === this.starts.length) {
      this.starts = grow(this.starts, new Uint32Array(id * 2));
      this.lengths = grow(this.lengths, new Uint16Array(id * 2));
      this.hashes = grow(this.hashes, new Uint32Array(id * 2));
    }
    if (this.poolUsed + len > this.pool.length) this.pool = grow(this.pool, new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len)));
    const pool = this.pool;
    const at = this.poolUsed;
    for (let i = 0; i < len; i++) pool[at + i] = buf[start + i]!;
    this.starts[id] = this.poolUsed;
    this.lengths[id] = len;
    this.hashes[id] = h;
    this.poolUsed += len;
    this.table[slot] = id;
    if (this.count * 2 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
  }

  bytes(id: number): Uint8Array {
    return this.pool.subarray(this.starts[id]!, this.starts[id]! + this.lengths[id]!);
  }

  export(): InternedIds {
    return { count: this.count, pool: this.pool.slice(0, this.poolUsed), starts: this.starts.slice(0, this.count), lengths: this.lengths.slice(0, this.count) };
  }
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

export function internedBytes(ids: InternedIds, id: number): Uint8Array {
  return ids.pool.subarray(ids.starts[id]!, ids.starts[id]! + ids.lengths[id]!);
}
