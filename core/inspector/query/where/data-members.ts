import { isWellFormed } from '../../../json/index.js';
import { JsonMembersKernel } from '../../../wal/wasm/json-members.js';
import { celNumber, type CelValue } from './cel-values.js';
import { celOfDataText } from './data-to-cel.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Below this the copy into the scanner costs more than the text path. */
const MIN_SCANNED = 64;

interface WantedKey {
  readonly key: string;
  readonly bytes: Buffer;
}

let kernel: JsonMembersKernel | null | undefined;
let checked: CheckedValue | undefined;
const wantedOf = new WeakMap<ReadonlySet<string>, readonly WantedKey[] | null>();

/**
 * The keys as UTF-8 bytes, compared with the data's key bytes: equal bytes are equal text, and
 * unequal bytes unequal text, unless decoding made a U+FFFD of invalid bytes or a key is not
 * well-formed text (then null: the text path decides).
 */
function wantedKeys(keys: ReadonlySet<string>): readonly WantedKey[] | null {
  let w = wantedOf.get(keys);
  if (w === undefined) {
    const ok = [...keys].every((k) => isWellFormed(k) && !k.includes('\ufffd'));
    w = ok ? [...keys].map((key) => ({ key, bytes: Buffer.from(key, 'utf8') })) : null;
    wantedOf.set(keys, w);
  }
  return w;
}

function keyIs(k: JsonMembersKernel, at: number, len: number, want: Buffer): boolean {
  if (want.length !== len) return false;
  const b = k.bytes;
  for (let i = 0; i < len; i++) if (b[at + i] !== want[i]) return false;
  return true;
}

/** Short ASCII text char by char: about twice as fast as Buffer's latin1 text for a few bytes (one-character strings are cached). */
function shortAscii(b: Uint8Array, start: number, end: number): string {
  let t = '';
  for (let i = start; i < end; i++) t += String.fromCharCode(b[i]!);
  return t;
}

/**
 * A member's value as CEL, from bytes the scanner checked (valid JSON of its subset: no
 * escapes, ASCII outside strings, at most 64 levels), so it is read without checks. Positions
 * are into the scanner's memory; `pos` moves past what was read.
 */
class CheckedValue {
  pos = 0;
  constructor(private readonly k: JsonMembersKernel) {}

  private ws(): number {
    const b = this.k.bytes;
    let c = b[this.pos]!;
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++this.pos]!;
    return c;
  }

  read(): CelValue {
    const b = this.k.bytes;
    const c = this.ws();
    if (c === 0x22) {
      const start = ++this.pos;
      let p = start;
      let high = 0;
      for (let d = b[p]!; d !== 0x22; d = b[++p]!) high |= d;
      this.pos = p + 1;
      // ASCII text is its bytes; other text decodes as the whole data's text does (bounds are ASCII quotes).
      if (high >= 0x80) return decoder.decode(b.subarray(start, p));
      return p - start <= 16 ? shortAscii(b, start, p) : this.k.buffer.toString('latin1', start, p);
    }
    if (c === 0x7b) {
      const out = new Map<string, CelValue>();
      this.pos++;
      if (this.ws() === 0x7d) { this.pos++; return out; }
      for (;;) {
        const key = this.read() as string;
        this.ws();
        this.pos++; // the colon
        out.set(key, this.read());
        if (this.ws() === 0x7d) { this.pos++; return out; }
        this.pos++; // the comma
      }
    }
    if (c === 0x5b) {
      const out: CelValue[] = [];
      this.pos++;
      if (this.ws() === 0x5d) { this.pos++; return out; }
      for (;;) {
        out.push(this.read());
        if (this.ws() === 0x5d) { this.pos++; return out; }
        this.pos++;
      }
    }
    if (c === 0x74) { this.pos += 4; return true; }
    if (c === 0x66) { this.pos += 5; return false; }
    if (c === 0x6e) { this.pos += 4; return null; }
    return this.number();
  }

  private number(): CelValue {
    const b = this.k.bytes;
    const start = this.pos;
    let p = start;
    const negative = b[p] === 0x2d;
    if (negative) p++;
    let n = 0;
    let d = b[p]!;
    for (; d >= 0x30 && d <= 0x39; d = b[++p]!) n = n * 10 + (d - 0x30);
    this.pos = p;
    // Up to 15 digits an integer is exact as a double (and -0 is the int 0, as serde_json reads it).
    if (d !== 0x2e && (d | 0x20) !== 0x65 && p - start - (negative ? 1 : 0) <= 15) return BigInt(negative ? -n : n);
    while (d === 0x2e || d === 0x2b || d === 0x2d || (d | 0x20) === 0x65 || (d >= 0x30 && d <= 0x39)) d = b[++p]!;
    this.pos = p;
    return celNumber(this.k.buffer.toString('latin1', start, p));
  }
}

/**
 * An entry's data bytes as CEL values, as celOfDataText(decoded text, keys) gives them: with
 * `keys` (the top-level keys an expression reads), the WebAssembly scanner checks the whole
 * object and only the values of those keys are decoded and converted; anything it is not sure
 * of, and data read wholly, takes the text path. The bytes are borrowed: only read here.
 */
export function celOfDataBytes(data: Uint8Array, keys: ReadonlySet<string> | null): CelValue {
  if (keys !== null && data.length >= MIN_SCANNED) {
    const k = kernel === undefined ? (kernel = JsonMembersKernel.create()) : kernel;
    const want = k && wantedKeys(keys);
    const n = want ? k.scan(data) : -1;
    if (n >= 0) {
      const value = (checked ??= new CheckedValue(k!));
      const out = new Map<string, CelValue>();
      for (let i = 0; i < n; i++) {
        const ks = k!.span(i, 0);
        const len = k!.span(i, 1) - ks;
        // Map.set keeps a duplicate key where it first came with the last value, as the whole parse does.
        for (const w of want!) {
          if (!keyIs(k!, k!.input + ks, len, w.bytes)) continue;
          value.pos = k!.input + k!.span(i, 2);
          out.set(w.key, value.read());
        }
      }
      return out;
    }
  }
  return celOfDataText(decoder.decode(data), keys);
}
