/**
 * Recovery benchmark (not a test): a generated store of 100k documents with a 100k-entry WAL;
 * times `planRecovery` and `applyRecovery` (safe mode, backups on) and their peak RSS, beside
 * baselines measured in the same run on the same files: reading the WAL (readLog), reading
 * every document file once (32 at a time), and writing as many files atomically without the
 * recovery logic. Run: npx tsx test/bench/recovery-bench.ts [documents] [entries]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { initBlake3, JsonNumber, JsonObject } from '../../core/json/index.js';
import { applyRecovery } from '../../core/recovery/apply-recovery.js';
import { planRecovery } from '../../core/recovery/plan-recovery.js';
import { forEachLimit } from '../../core/recovery/worker-pool.js';
import { writeFileAtomic } from '../../core/fs/atomic-file.js';
import { renderDocument } from '../../core/store/document-file.js';
import { newDocument } from '../../core/store/document-transition.js';
import { FsCollection } from '../../core/store/fs-collection.js';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { locateLog } from '../../core/wal/log-location.js';
import { readLog } from '../../core/wal/read-log.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const DOCS = Number(process.argv[2] ?? 100_000);
const ENTRIES = Number(process.argv[3] ?? 100_000);

function data(i: number, v: number): JsonObject {
  return new JsonObject([
    ['name', `user ${i}`], ['email', `user${i}@example.com`], ['age', new JsonNumber(String(20 + (i % 50)))],
    ['plan', v === 1 ? 'free' : 'pro'], ['score', new JsonNumber(`${v}.50`)], ['tags', ['a', 'b']],
  ]);
}

const compact = (i: number, v: number) =>
  `{"age":${20 + (i % 50)},"email":"user${i}@example.com","name":"user ${i}","plan":"${v === 1 ? 'free' : 'pro'}","score":${v}.50,"tags":["a","b"]}`;

/** Memory sampled every 20 ms: the peak RSS of a phase (after a full GC before it). */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  return { stop: () => (clearInterval(t), Math.max(peak, process.memoryUsage.rss())) };
}

async function timed<T>(what: string, f: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  gc();
  const startMiB = process.memoryUsage.rss() / 2 ** 20;
  const rss = rssSampler();
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  const peakMiB = rss.stop() / 2 ** 20;
  console.log(`${what.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s   RSS ${startMiB.toFixed(0).padStart(5)} → peak ${peakMiB.toFixed(0).padStart(5)} MiB`);
  return { value, ms, peakMiB };
}

await initBlake3();
const root = await mkdtemp(join(tmpdir(), 'wal-inspector-recovery-bench-'));
const coll = join(root, 'store', 'data', 'users');
try {
  await mkdir(join(coll, '.wal'), { recursive: true });
  console.log(`store: ${DOCS} documents, WAL: ${ENTRIES} entries (in ${root})`);
  await timed('generate store (not measured work)', async () => {
    await forEachLimit(Array.from({ length: DOCS }, (_, i) => i), 32, async (i) => {
      await writeFile(join(coll, `d${i}.json`), renderDocument(newDocument(`d${i}`, data(i, 1), '2025-11-19T09:19:46.275205324Z')));
    });
    // A mix: inserts of new documents, updates that change a document, updates already applied,
    // deletes, and inserts of documents that exist (skipped by safe recovery).
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const d = i % DOCS;
      const k = i % 8;
      const spec = k < 2 ? { entryType: 'Insert' as const, documentId: `n${i}`, data: compact(i, 1) }
        : k < 4 ? { entryType: 'Update' as const, documentId: `d${d}`, data: compact(d, 2) }
        : k < 6 ? { entryType: 'Update' as const, documentId: `d${d}`, data: compact(d, 1) }
        : k < 7 ? { entryType: 'Delete' as const, documentId: `d${d}`, data: null }
        : { entryType: 'Insert' as const, documentId: `d${d}`, data: compact(d, 1) };
      // One transaction id per entry, as Sentinel writes them (fixed text: cuid2 costs 300 µs an id).
      const transactionId = `bench${String(i).padStart(27, '0')}`;
      chunks.push(encodeBinaryEntry(createEntry({ ...spec, transactionId, collection: 'users', timestamp: 1_732_400_000_000n + BigInt(i) })));
    }
    await writeFile(join(coll, '.wal', 'transactions.wal'), Buffer.concat(chunks));
  });

  const location = await locateLog(coll);
  const read = await timed('baseline: readLog over the WAL', async () => {
    let n = 0;
    for await (const r of readLog(location)) if (r.kind === 'entry') n++;
    return n;
  });
  const ids = Array.from({ length: DOCS }, (_, i) => `d${i}`);
  const docRead = await timed('baseline: read every document once (32 ×)', () =>
    forEachLimit(ids, 32, async (id) => void (await readFile(join(coll, `${id}.json`)))));

  const store = await FsCollection.open(coll);
  const plan = await timed('planRecovery (safe)', () => planRecovery(() => readLog(location), store, { mode: 'safe' }));
  const p = plan.value;
  console.log(`  ${p.counts.recovered} recovered, ${p.counts.skipped} skipped, ${p.counts.failed} failed; ${p.changes.length} document changes`);
  {
    const force = await timed('planRecovery (force)', () => planRecovery(() => readLog(location), store, { mode: 'force' }));
    console.log(`  force: ${force.value.changes.length} document changes (plan released before apply)`);
  }

  const n = p.changes.length;
  const scratch = join(root, 'scratch');
  await mkdir(scratch);
  const bytes = new TextEncoder().encode(renderDocument(newDocument('x', data(1, 2), '2025-11-19T09:19:46.275205324Z')));
  const writeBase = await timed(`baseline: ${n} atomic writes (16 ×)`, () =>
    forEachLimit(Array.from({ length: n }, (_, i) => i), 16, (i) => writeFileAtomic(join(scratch, `f${i}.json`), bytes, { syncDir: false })));

  const apply = await timed('applyRecovery (safe, with backup)', () => applyRecovery(p, store));
  const again = await timed('planRecovery again (idempotence check)', () => planRecovery(() => readLog(location), store, { mode: 'safe' }));
  console.log(`  second plan: ${again.value.changes.length} changes (expected 0)`);

  console.log('\nratios to baselines measured in this run:');
  console.log(`  plan (safe) / (readLog + read every document) = ${(plan.ms / (read.ms + docRead.ms)).toFixed(2)}`);
  console.log(`  apply / atomic writes of as many files       = ${(apply.ms / writeBase.ms).toFixed(2)}  (apply also checks, backs up and moves)`);
  console.log(`  entries planned per second: ${Math.round(ENTRIES / (plan.ms / 1000))}; documents applied per second: ${Math.round(n / (apply.ms / 1000))}`);
  console.log(`  process peak RSS (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  await rm(root, { recursive: true, force: true });
}
