/**
 * Stable orders by numeric keys in linear time. Keys are non-negative integers below 2^53
 * (times, sizes, counts, ranks); NaN stands for "no key" and sorts first ascending, last
 * descending. Ties keep index order in both directions. Keys are taken relative to the
 * smallest: a range of up to 2^20 is one counting pass; a wider one an LSD radix sort on
 * 11-bit digits of the offset's two 32-bit halves, only as many digits as the range needs (a
 * log's time span in ms: three). Any other key (negative, fractional) falls back to a
 * comparison sort.
 */
const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
const TWO32 = 4294967296;
const COUNTING_RANGE = 1 << 20;

/** The indices 0..n-1 (or those of `subset`, ascending) ordered by `keys[i]`. */
export function orderByKeys(keys: ArrayLike<number>, desc: boolean, subset?: ArrayLike<number>): Uint32Array {
  const n = subset ? subset.length : keys.length;
  let min = Infinity;
  let max = -Infinity;
  let none = 0;
  for (let k = 0; k < n; k++) {
    const key = keys[subset ? subset[k]! : k]!;
    if (key !== key) {
      none++;
      continue;
    }
    if (key < min) min = key;
    if (key > max) max = key;
  }
  const m = n - none;
  if (m > 0 && (min < 0 || max > Number.MAX_SAFE_INTEGER)) return compareOrder(keys, desc, subset);
  const out = new Uint32Array(n);
  // Rows without a key go first ascending, last descending; keyed rows fill [from, from + m).
  const from = desc ? 0 : none;
  let at = desc ? m : 0;
  if (none > 0) for (let k = 0; k < n; k++) {
    const i = subset ? subset[k]! : k;
    if (keys[i] !== keys[i]) out[at++] = i;
  }
  if (m === 0) return out;
  const range = max - min;
  if (range < COUNTING_RANGE) {
    if (!countingPass(keys, desc, subset, min, range, out, from)) return compareOrder(keys, desc, subset);
    return out;
  }
  const sorted = radix(keys, desc, subset, min, max, m);
  if (!sorted) return compareOrder(keys, desc, subset);
  out.set(sorted, from);
  return out;
}

/** One stable counting pass over keys min..min+range; false when a key is not an integer. */
function countingPass(keys: ArrayLike<number>, desc: boolean, subset: ArrayLike<number> | undefined, min: number, range: number, out: Uint32Array, from: number): boolean {
  const n = subset ? subset.length : keys.length;
  const counts = new Uint32Array(range + 2);
  for (let k = 0; k < n; k++) {
    const key = keys[subset ? subset[k]! : k]!;
    if (key !== key) continue;
    const d = key - min;
    if ((d | 0) !== d) return false;
    counts[(desc ? range - d : d) + 1]!++;
  }
  counts[0] = from;
  for (let b = 1; b <= range + 1; b++) counts[b]! += counts[b - 1]!;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k]! : k;
    const key = keys[i]!;
    if (key !== key) continue;
    const d = key - min;
    out[counts[desc ? range - d : d]!++] = i;
  }
  return true;
}

/** LSD radix over the offsets key - min (complemented descending); null when a key is not an integer. */
function radix(keys: ArrayLike<number>, desc: boolean, subset: ArrayLike<number> | undefined, min: number, max: number, m: number): Uint32Array | null {
  const n = subset ? subset.length : keys.length;
  const range = max - min;
  const wide = range >= TWO32;
  const topHi = Math.floor(range / TWO32);
  let lo = new Uint32Array(m);
  let hi = wide ? new Uint32Array(m) : null;
  let idx = new Uint32Array(m);
  let j = 0;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k]! : k;
    const key = keys[i]!;
    if (key !== key) continue;
    const d = key - min;
    if (Math.floor(d) !== d) return null;
    if (wide) {
      const h = Math.floor(d / TWO32);
      const l = d - h * TWO32;
      lo[j] = desc ? ~l >>> 0 : l;
      hi![j] = desc ? topHi - h : h;
    } else {
      lo[j] = desc ? range - d : d;
    }
    idx[j++] = i;
  }
  const loBits = wide ? 32 : Math.ceil(Math.log2(range + 1));
  const hiBits = wide ? Math.ceil(Math.log2(topHi + 1)) : 0;
  let spareLo = new Uint32Array(m);
  let spareHi = wide ? new Uint32Array(m) : null;
  let spareIdx = new Uint32Array(m);
  const counts = new Uint32Array(RADIX + 1);
  const passes: [0 | 1, number][] = [];
  for (let shift = 0; shift < loBits; shift += BITS) passes.push([0, shift]);
  for (let shift = 0; shift < hiBits; shift += BITS) passes.push([1, shift]);
  for (const [word, shift] of passes) {
    scatter(word === 0 ? lo : hi!, word === 0 ? hi : lo, idx, word === 0 ? spareLo : spareHi!, word === 0 ? spareHi : spareLo, spareIdx, shift, counts);
    [lo, spareLo] = [spareLo, lo];
    if (hi) [hi, spareHi] = [spareHi!, hi];
    [idx, spareIdx] = [spareIdx, idx];
  }
  return idx;
}

/** One stable pass by the digit of `key` at `shift`, carrying the other word (if any) and the indices along. */
function scatter(key: Uint32Array, other: Uint32Array | null, idx: Uint32Array, toKey: Uint32Array, toOther: Uint32Array | null, toIdx: Uint32Array, shift: number, counts: Uint32Array): void {
  const m = key.length;
  counts.fill(0);
  for (let k = 0; k < m; k++) counts[((key[k]! >>> shift) & MASK) + 1]!++;
  for (let b = 1; b <= RADIX; b++) counts[b]! += counts[b - 1]!;
  if (other && toOther) {
    for (let k = 0; k < m; k++) {
      const v = key[k]!;
      const to = counts[(v >>> shift) & MASK]!++;
      toKey[to] = v;
      toOther[to] = other[k]!;
      toIdx[to] = idx[k]!;
    }
    return;
  }
  for (let k = 0; k < m; k++) {
    const v = key[k]!;
    const to = counts[(v >>> shift) & MASK]!++;
    toKey[to] = v;
    toIdx[to] = idx[k]!;
  }
}

function compareOrder(keys: ArrayLike<number>, desc: boolean, subset?: ArrayLike<number>): Uint32Array {
  const n = subset ? subset.length : keys.length;
  const perm = new Uint32Array(n);
  for (let k = 0; k < n; k++) perm[k] = subset ? subset[k]! : k;
  const key = (i: number) => (Number.isNaN(keys[i]!) ? -Infinity : keys[i]!);
  if (desc) perm.sort((a, b) => key(b) - key(a) || a - b);
  else perm.sort((a, b) => key(a) - key(b) || a - b);
  return perm;
}
