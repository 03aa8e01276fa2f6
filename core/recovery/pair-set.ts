/**
 * A set of (document id, transaction id) pairs kept as 64-bit hashes in one typed array, ~16
 * bytes a pair where a Set of joined strings took ~90: safe recovery remembers every pair it
 * applied, and a log of 17 M entries has about as many. Two different pairs share a hash with
 * probability ~n²/2⁶⁵ (10⁻⁵ for 17 M pairs); such a pair would be skipped as already applied.
 */
export class PairSet {
  private slots = new Uint32Array(2 * 4096);
  private size = 0;

  has(a: string, b: string): boolean {
    const [h1, h2] = hashPair(a, b);
    const mask = this.slots.length / 2 - 1;
    for (let s = h1 & mask; ; s = (s + 1) & mask) {
      const y = this.slots[2 * s + 1]!;
      if (y === 0) return false;
      if (this.slots[2 * s] === h1 && y === h2) return true;
    }
  }

  /** Adds the pair; false when it was there already. */
  add(a: string, b: string): boolean {
    const [h1, h2] = hashPair(a, b);
    if (!this.insert(h1, h2)) return false;
    if (++this.size * 2 > this.slots.length / 2) this.grow();
    return true;
  }

  get count(): number {
    return this.size;
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.slots.length / 2 - 1;
    for (let s = h1 & mask; ; s = (s + 1) & mask) {
      const a = this.slots[2 * s]!;
      const b = this.slots[2 * s + 1]!;
      if (b === 0) {
        this.slots[2 * s] = h1;
        this.slots[2 * s + 1] = h2;
        return true;
      }
      if (a === h1 && b === h2) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let s = 0; s < old.length; s += 2) if (old[s + 1] !== 0) this.insert(old[s]!, old[s + 1]!);
  }
}

function hashPair(a: string, b: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const s of [a, b]) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    // A separator, so that ("ab", "c") and ("a", "bc") differ.
    h1 = Math.imul(h1 ^ 0xffff, 0x01000193);
    h2 = Math.imul(h2 ^ 0xffff, 0x5bd1e995);
  }
  // h2 is never 0: a 0 marks an empty slot.
  return [(h1 ^ (h1 >>> 16)) >>> 0, ((h2 ^ (h2 >>> 13)) | 1) >>> 0];
}
