import { idText } from '../wal/fixed-bytes.js';

/**
 * A set of 32-byte transaction ids, each given a small index, in typed arrays: ~50 bytes an id
 * where a Map of strings took ~150, so that a 10 GiB log's millions of transactions fit.
 * Ids are the same when their text is (how the rest of verification compares them): a valid
 * UTF-8 id's text is its bytes without the trailing NULs, so those are keyed by the bytes; the
 * rare id that is not valid UTF-8 is keyed by its lossy text in a side map.
 */
export class TxIdTable {
  private keys = new Uint8Array(32 * 1024);
  private slots = new Int32Array(2048);
  private readonly lossy = new Map<string, number>();
  size = 0;

  /** The id's index, or -1. */
  find(id: Uint8Array): number {
    if (!isAscii(id)) return this.lossy.get(lossyKey(id)) ?? -1;
    const mask = this.slots.length - 1;
    for (let s = hash(id) & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s]!;
      if (at === 0) return -1;
      if (this.sameKey(at - 1, id)) return at - 1;
    }
  }

  /** The index of the id whose text (idText) is `text`, or -1. */
  findText(text: string): number {
    if (text.length > 32 || !/^[\x00-\x7f]*$/.test(text)) return this.lossy.get(text) ?? -1;
    const id = new Uint8Array(32);
    for (let i = 0; i < text.length; i++) id[i] = text.charCodeAt(i);
    return this.find(id);
  }

  /** The id's index, added when new. */
  add(id: Uint8Array): number {
    const found = this.find(id);
    return found >= 0 ? found : this.insert(id);
  }

  /** Adds an id known to be absent (find gave -1); its new index. */
  insert(id: Uint8Array): number {
    const index = this.size++;
    if ((index + 1) * 32 > this.keys.length) {
      const grown = new Uint8Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys.set(id.subarray(0, 32), index * 32);
    if (!isAscii(id)) this.lossy.set(lossyKey(id), index);
    else {
      if (this.size * 2 > this.slots.length) this.rehash();
      this.place(index);
    }
    return index;
  }

  /** The id's text (as idText gives it). */
  text(index: number): string {
    return idText(this.keys.subarray(index * 32, index * 32 + 32)).text;
  }

  private sameKey(index: number, id: Uint8Array): boolean {
    const k = this.keys;
    const o = index * 32;
    for (let i = 0; i < 32; i++) if (k[o + i] !== id[i]) return false;
    return true;
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    let s = hash(this.keys.subarray(index * 32, index * 32 + 32)) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = index + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let i = 0; i < this.size - 1; i++) if (isAscii(this.keys.subarray(i * 32, i * 32 + 32))) this.place(i);
  }
}

/** Grows a typed array to hold `n` items (doubling), keeping its contents. */
export function ensureLength<T extends Uint8Array | Uint32Array | Float64Array>(a: T, n: number, make: (length: number) => T): T {
  if (n <= a.length) return a;
  const grown = make(Math.max(n, a.length * 2));
  grown.set(a);
  return grown;
}

// Valid UTF-8 that is also ASCII is the common case and is cheap to tell; any other id goes to
// the lossy map (keyed by its text, exactly as the Map-based tracker keyed it).
function isAscii(id: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (id[i]! >= 0x80) return false;
  return true;
}

function lossyKey(id: Uint8Array): string {
  return idText(id).text;
}

function hash(id: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < 32; i++) h = Math.imul(h ^ id[i]!, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}
