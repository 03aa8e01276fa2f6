import { JSON_MEMBERS_WASM_BASE64 } from './json-members-wasm.js';

/**
 * The WebAssembly JSON member scanner (source: assembly/json-members.ts): checks that data bytes
 * are one JSON object of the subset it is sure of and gives each member's key and value span.
 * It only ever speeds up the common case: -1 (not sure) sends the caller to the full parse.
 */
interface Exports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  members(len: number): number;
  [constant: string]: unknown;
}

// The slice of the WebAssembly API used here, typed locally (as entry-scan.ts does).
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Larger data is left to the full parse rather than held in the scanner's memory. */
export const MAX_SCANNED_BYTES = 16 << 20;

export class JsonMembersKernel {
  /** The whole memory; member spans are offsets from `input`, which data is copied to. */
  bytes: Uint8Array;
  /** The same bytes as a Buffer (latin1 text of ASCII spans). */
  buffer: Buffer;
  u32: Uint32Array;
  readonly input: number;
  private readonly members: number;
  private readonly maxMembers: number;
  private readonly exports: Exports;

  private constructor(instance: { readonly exports: unknown }) {
    const ex = instance.exports as unknown as Exports;
    this.exports = ex;
    const at = (name: string) => (ex[name] as { readonly value: number }).value;
    this.input = at('INPUT');
    this.members = at('MEMBERS') / 4;
    this.maxMembers = at('MAX_MEMBERS');
    this.bytes = new Uint8Array(0);
    this.buffer = Buffer.alloc(0);
    this.u32 = new Uint32Array(0);
    this.views();
  }

  /** A scanner, or null where WebAssembly is unavailable (`node --jitless`) or switched off (WAL_INSPECTOR_NO_WASM=1). */
  static create(): JsonMembersKernel | null {
    if (wasm === undefined || process.env['WAL_INSPECTOR_NO_WASM'] === '1') return null;
    try {
      return new JsonMembersKernel(new wasm.Instance(new wasm.Module(Buffer.from(JSON_MEMBERS_WASM_BASE64, 'base64')), {}));
    } catch {
      return null;
    }
  }

  private views(): void {
    const buf = this.exports.memory.buffer;
    this.bytes = new Uint8Array(buf);
    this.buffer = Buffer.from(buf);
    this.u32 = new Uint32Array(buf);
  }

  /**
   * Copies `data` in and scans it: the number of members of the object it holds (their spans
   * by `span`), or -1 when the scanner is not sure (not an object, an escape, too large…).
   */
  scan(data: Uint8Array): number {
    if (data.length > MAX_SCANNED_BYTES) return -1;
    const need = this.input + data.length + 16;
    if (need > this.bytes.length) {
      this.exports.memory.grow(Math.ceil((need - this.bytes.length) / 65536));
      this.views();
    }
    this.bytes.set(data, this.input);
    const n = this.exports.members(data.length);
    return n <= this.maxMembers ? n : -1;
  }

  /** Member i's span: 0 key start, 1 key end (inside the quotes), 2 value start, 3 value end; offsets into the data. */
  span(i: number, part: 0 | 1 | 2 | 3): number {
    return this.u32[this.members + i * 4 + part]!;
  }
}
