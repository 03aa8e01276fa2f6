import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RestoreError } from './restore-error.js';
import { resolveStore } from './store-layout.js';

export type StoreDifferenceKind = 'changed' | 'only-rehearsal' | 'only-live';

export interface StoreDifference {
  readonly collection: string;
  readonly document_id: string;
  readonly kind: StoreDifferenceKind;
  /** Sizes of the document file in each directory, null where it is absent. */
  readonly rehearsal_bytes: number | null;
  readonly live_bytes: number | null;
}

export interface StoreComparison {
  readonly rehearsal: string;
  readonly live: string;
  readonly same: number;
  readonly changed: number;
  readonly only_rehearsal: number;
  readonly only_live: number;
  /** `limit` differences from the `offset`-th, in collection then document order; the counts cover all. */
  readonly differences: readonly StoreDifference[];
  /** Differences after this page. */
  readonly truncated: boolean;
}

const CHUNK = 64 * 1024;
const SUFFIX = '.json';
/** How long the in-line file comparisons run before the event loop gets its turn. */
const SLICE_MS = 10;

/**
 * What differs between a rehearsal (`restore --into`) and the live store, document file by
 * document file. The live store's layout decides the pairs: a collection directory against the
 * rehearsal directory itself, a store root's data/<collection> against the rehearsal's. Only
 * names are held (sorted, merged); bytes are compared by size, then in 64 KiB chunks, so memory
 * stays bounded whatever the documents weigh. Nothing is written.
 */
export async function compareStores(rehearsal: string, live: string, limit = 1000, offset = 0): Promise<StoreComparison> {
  const layout = await resolveStore(live);
  const counts = { same: 0, changed: 0, only_rehearsal: 0, only_live: 0 };
  const differences: StoreDifference[] = [];
  let seen = 0;
  // Only the page's differences are kept (and their sizes read); the others are counted.
  const note = (d: () => Promise<StoreDifference>) => (seen++ >= offset && differences.length < limit ? d().then((x) => void differences.push(x)) : Promise.resolve());
  const rehearsalNames = layout.kind === 'store' ? await collectionNames(join(rehearsal, 'data')) : null;
  const pairs = layout.kind === 'collection'
    ? [{ name: layout.all[0]!.name, rehearsal, live: layout.all[0]!.dir }]
    : [...new Set([...layout.all.map((c) => c.name), ...rehearsalNames!])].sort().map((name) => ({
      name, rehearsal: join(rehearsal, 'data', name), live: join(layout.dir, 'data', name),
    }));
  for (const pair of pairs) {
    const [a, b] = await Promise.all([documentNames(pair.rehearsal), documentNames(pair.live)]);
    const matched = mergeNames(a, b);
    // The files both sides hold are read synchronously in slices of SLICE_MS, then the event loop
    // runs: through the thread pool each open, fstat, read and close was a round trip, and 20 k
    // documents took 2.5 s where the same syscalls made in line take 0.3 s (test/bench/compare-bench.ts).
    const sizes = new Float64Array(matched.both.length * 2);
    const same = new Uint8Array(matched.both.length);
    let sliceStart = performance.now();
    for (let k = 0; k < matched.both.length; k++) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      const name = matched.both[k]!;
      const r = compareFiles(join(pair.rehearsal, name), join(pair.live, name));
      sizes[2 * k] = r.a;
      sizes[2 * k + 1] = r.b;
      same[k] = r.same ? 1 : 0;
    }
    let k = 0;
    for (const m of matched.order) {
      if (m.kind === 'only-rehearsal') {
        counts.only_rehearsal++;
        await note(async () => ({ collection: pair.name, document_id: m.name.slice(0, -SUFFIX.length), kind: 'only-rehearsal', rehearsal_bytes: await size(join(pair.rehearsal, m.name)), live_bytes: null }));
      } else if (m.kind === 'only-live') {
        counts.only_live++;
        await note(async () => ({ collection: pair.name, document_id: m.name.slice(0, -SUFFIX.length), kind: 'only-live', rehearsal_bytes: null, live_bytes: await size(join(pair.live, m.name)) }));
      } else {
        const [sa, sb, eq] = [sizes[2 * k]!, sizes[2 * k + 1]!, same[k] === 1];
        k++;
        if (eq) counts.same++;
        else {
          counts.changed++;
          await note(async () => ({ collection: pair.name, document_id: m.name.slice(0, -SUFFIX.length), kind: 'changed', rehearsal_bytes: sa, live_bytes: sb }));
        }
      }
    }
  }
  const total = counts.changed + counts.only_rehearsal + counts.only_live;
  return { rehearsal, live: layout.dir, ...counts, differences, truncated: total > offset + differences.length };
}

/** Two sorted name lists merged: every name in order with its side, and the names both hold. */
function mergeNames(a: readonly string[], b: readonly string[]): { order: { name: string; kind: StoreDifferenceKind }[]; both: string[] } {
  const order: { name: string; kind: StoreDifferenceKind }[] = [];
  const both: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) {
      order.push({ name: x!, kind: 'only-rehearsal' });
      i++;
    } else if (x === undefined || y < x) {
      order.push({ name: y, kind: 'only-live' });
      j++;
    } else {
      order.push({ name: x, kind: 'changed' });
      both.push(x);
      i++;
      j++;
    }
  }
  return { order, both };
}

async function collectionNames(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of await openDir(dir)) if (e.isDirectory()) out.push(e.name);
  return out;
}

/** The `<id>.json` file names of a collection directory, sorted (a missing directory has none). */
async function documentNames(dir: string): Promise<string[]> {
  const out: string[] = [];
  let handle;
  try {
    handle = await opendir(dir);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw new RestoreError('NOT_A_STORE', `${dir} cannot be listed`, { file: dir, cause });
  }
  for await (const e of handle) if (e.isFile() && e.name.endsWith(SUFFIX)) out.push(e.name);
  return out.sort();
}

async function openDir(dir: string) {
  try {
    return await opendir(dir);
  } catch (cause) {
    throw new RestoreError('NOT_A_STORE', `${dir} is not a directory that can be listed`, { file: dir, cause });
  }
}

async function size(file: string): Promise<number> {
  return (await stat(file)).size;
}

/** Both files' sizes and whether their bytes are equal: sizes from the open descriptors, bytes only when the sizes agree. */
function compareFiles(a: string, b: string): { a: number; b: number; same: boolean } {
  const fa = openFile(a);
  try {
    const fb = openFile(b);
    try {
      const [sa, sb] = [fstatSync(fa).size, fstatSync(fb).size];
      return { a: sa, b: sb, same: sa === sb && sameBytes(fa, fb, sa) };
    } finally {
      closeSync(fb);
    }
  } finally {
    closeSync(fa);
  }
}

function openFile(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (cause) {
    throw new RestoreError('STORE_CHANGED', `${file} cannot be read while it is compared (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, { file, cause });
  }
}

let bufA = Buffer.allocUnsafe(0);
let bufB = Buffer.allocUnsafe(0);

function sameBytes(fa: number, fb: number, length: number): boolean {
  const n = Math.min(CHUNK, length);
  if (bufA.length < n) [bufA, bufB] = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  for (let at = 0; at < length; at += CHUNK) {
    const want = Math.min(CHUNK, length - at);
    const ra = readSync(fa, bufA, 0, want, at);
    const rb = readSync(fb, bufB, 0, want, at);
    if (ra !== rb || bufA.compare(bufB, 0, rb, 0, ra) !== 0) return false;
  }
  return true;
}
