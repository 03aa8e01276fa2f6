/**
 * Opening and closing a large log again and again in one long-lived process (what serve and
 * the desktop app do all day): RSS after each close, in a child started with the allocator
 * settings serve and the app use (cli/allocator-env.ts) and in one started without them.
 *   npx tsx test/bench/close-cycles-bench.ts [entries=2000000] [cycles=4]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOCATOR_ENV } from '../../cli/allocator-env.js';
import { openLocation } from '../../core/inspector/open-location.js';
import { collectGarbage } from '../../core/inspector/collect-garbage.js';
import { Session } from '../../core/inspector/session.js';
import { generateTxLog } from './generate-tx-log.js';

const entries = Number(process.argv[2] ?? 2_000_000);
const cycles = Number(process.argv[3] ?? 4);
const dir = path.join(os.tmpdir(), 'wal-ui-bench');
const big = path.join(dir, `tx-${entries}.wal`);
const small = path.join(dir, 'tx-10000.wal');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMiB = async () => {
  collectGarbage();
  await sleep(300);
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};

async function child(): Promise<void> {
  const open = async (file: string, id: string) => {
    const s = new Session({ id, input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
    await s.indexer.whenDone();
    return s;
  };
  // In a function of its own, so that nothing here keeps the closed session (the service forgets it).
  const openAndClose = async (id: string) => {
    const t0 = performance.now();
    const s = await open(big, id);
    const took = Math.round(performance.now() - t0);
    await s.close();
    return took;
  };
  const other = await open(small, 'other');
  const before = await rssMiB();
  const after: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < cycles; i++) {
    ms.push(await openAndClose(`big-${i}`));
    await sleep(2000);
    after.push(await rssMiB());
  }
  await other.close();
  process.stdout.write(JSON.stringify({ before, after, ms }) + '\n');
}

if (process.env['CLOSE_CYCLES_CHILD'] === '1') {
  await child();
} else {
  fs.mkdirSync(dir, { recursive: true });
  generateTxLog(big, entries);
  generateTxLog(small, 10_000);
  const self = fileURLToPath(import.meta.url);
  const run = (extra: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in ALLOCATOR_ENV)));
    const r = spawnSync(process.execPath, [...process.execArgv, self, String(entries), String(cycles)], {
      env: { ...clean, ...extra, CLOSE_CYCLES_CHILD: '1' }, encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { before: number; after: number[]; ms: number[] };
  };
  console.log(`${entries.toLocaleString('en')} entries, ${cycles} open/close cycles; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const [label, env] of [['with the allocator settings', { ...ALLOCATOR_ENV }], ['without', {}]] as const) {
    const r = run(env);
    console.log(`${label}: RSS before ${r.before} MiB; after each close ${r.after.join(', ')} MiB (+${r.after.map((a) => a - r.before).join(', +')}); indexing ${r.ms.join(', ')} ms`);
  }
}
