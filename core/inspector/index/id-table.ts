import { isUtf8 } from '../../wal/utf8.js';

const ARENA_CHUNK = 4 << 20;
const POS_SHIFT = 22;
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * The service's copy of the interned ids (collection and document ids share one table;
 * transaction ids are hashed, not interned — see index-layout.ts): their bytes end to end,
 * appended in id order as the worker announces them. Text is
 * decoded only for the rows shown; lookups by text scan the bytes (ids are few per row).
 */
export class IdTable {
  count = 0;
  private arenas: Uint8Array[] = [];
  private used = ARENA_CHUNK;
  private pos = new Uint32Array(1024);
  private lens = new Uint16Array(1024);
  /** 1 = valid UTF-8. */
  private valid = new Uint8Array(1024);
  private readonly cache = new Map<number, string>();
  private readonly lookups = new Map<string, Int32Array>();

  append(bytes: Uint8Array, lengths: Uint16Array): void {
    let at = 0;
    for (let k = 0; k < lengths.length; k++) {
      const len = lengths[k]!;
      if (this.arenas.length === 0 || this.used + len > ARENA_CHUNK) {
        this.arenas.push(new Uint8Array(ARENA_CHUNK));
        this.used = 0;
      }
      const a = this.arenas.length - 1;
      const src = bytes.subarray(at, at + len);
      this.arenas[a]!.set(src, this.used);
      const id = this.count++;
      if (id === this.pos.length) this.grow();
      this.pos[id] = (a << POS_SHIFT) | this.used;
      this.lens[id] = len;
      let ascii = true;
      for (let i = 0; i < len; i++) if (src[i]! >= 0x80) { ascii = false; break; }
      this.valid[id] = ascii || isUtf8(src) ? 1 : 0;
      this.used += len;
      at += len;
    }
    if (lengths.length > 0) this.lookups.clear();
  }

  private grow(): void {
    const n = this.pos.length * 2;
    const pos = new Uint32Array(n);
    pos.set(this.pos);
    const lens = new Uint16Array(n);
    lens.set(this.lens);
    const valid = new Uint8Array(n);
    valid.set(this.valid);
    this.pos = pos;
    this.lens = lens;
    this.valid = valid;
  }

  /** Every id's bytes end to end, with their lengths (to seed a worker's interner). */
  exportAll(): { bytes: Uint8Array; lengths: Uint16Array } {
    const lengths = this.lens.slice(0, this.count);
    let total = 0;
    for (const l of lengths) total += l;
    const bytes = new Uint8Array(total);
    let at = 0;
    for (let id = 0; id < this.count; id++) {
      bytes.set(this.bytes(id), at);
      at += lengths[id]!;
    }
    return { bytes, lengths };
  }

  bytes(id: number): Uint8Array {
    const p = this.pos[id]!;
    const start = p & ((1 << POS_SHIFT) - 1);
    return this.arenas[p >>> POS_SHIFT]!.subarray(start, start + this.lens[id]!);
  }

  isValidUtf8(id: number): boolean {
    return id < 0 || this.valid[id] === 1;
  }

  /** The id as text (invalid UTF-8 shown with U+FFFD); "" for no id. */
  text(id: number): string {
    if (id < 0) return '';
    let t = this.cache.get(id);
    if (t === undefined) {
      if (this.cache.size > 50_000) this.cache.clear();
      t = lossy.decode(this.bytes(id));
      this.cache.set(id, t);
    }
    return t;
  }

  /** Every id whose bytes are exactly this text's UTF-8 (usually one; none when absent). */
  find(text: string): Int32Array {
    return this.lookup(text, false);
  }

  /** Every id whose bytes start with this text's UTF-8. */
  findPrefix(prefix: string): Int32Array {
    return this.lookup(prefix, true);
  }

  private lookup(text: string, prefix: boolean): Int32Array {
    const key = (prefix ? '^' : '=') + text;
    const hit = this.lookups.get(key);
    if (hit) return hit;
    const want = encoder.encode(text);
    const found: number[] = [];
    for (let id = 0; id < this.count; id++) {
      const len = this.lens[id]!;
      if (prefix ? len < want.length : len !== want.length) continue;
      const b = this.bytes(id);
      let same = true;
      for (let i = 0; i < want.length; i++) if (b[i] !== want[i]) { same = false; break; }
      if (same) found.push(id);
    }
    const result = Int32Array.from(found);
    if (this.lookups.size > 64) this.lookups.clear();
    this.lookups.set(key, result);
    return result;
  }

  /** Byte-wise order (= code point order for valid UTF-8), then length. */
  compare(a: number, b: number): number {
    if (a === b) return 0;
    if (a < 0 || b < 0) return a < 0 ? (b < 0 ? 0 : -1) : 1;
    const x = this.bytes(a);
    const y = this.bytes(b);
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  }
}
