const FOLD = new Uint8Array(256).map((_, b) => (b >= 0x41 && b <= 0x5a ? b + 32 : b));
const isLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
/** A short needle is searched natively by memchr on its first byte then a compare (Node's linear search, below 7 bytes). */
const NATIVE_LINEAR = 6;
const SAMPLE = 256 << 10;

/**
 * Where a needle is looked for in raw segment bytes: at its rarest byte, as bytes in that run
 * of the data are counted. Buffer.indexOf on a whole needle of 7 bytes or more uses
 * Boyer–Moore–Horspool, which crawls through text made mostly of one of the needle's bytes
 * (0.12 GB/s for "no such text" in data of x's); memchr on a byte that is rare runs at memory
 * speed, and each place it stops at is checked against the whole needle. Without case, a
 * letter is looked for as both its cases, so the run is never case-folded as a whole.
 */
export class AnchorSearch implements RawSearch {
  /** The anchor's position in the needle. */
  private readonly pos: number;
  /** Exact bytes searched natively (the needle's bytes from pos, no letter when folded). */
  private readonly exact: Buffer | null;
  /** Without case, a letter anchor: its lower and upper case bytes. */
  private readonly cases: [number, number] | null;

  constructor(private readonly needle: Buffer, private readonly folded: boolean, sample: Uint8Array) {
    const counts = new Uint32Array(256);
    const n = Math.min(sample.length, SAMPLE);
    for (let i = 0; i < n; i++) counts[sample[i]!]!++;
    const weight = (b: number) => (folded && isLetter(b) ? counts[b | 0x20]! + counts[b & ~0x20]! : counts[b]!);
    let pos = 0;
    for (let i = 1; i < needle.length; i++) if (weight(needle[i]!) < weight(needle[pos]!)) pos = i;
    this.pos = pos;
    if (folded && isLetter(needle[pos]!)) {
      this.exact = null;
      this.cases = [needle[pos]! | 0x20, needle[pos]! & ~0x20];
    } else {
      let end = pos + 1;
      while (end < needle.length && end - pos < NATIVE_LINEAR && !(folded && isLetter(needle[end]!))) end++;
      this.exact = Buffer.from(needle.subarray(pos, end));
      this.cases = null;
    }
  }

  /** Bytes of the needle (the length of what `find` found). */
  get length(): number {
    return this.needle.length;
  }

  /** Whether the whole needle is at `start` of `hay` (ASCII case folded when folded). */
  private at(hay: Uint8Array, start: number): boolean {
    const nd = this.needle;
    if (start < 0 || start + nd.length > hay.length) return false;
    if (this.folded) {
      for (let i = 0; i < nd.length; i++) if (FOLD[hay[start + i]!] !== nd[i]) return false;
    } else {
      for (let i = 0; i < nd.length; i++) if (hay[start + i] !== nd[i]) return false;
    }
    return true;
  }

  /** Whether the needle occurs anywhere in `hay` (no state kept: for one entry's data). */
  occursIn(hay: Buffer): boolean {
    const p = this.pos;
    const seek = (what: Buffer | number) => {
      for (let at = hay.indexOf(what, p); at >= 0; at = hay.indexOf(what, at + 1)) if (this.at(hay, at - p)) return true;
      return false;
    };
    return this.exact ? seek(this.exact) : seek(this.cases![0]) || seek(this.cases![1]);
  }

  private hay: Buffer | null = null;
  private a = -2;
  private b = -2;
  private start = 0;

  /** The first place ≥ `from` where the needle starts in `hay`, or -1. */
  find(hay: Buffer, from: number): number {
    const p = this.pos;
    if (this.exact) {
      for (let at = hay.indexOf(this.exact, from + p); at >= 0; at = hay.indexOf(this.exact, at + 1)) {
        if (this.at(hay, at - p)) return at - p;
      }
      return -1;
    }
    const [lo, up] = this.cases!;
    // Each case's next place is kept from call to call: a case absent from the rest of the
    // run is looked for once, not again after every row that matched.
    const start = from + p;
    if (hay !== this.hay || start < this.start) {
      this.hay = hay;
      this.a = this.b = -2;
    }
    this.start = start;
    let a = this.a === -1 || this.a >= start ? this.a : hay.indexOf(lo, start);
    let b = this.b === -1 || this.b >= start ? this.b : hay.indexOf(up, start);
    let found = -1;
    while (a >= 0 || b >= 0) {
      const at = b < 0 || (a >= 0 && a < b) ? a : b;
      if (at === a) a = hay.indexOf(lo, at + 1);
      else b = hay.indexOf(up, at + 1);
      if (this.at(hay, at - p)) {
        found = at - p;
        break;
      }
    }
    this.a = a;
    this.b = b;
    return found;
  }
}

/** Where something is looked for: `find` gives the first place ≥ `from`, and `length` the bytes found there. */
export interface RawSearch {
  find(hay: Buffer, from: number): number;
  readonly length: number;
}

/**
 * The first place where any of several needles starts (a regular expression's alternation:
 * a match holds one of its branches' literals). Each needle's next place is kept from call to
 * call, so a needle absent from the rest of the run is looked for once. Of needles starting
 * at the same place, the shortest is given: it is the one that may still end inside the data.
 */
export class AnyOfSearch implements RawSearch {
  length = 0;
  private hay: Buffer | null = null;
  private from = 0;
  /** Per needle: its next place (-1: none left in this run; -2: not looked for yet). */
  private readonly next: number[];

  constructor(private readonly needles: readonly AnchorSearch[]) {
    this.next = needles.map(() => -2);
  }

  find(hay: Buffer, from: number): number {
    if (hay !== this.hay || from < this.from) {
      this.hay = hay;
      this.next.fill(-2);
    }
    this.from = from;
    let best = -1;
    for (let i = 0; i < this.needles.length; i++) {
      let at = this.next[i]!;
      if (at === -2 || (at >= 0 && at < from)) this.next[i] = at = this.needles[i]!.find(hay, from);
      if (at < 0) continue;
      const len = this.needles[i]!.length;
      if (best < 0 || at < best || (at === best && len < this.length)) {
        best = at;
        this.length = len;
      }
    }
    return best;
  }
}
