import { open, opendir, stat } from 'node:fs/promises';
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
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const x = a[i];
      const y = b[j];
      if (y === undefined || (x !== undefined && x < y)) {
        counts.only_rehearsal++;
        await note(async () => ({ collection: pair.name, document_id: x!.slice(0, -SUFFIX.length), kind: 'only-rehearsal', rehearsal_bytes: await size(join(pair.rehearsal, x!)), live_bytes: null }));
        i++;
      } else if (x === undefined || y < x) {
        counts.only_live++;
        await note(async () => ({ collection: pair.name, document_id: y.slice(0, -SUFFIX.length), kind: 'only-live', rehearsal_bytes: null, live_bytes: await size(join(pair.live, y)) }));
        j++;
      } else {
        const [ra, rb] = [join(pair.rehearsal, x), join(pair.live, y)];
        const [sa, sb] = await Promise.all([size(ra), size(rb)]);
        if (sa === sb && (await sameBytes(ra, rb, sa))) counts.same++;
        else {
          counts.changed++;
          await note(async () => ({ collection: pair.name, document_id: x.slice(0, -SUFFIX.length), kind: 'changed', rehearsal_bytes: sa, live_bytes: sb }));
        }
        i++;
        j++;
      }
    }
  }
  const total = counts.changed + counts.only_rehearsal + counts.only_live;
  return { rehearsal, live: layout.dir, ...counts, differences, truncated: total > offset + differences.length };
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

async function sameBytes(a: string, b: string, length: number): Promise<boolean> {
  const [fa, fb] = await Promise.all([open(a, 'r'), open(b, 'r')]);
  try {
    const ba = Buffer.allocUnsafe(CHUNK);
    const bb = Buffer.allocUnsafe(CHUNK);
    for (let at = 0; at < length; at += CHUNK) {
      const n = Math.min(CHUNK, length - at);
      const [ra, rb] = await Promise.all([fa.read(ba, 0, n, at), fb.read(bb, 0, n, at)]);
      if (ra.bytesRead !== rb.bytesRead || ba.compare(bb, 0, rb.bytesRead, 0, ra.bytesRead) !== 0) return false;
    }
    return true;
  } finally {
    await Promise.all([fa.close(), fb.close()]);
  }
}
