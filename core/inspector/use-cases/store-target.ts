import * as path from 'node:path';
import type { SkippedCollection } from '../../contract/contract-store.js';
import { readCollectionMetadata } from '../../store/collection-metadata.js';
import { isStoreRoot, listStoreCollections, pickCollections, type StoreCollection } from '../../store/store-listing.js';
import { locateLog, type LogLocation } from '../../wal/log-location.js';
import { walConfigView } from '../views/store-view.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { isStoreRoot } from '../../store/store-listing.js';

/** A store root and the collections a store-wide command works on. */
export interface StoreTarget {
  /** The store root, absolute. */
  readonly root: string;
  readonly collections: readonly StoreCollection[];
  /** Collections of the store left out (a system collection on a write, unless named), with the reason. */
  readonly skipped: readonly SkippedCollection[];
}

/**
 * The store a path names, or null when it is not a store root (a collection, a `.wal/`, a
 * segment: the single-collection commands take it as before). `names` picks collections
 * (all when empty); a write leaves system collections out unless named.
 */
export async function storeTarget(input: string, names: readonly string[] | undefined, purpose: 'read' | 'write'): Promise<StoreTarget | null> {
  const root = path.resolve(input);
  if (!(await isStoreRoot(root))) return null;
  const { picked, skipped } = pickCollections(await listStoreCollections(root), names, purpose, input);
  return { root, collections: picked, skipped: skipped.map((s) => ({ collection: s.name, reason: s.reason })) };
}

/**
 * A collection's own chain. One without `.wal/` (its WAL disabled, or never written) is an empty
 * log, so that its documents are still compared and counted.
 */
export async function collectionLocation(c: StoreCollection): Promise<LogLocation> {
  if (c.hasWal) return locateLog(path.join(c.dir, '.wal'));
  return { input: c.dir, kind: 'wal-dir', walDir: null, collectionDir: c.dir, segments: [], warnings: [`${c.name}: no .wal/ directory: the collection has no log`] };
}

/** The collection's WAL configuration as the contract shows it. */
export async function collectionWalConfig(c: Pick<StoreCollection, 'dir'>) {
  return walConfigView(await readCollectionMetadata(c.dir));
}

/** Runs `run` for each collection in order (one at a time: each already uses both cores), keeping each answer beside its name. */
export async function eachCollection<T>(target: StoreTarget, run: (c: StoreCollection, location: LogLocation) => Promise<T>): Promise<{ collection: StoreCollection; value: T }[]> {
  const out: { collection: StoreCollection; value: T }[] = [];
  for (const c of target.collections) out.push({ collection: c, value: await run(c, await collectionLocation(c)) });
  return out;
}

/** Each collection's chain, in the target's (name) order. */
export async function eachLocation(target: StoreTarget): Promise<{ collection: string; location: LogLocation }[]> {
  const out: { collection: string; location: LogLocation }[] = [];
  for (const c of target.collections) out.push({ collection: c.name, location: await collectionLocation(c) });
  return out;
}
