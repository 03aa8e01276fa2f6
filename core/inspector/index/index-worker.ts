/**
 * The indexing worker thread: scans the chain into the shared row index (index-writer),
 * reporting progress, then — when asked — follows the active segment as it grows and
 * across rotations. Started by indexer.ts; never imported by the service itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { ByteWindow, FileByteSource } from '../../wal/byte-source.js';
import { detectFormat } from '../../wal/detect-format.js';
import type { WalFormatName } from '../../contract/contract-types.js';
import { toInspectorError } from '../inspector-error.js';
import { scanSegment } from './index-scan.js';
import { IndexWriter } from './index-writer.js';
import { indexChain } from './index-chain.js';
import type { ServiceMessage, WorkerInit, WorkerMessage, WorkerSegment } from './index-messages.js';

const port = parentPort!;
const init = workerData as WorkerInit;
const post = (m: WorkerMessage, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);
const writer = new IndexWriter(post, init.seed);

let following = false;
let pollMs = 250;
let followLoop: Promise<void> | null = null;
let bytesDone = init.seed?.bytesDone ?? 0;

/** The active (last, uncompressed) segment, how far it was read and which file (inode) that was. */
interface Active { index: number; seg: WorkerSegment; pos: number; format: WalFormatName | null; tailDamageRow: number; ino: number }
let active: Active | null = init.seed ? { ...init.seed.active } : null;

async function indexAll(): Promise<void> {
  const r = await indexChain(init, writer, post);
  bytesDone = r.bytesDone;
  active = r.active ? { ...r.active } : null;
  post({ t: 'done', rows: writer.rows, bytesDone, active, lastTime: writer.lastTime });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function findByInode(dir: string | null, ino: number): string | null {
  if (!dir) return null;
  for (const name of fs.readdirSync(dir)) {
    const st = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
    if (st && st.ino === ino) return name;
  }
  return null;
}

/** The active segment was renamed away (rotation): finish reading it under its new name. */
function rotate(a: Active): Active {
  const name = findByInode(init.walDir, a.ino);
  const oldPath = name && init.walDir ? path.join(init.walDir, name) : null;
  if (oldPath) {
    const source = FileByteSource.open(oldPath, name!);
    try {
      a.format ??= source.size() > 0 ? init.format ?? detectFormat(source) : null;
      if (a.format) {
        a.pos = scanSegment(writer, new ByteWindow(source), {
          segment: a.index, format: a.format, startAt: a.pos, holdIncompleteTail: false, tick: () => true, idsUtf8: init.idsUtf8 ?? false,
        });
      }
    } finally {
      source.close();
    }
  }
  bytesDone += a.pos;
  const next: WorkerSegment = { name: a.seg.name, path: a.seg.path, compression: 'none' };
  post({ t: 'rotated', index: a.index, name, path: oldPath, next });
  writer.flush(bytesDone);
  return { index: a.index + 1, seg: next, pos: 0, format: null, tailDamageRow: -1, ino: -1 };
}

/** One follow step: handle a rotation, then read what the active segment gained. */
function followStep(start: Active): Active {
  let a = start;
  const st = fs.statSync(a.seg.path, { throwIfNoEntry: false });
  if (a.ino >= 0 && (!st || st.ino !== a.ino)) a = rotate(a);
  if (!st) return a;
  let source: FileByteSource;
  try {
    source = FileByteSource.open(a.seg.path, a.seg.name);
  } catch {
    return a; // gone between stat and open: the next step sees the rotation
  }
  try {
    if (a.ino < 0) a.ino = source.inode();
    else if (source.inode() !== a.ino) return a;
    const size = source.size();
    if (a.tailDamageRow >= 0 && size >= a.pos) {
      // An incomplete entry reported as damage when the log was opened may be mid-write.
      a.pos = writer.lastRowOffset();
      writer.retract(a.tailDamageRow);
      a.tailDamageRow = -1;
    }
    if (size > a.pos) {
      a.format ??= init.format ?? detectFormat(source);
      a.pos = scanSegment(writer, new ByteWindow(source), {
        segment: a.index, format: a.format, startAt: a.pos, holdIncompleteTail: true, tick: () => true, idsUtf8: init.idsUtf8 ?? false,
      });
      writer.flush(bytesDone + a.pos);
    }
  } finally {
    source.close();
  }
  return a;
}

async function follow(): Promise<void> {
  while (following && active) {
    try {
      active = followStep(active);
    } catch (err) {
      post({ t: 'error', error: toInspectorError(err) });
    }
    await sleep(pollMs);
  }
}

port.on('message', (m: ServiceMessage) => {
  if (m.t === 'stop') process.exit(0);
  if (m.t === 'follow') {
    following = m.enabled;
    pollMs = m.pollMs;
    if (following && !followLoop && indexed) {
      followLoop = follow().finally(() => { followLoop = null; });
    }
  }
});

let indexed = false;
(init.seed ? Promise.resolve() : indexAll()).then(
  () => {
    indexed = true;
    if (following && !followLoop) followLoop = follow().finally(() => { followLoop = null; });
  },
  (err: unknown) => {
    writer.flush(bytesDone);
    post({ t: 'error', error: toInspectorError(err) });
    post({ t: 'done', rows: writer.rows, bytesDone, active: null, lastTime: writer.lastTime });
  },
);
