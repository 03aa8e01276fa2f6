import * as path from 'node:path';
import type { CollectionWalConfig } from '../contract/contract-store.js';
import { collectionLocation, collectionWalConfig, storeTarget } from './use-cases/store-target.js';
import type { StoreCollection } from '../store/store-listing.js';
import type { LogLocation } from '../wal/log-location.js';
import * as fs from 'node:fs/promises';
import { fail } from './inspector-error.js';
import type { Located, LocatedSegment } from './open-location.js';

/** One collection's chain inside a store session: its own location and its run of the session's segments. */
export interface StorePart {
  readonly collection: StoreCollection;
  readonly location: LogLocation;
  readonly firstSegment: number;
  readonly segmentCount: number;
  readonly walConfig: CollectionWalConfig;
}

export interface LocatedStore {
  readonly root: string;
  readonly parts: readonly StorePart[];
  readonly skipped: readonly { readonly collection: string; readonly reason: string }[];
}

/**
 * A store root as one log: every picked collection's chain one after the other, in byte order
 * of the collection names, so file order is (collection, position) and a stable sort by time
 * gives the store's order. Segments are named `<collection>/<segment>`: names repeat across
 * collections, and the qualified name keeps a row's bytes, detail and hex lookups on its own file.
 */
export async function locateStore(root: string, names: readonly string[] | undefined): Promise<Located & { store: LocatedStore }> {
  const target = await storeTarget(root, names, 'read').catch((err: { code?: string; message?: string; context?: { collection?: string } }) => {
    if (err.code === 'NOT_FOUND') fail('NOT_FOUND', err.message ?? `${root}: no such collection`, { file: root, ...(err.context?.collection ? { collection: err.context.collection } : {}) });
    throw err;
  });
  if (!target) fail('INVALID_ARGUMENT', `${root} is not a store root (a directory holding data/): "collections" picks collections of a store`, { field: 'collections' });
  const parts: StorePart[] = [];
  const segments: LocatedSegment[] = [];
  const warnings: string[] = [];
  for (const c of target.collections) {
    const location = await collectionLocation(c);
    warnings.push(...location.warnings.map((w) => (w.startsWith(`${c.name}:`) ? w : `${c.name}: ${w}`)));
    parts.push({ collection: c, location, firstSegment: segments.length, segmentCount: location.segments.length, walConfig: await collectionWalConfig(c) });
    for (const seg of location.segments) {
      const st = await fs.stat(seg.path);
      segments.push({ name: `${c.name}/${seg.name}`, path: seg.path, compression: seg.compression, fileBytes: st.size });
    }
  }
  if (segments.length > 0xffff) fail('NOT_AVAILABLE', `${root}: ${segments.length} segments in all, more than a session can index (65,535): open fewer collections`, { file: root });
  const location: LogLocation = {
    input: target.root, kind: 'wal-dir', walDir: null, collectionDir: null,
    segments: segments.map((s) => ({ name: s.name, path: s.path, compression: s.compression })), warnings,
  };
  return { location, collection: null, segments, store: { root: path.resolve(root), parts, skipped: target.skipped } };
}
