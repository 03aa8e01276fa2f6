import { POW_TABLES } from '../crc32-chain.js';
import { crc32 } from '../crc32.js';
import { ENTRY_SCAN_WASM_BASE64 } from './entry-scan-wasm.js';

/**
 * The WebAssembly entry scanner (source: assembly/entry-scan.ts): decodes runs of binary
 * entries from a chunk of the file held in its memory and leaves their index fields in
 * columns. It only ever speeds up the common case: a run is accepted when its bytes pass one
 * CRC check (`scanRun`), and everything else is left to the TypeScript scanner.
 */
interface WasmGlobal {
  readonly value: number;
}

interface Exports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  scan(start: number, limit: number, stop: number, maxEntries: number, flags: number): number;
  runEnd: WasmGlobal;
  runCrc: WasmGlobal;
  [constant: string]: unknown;
}

// The slice of the WebAssembly API used here, typed locally: Node 20's @types/node does not
// declare the global, and the DOM lib (which does) is not part of the Node build.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | undefined;

function wasmModule(): object {
  if (!wasm) throw new Error('WebAssembly is not available');
  compiled ??= new wasm.Module(Buffer.from(ENTRY_SCAN_WASM_BASE64, 'base64'));
  return compiled;
}

/** Column starts as indexes into the typed views of the scanner's memory. */
export interface RunColumns {
  /** u32 view: the entry's position in the chunk. */
  readonly offset: number;
  readonly length: number;
  /** f64 view. */
  readonly timestamp: number;
  readonly txLo: number;
  readonly txHi: number;
  readonly docStart: number;
  readonly docLen: number;
  readonly docHash: number;
  readonly colStart: number;
  readonly colLen: number;
  /** The timestamp's low and high 32 bits (exact, unlike `timestamp` past 2^53). */
  readonly tsLo: number;
  readonly tsHi: number;
  /** Data bytes (0 without data). */
  readonly dataLen: number;
  /** u8 view. */
  readonly type: number;
  readonly hasData: number;
  readonly sameCollection: number;
  /** 1 when the transaction, collection and document ids are all valid UTF-8 (filled when asked: scanRun's idsUtf8). */
  readonly idsUtf8: number;
}

export class EntryScanKernel {
  /** The whole memory; the chunk starts at `input`. Positions in the columns index this view. */
  readonly bytes: Uint8Array;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;
  readonly input: number;
  /** Largest run in entries. */
  readonly maxRun: number;
  readonly columns: RunColumns;
  /** After a run: its end, relative to the chunk. */
  runEnd = 0;
  /** After a run: how many entries it decoded (also when it failed its check; their columns are filled). */
  runCount = 0;
  /** Entries in runs that passed their check, since construction (how much the fast path took). */
  accepted = 0;
  private readonly exports: Exports;
  private owner: object | null = null;
  private readonly scanIdsUtf8: number;

  constructor(readonly capacity: number) {
    const instance = new wasm!.Instance(wasmModule(), {});
    const ex = instance.exports as unknown as Exports;
    this.exports = ex;
    const at = (name: string) => (ex[name] as WasmGlobal).value;
    this.input = at('INPUT');
    this.maxRun = at('MAX_RUN');
    this.scanIdsUtf8 = at('SCAN_IDS_UTF8');
    ex.memory.grow(Math.ceil((this.input + capacity + 16) / 65536) - ex.memory.buffer.byteLength / 65536);
    // The memory never grows again, so these views stay valid.
    this.bytes = new Uint8Array(ex.memory.buffer);
    this.u32 = new Uint32Array(ex.memory.buffer);
    this.f64 = new Float64Array(ex.memory.buffer);
    const tables = at('TABLES');
    POW_TABLES.forEach((t, j) => this.u32.set(t, tables / 4 + j * 1024));
    this.columns = {
      offset: at('COL_OFFSET') / 4, length: at('COL_LENGTH') / 4, timestamp: at('COL_TIMESTAMP') / 8,
      txLo: at('COL_TX_LO') / 4, txHi: at('COL_TX_HI') / 4, docStart: at('COL_DOC_START') / 4,
      docLen: at('COL_DOC_LEN') / 4, docHash: at('COL_DOC_HASH') / 4, colStart: at('COL_COL_START') / 4,
      colLen: at('COL_COL_LEN') / 4, tsLo: at('COL_TS_LO') / 4, tsHi: at('COL_TS_HI') / 4, dataLen: at('COL_DATA_LEN') / 4,
      type: at('COL_TYPE'), hasData: at('COL_HAS_DATA'), sameCollection: at('COL_SAME_COL'), idsUtf8: at('COL_IDS_UTF8'),
    };
  }

  /**
   * Makes `owner` the user of the chunk; returns true when someone else was (the chunk's
   * bytes are then not the owner's any more). Scans in one thread share one scanner.
   */
  claim(owner: object): boolean {
    if (this.owner === owner) return false;
    this.owner = owner;
    return true;
  }

  /** Where to read file bytes: `capacity` bytes from here are the chunk. */
  get chunk(): Uint8Array {
    return this.bytes.subarray(this.input, this.input + this.capacity);
  }

  /**
   * Decodes the run of entries at chunk position `start` that end by `limit` and start
   * before `stop` (at most `maxEntries`), and checks them with one CRC call. `idsUtf8`: also
   * fill the `idsUtf8` column. Returns the number of entries when
   * the run passed (columns hold them, `runEnd` says where it ends); 0 when no entry decodes
   * here; -1 when the run failed its check (some entry up to `runEnd` is damaged).
   */
  scanRun(start: number, limit: number, stop: number, maxEntries = this.maxRun, idsUtf8 = false): number {
    const ex = this.exports;
    const k = ex.scan(this.input + start, this.input + limit, this.input + stop, maxEntries, idsUtf8 ? this.scanIdsUtf8 : 0);
    if (k === 0) return 0;
    const end = ex.runEnd.value;
    this.runEnd = end - this.input;
    this.runCount = k;
    if (crc32(this.bytes.subarray(this.input + start, end)) !== ex.runCrc.value >>> 0) return -1;
    this.accepted += k;
    return k;
  }
}

let kernel: EntryScanKernel | null | undefined;

/**
 * This thread's scanner (one chunk of 4 MiB), or null where WebAssembly is unavailable
 * (`node --jitless`) or switched off (WAL_INSPECTOR_NO_WASM=1): callers then read with the
 * TypeScript scanner alone, slower but the same records.
 */
export function entryScanKernel(): EntryScanKernel | null {
  if (kernel === undefined) {
    kernel = null;
    if (wasm !== undefined && process.env['WAL_INSPECTOR_NO_WASM'] !== '1') {
      try {
        kernel = new EntryScanKernel(4 << 20);
      } catch {
        kernel = null; // e.g. no memory for the chunk: the TypeScript scanner still works
      }
    }
  }
  return kernel;
}
