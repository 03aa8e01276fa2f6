/**
 * The second where thread: evaluates a where expression on the later rows of an index while
 * the caller evaluates the earlier ones (see where-split.ts). Kept between queries (started
 * once a process); each message is a HalfRequest with an id, the reply { id, bitmap } (rows
 * [from, to), 1 = match) or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import type { ByteSource } from '../../../wal/byte-source.js';
import { openSegment } from '../../../wal/read-log.js';
import { RowStore } from '../../index/row-store.js';
import { compileWhere } from './compile-where.js';
import { scanWhere } from './where-scan.js';
import type { HalfRequest } from './where-split.js';

async function run(req: HalfRequest): Promise<Uint8Array> {
  const store = new RowStore();
  for (const sab of req.chunks) store.addChunk(sab);
  store.ids.append(req.idBytes, req.idLengths);
  store.commit(req.to);
  const opened = new Map<number, ByteSource>();
  try {
    const src = {
      store, segmentName: (k: number) => req.segments[k]!.name,
      async source(k: number) {
        // Rows are in segment order: a segment left behind is not read again.
        for (const [i, s] of opened) if (i !== k) { s.close(); opened.delete(i); }
        let s = opened.get(k);
        if (!s) opened.set(k, (s = (await openSegment(req.segments[k]!)).source));
        return s;
      },
    };
    const m = { bitmap: new Uint8Array(req.to), scanned: req.from, matched: 0 };
    const stop = new Int32Array(req.stop);
    await scanWhere(src, compileWhere(req.where), m, req.to, null, async () => {
      if (Atomics.load(stop, 0) !== 0) throw new Error('the query was given up');
    });
    return m.bitmap.slice(req.from, req.to);
  } finally {
    for (const s of opened.values()) s.close();
  }
}

parentPort!.on('message', (req: HalfRequest & { id: number }) => {
  run(req).then(
    (bitmap) => parentPort!.postMessage({ id: req.id, bitmap }, [bitmap.buffer as ArrayBuffer]),
    (err: unknown) => parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
