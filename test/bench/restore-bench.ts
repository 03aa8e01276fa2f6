/**
 * Restore benchmark (not a test): `restore --until T` planned on a generated store — the
 * issue-12 shape, a collection's log of many entries over 20 k documents (1 GiB by default),
 * the store holding the log's final state, T in the middle of the log — in a fresh process
 * (time and peak RSS), beside the floor of the same round: reading the log and computing
 * zlib.crc32 over every byte. Also the history of one document: history.get from the session's
 * index once indexed (target < 1 s on 1 GiB), and by a whole-chain read (the CLI's way).
 * Run: npx tsx test/bench/restore-bench.ts [MiB=1024] [rounds=2]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nextState } from '../../core/history/next-state.js';
import { initBlake3, parseJson } from '../../core/json/index.js';
import { renderDocument } from '../../core/store/document-file.js';
import { newDocument } from '../../core/store/document-transition.js';
import { entryText } from '../../core/wal/log-entry.js';
import { locateLog } from '../../core/wal/log-location.js';
import { readLog } from '../../core/wal/read-log.js';
import { historyAt } from '../../core/inspector/use-cases/history.js';
import { openLocation } from '../../core/inspector/open-location.js';
import { sessionDocumentHistory } from '../../core/inspector/query/document-history.js';
import { Session } from '../../core/inspector/session.js';
import { generateStoreWal } from './generate-store-wal.js';
import { readAndCrcMs } from './read-crc-floor.js';

const mib = Number(process.argv[2] ?? 1024);
const rounds = Number(process.argv[3] ?? 2);
const wal = path.join(os.tmpdir(), `wal-inspector-restore-bench-${mib}m.wal`);
generateStoreWal(wal, mib << 20);
const bytes = fs.statSync(wal).size;

// The store: the log's final state, one file per document.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-inspector-restore-bench-'));
const coll = path.join(root, 'data', 'users');
fs.mkdirSync(path.join(coll, '.wal'), { recursive: true });
fs.linkSync(wal, path.join(coll, '.wal', 'transactions.wal'));
await initBlake3();
const finalState = new Map<string, string | null>();
let entries = 0;
let first = 0n, last = 0n;
for await (const r of readLog(await locateLog(coll))) {
  if (r.kind !== 'entry') continue;
  const t = entryText(r.entry);
  if (entries++ === 0) first = t.timestamp;
  last = t.timestamp;
  if (t.entryType !== 'Insert' && t.entryType !== 'Update' && t.entryType !== 'Delete') continue;
  const next = nextState(finalState.get(t.documentId) ?? null, t.entryType, t.data);
  if (next.ok) finalState.set(t.documentId, next.state);
}
for (const [id, text] of finalState) {
  if (text === null) continue;
  const v = parseJson(text);
  if (v.ok) fs.writeFileSync(path.join(coll, `${id}.json`), renderDocument(newDocument(id, v.value, '2025-11-19T09:19:46.275205324Z')));
}
const until = String(first + (last - first) / 2n);
console.log(`log: ${(bytes / 2 ** 20).toFixed(0)} MiB, ${entries} entries, ${finalState.size} documents; --until ${until} (the middle)`);


const child = path.join(import.meta.dirname, 'restore-child.ts');
const gbps = (ms: number) => (bytes / ms / 1e6).toFixed(2);
for (let round = 1; round <= rounds; round++) {
  const floor = Math.min(readAndCrcMs(wal), readAndCrcMs(wal));
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, coll, until], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; maxRssMiB: number; changes: number };
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(`round ${round} (load ${load}): floor read+crc32 ${floor.toFixed(0)} ms (${gbps(floor)} GB/s); restore --until plan ${out.ms.toFixed(0)} ms ` +
    `(${gbps(out.ms)} GB/s) = ${(floor / out.ms).toFixed(3)}x floor, ${out.changes} changes, peak RSS ${out.maxRssMiB} MiB`);
}
const doc = [...finalState.keys()][0]!;
const session = new Session({ id: 'bench', input: coll, located: await openLocation(coll), emit: () => {}, followPollMs: 60_000 });
const i0 = performance.now();
await session.indexer.whenDone();
const indexMs = performance.now() - i0;
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  const v = await sessionDocumentHistory(session, doc);
  console.log(`history.get of ${doc} after indexing (${indexMs.toFixed(0)} ms): ${(performance.now() - t0).toFixed(0)} ms, ${v.versions.length} versions${k === 0 ? ' (first call: transaction groups built)' : ''}`);
}
await session.close();
const h0 = performance.now();
const { history } = await historyAt(coll, { document: doc });
console.log(`history of ${doc} by a whole-chain read: ${(performance.now() - h0).toFixed(0)} ms, ${history.versions.length} versions`);
fs.rmSync(root, { recursive: true, force: true });
