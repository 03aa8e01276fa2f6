/**
 * store.compare on a 20 k-document collection against a rehearsal of it where 1 in 20 documents
 * differ (issue 14: the compare page took 4-17 s under load). Prints each run's milliseconds, the
 * median and range, and the load average. `npx tsx test/bench/compare-bench.ts [docs] [runs]`.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareAt } from '../../core/inspector/use-cases/compare.js';

const DOCS = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.argv[3] ?? 5);

function documentFile(id: string, v: number): string {
  const data = { id, name: `user ${id}`, email: `${id}@example.com`, tags: ['a', 'b', 'c'], v };
  return JSON.stringify({ id, version: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', hash: 'h'.repeat(64), signature: '', data }, null, 2);
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'compare-bench-'));
  try {
    const live = join(root, 'live');
    const rehearsal = join(root, 'rehearsal');
    await mkdir(join(live, '.wal'), { recursive: true });
    await writeFile(join(live, '.wal', 'transactions.wal'), Buffer.alloc(0));
    await mkdir(rehearsal);
    for (let i = 0; i < DOCS; i += 500) {
      await Promise.all(Array.from({ length: Math.min(500, DOCS - i) }, async (_, k) => {
        const id = `doc-${String(i + k).padStart(6, '0')}`;
        await writeFile(join(live, `${id}.json`), documentFile(id, 1));
        await writeFile(join(rehearsal, `${id}.json`), documentFile(id, (i + k) % 20 === 0 ? 2 : 1));
      }));
    }
    const ms: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const c = await compareAt(live, rehearsal, { offset: 0, limit: 50 });
      ms.push(performance.now() - t);
      if (c.changed !== Math.ceil(DOCS / 20) || c.same + c.changed !== DOCS) throw new Error(`wrong comparison: ${JSON.stringify({ ...c, differences: c.differences.length })}`);
    }
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(JSON.stringify({ docs: DOCS, runs: ms.map((x) => Math.round(x)), median_ms: Math.round(sorted[Math.floor(sorted.length / 2)]!), min_ms: Math.round(sorted[0]!), max_ms: Math.round(sorted.at(-1)!), loadavg: loadavg().map((x) => x.toFixed(2)), cpus: cpus().length }));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
