/**
 * Stable orders by numeric keys in linear time: an LSD radix sort on 11-bit digits of the
 * keys' two 32-bit halves, skipping digits every key shares (a time span or a size range needs
 * three or four passes, not six). Keys are non-negative integers below 2^53 (times, sizes,
 * counts); NaN stands for "no key" and sorts first ascending, last descending. Ties keep index
 * order in both directions. Any other key (negative, fractional) falls back to a comparison sort.
 */
const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
const TWO32 = 4294967296;
/** (word, shift) of each digit, least significant first: word 0 = low half, 1 = high half. */
const DIGITS: readonly [number, number][] = [[0, 0], [0, 11], [0, 22], [1, 0], [1, 11], [1, 22]];

/** The indices 0..n-1 (or those of `subset`, ascending) ordered by `keys[i]`. */
export function orderByKeys(keys: ArrayLike<number>, desc: boolean, subset?: ArrayLike<number>): Uint32Array {
  const n = subset ? subset.length : keys.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  let idx = new Uint32Array(n);
  const none: number[] = [];
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k]! : k;
    const key = keys[i]!;
    if (key !== key) {
      none.push(i);
      continue;
    }
    if (key < 0 || key > Number.MAX_SAFE_INTEGER || Math.floor(key) !== key) return compareOrder(keys, desc, subset);
    const h = Math.floor(key / TWO32);
    const l = key - h * TWO32;
    lo[m] = desc ? ~l >>> 0 : l;
    hi[m] = desc ? ~h >>> 0 : h;
    idx[m++] = i;
  }
  const counts = DIGITS.map(() => new Uint32Array(RADIX + 1));
  for (let k = 0; k < m; k++) {
    const l = lo[k]!;
    const h = hi[k]!;
    counts[0]![(l & MASK) + 1]!++;
    counts[1]![((l >>> 11) & MASK) + 1]!++;
    counts[2]![(l >>> 22) + 1]!++;
    counts[3]![(h & MASK) + 1]!++;
    counts[4]![((h >>> 11) & MASK) + 1]!++;
    counts[5]![(h >>> 22) + 1]!++;
  }
  let words = [lo.subarray(0, m), hi.subarray(0, m)];
  let idxs = idx.subarray(0, m);
  let spare = [new Uint32Array(m), new Uint32Array(m)];
  let spareIdx = new Uint32Array(m);
  for (let d = 0; d < DIGITS.length; d++) {
    const c = counts[d]!;
    let distinct = 0;
    for (let b = 1; b <= RADIX && distinct < 2; b++) if (c[b]! > 0) distinct++;
    if (distinct < 2) continue;
    for (let b = 1; b <= RADIX; b++) c[b]! += c[b - 1]!;
    const [w, shift] = DIGITS[d]!;
    const src = words[w]!;
    const other = words[1 - w]!;
    const dst = spare[w]!;
    const dstOther = spare[1 - w]!;
    for (let k = 0; k < m; k++) {
      const at = c[(src[k]! >>> shift) & MASK]!++;
      dst[at] = src[k]!;
      dstOther[at] = other[k]!;
      spareIdx[at] = idxs[k]!;
    }
    const oldWords = words;
    words = w === 0 ? [dst, dstOther] : [dstOther, dst];
    spare = oldWords;
    const oldIdx = idxs;
    idxs = spareIdx;
    spareIdx = oldIdx;
  }
  if (none.length === 0) return idxs.length === n ? idxs : idxs.slice();
  const out = new Uint32Array(n);
  if (desc) {
    out.set(idxs, 0);
    out.set(none, m);
  } else {
    out.set(none, 0);
    out.set(idxs, none.length);
  }
  return out;
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
