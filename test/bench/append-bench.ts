/**
 * Append rates of the WAL writer per durability policy, each beside a baseline measured in the
 * same run: raw writes of the same encoded bytes to a file handle (and, for the fsync
 * policies, raw write + fsync per entry). Run: npx tsx test/bench/append-bench.ts [entries]
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import type { DurabilityPolicy } from '../../core/wal/config.js';
import type { LogEntry } from '../../core/wal/log-entry.js';
import { WalWriter } from '../../core/wal/writer/index.js';
import { randomEntry, seededRandom } from '../support/random-entries.js';

const count = Number(process.argv[2] ?? 5000);
const rand = seededRandom(3);
const entries: LogEntry[] = Array.from({ length: count }, (_, i) => randomEntry(rand, i));
const encoded = entries.map((e) => encodeBinaryEntry(e));
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'wal-append-bench-'));

async function raw(sync: boolean, n: number): Promise<number> {
  const fh = await fs.open(path.join(root, `raw-${sync}-${Math.random()}.wal`), 'a');
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await fh.write(encoded[i]!);
    if (sync) await fh.sync();
  }
  const ms = performance.now() - t0;
  await fh.close();
  return n / (ms / 1000);
}

async function writer(durability: DurabilityPolicy, n: number, concurrency: number): Promise<number> {
  const dir = await fs.mkdtemp(path.join(root, `${durability}-`));
  const w = await WalWriter.open(dir, { durability, maxFileSize: 64 << 20, maxRecordsPerFile: 1_000_000, compression: 'none' });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await w.append(entries[next++]!);
  }));
  const ms = performance.now() - t0;
  await w.close();
  return n / (ms / 1000);
}

const fmt = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`;
const rows: string[] = [];
const rawNone = await raw(false, count);
const rawSync = await raw(true, Math.min(count, 500));
rows.push(`baseline raw write:                 ${fmt(rawNone)}`);
rows.push(`baseline raw write + fsync:         ${fmt(rawSync)}`);
const none1 = await writer('none', count, 1);
rows.push(`none,  1 appender:                  ${fmt(none1)} = ${(none1 / rawNone).toFixed(2)}x raw write`);
const fsync1 = await writer('fsync', Math.min(count, 500), 1);
rows.push(`fsync, 1 appender:                  ${fmt(fsync1)} = ${(fsync1 / rawSync).toFixed(2)}x raw write+fsync`);
const group1 = await writer('group', Math.min(count, 500), 1);
rows.push(`group, 1 appender:                  ${fmt(group1)} = ${(group1 / rawSync).toFixed(2)}x raw write+fsync`);
const group64 = await writer('group', count, 64);
rows.push(`group, 64 concurrent appenders:     ${fmt(group64)} = ${(group64 / rawSync).toFixed(2)}x raw write+fsync`);
const fsync64 = await writer('fsync', Math.min(count, 500), 64);
rows.push(`fsync, 64 concurrent appenders:     ${fmt(fsync64)} = ${(fsync64 / rawSync).toFixed(2)}x raw write+fsync`);
console.log(`append rates, ${count} entries of ${Math.round(encoded.reduce((n, b) => n + b.length, 0) / count)} bytes avg (${os.tmpdir()})`);
console.log(rows.join('\n'));
await fs.rm(root, { recursive: true, force: true });
