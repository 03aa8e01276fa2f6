/**
 * A second process appending to a WAL directory, for tests of what other processes see: our
 * WalWriter (`writer`: it holds the directory's lock) or a bare appender as Sentinel's writer
 * is (`raw`: open for appending, write, fsync; no lock). Each append is one Begin + Commit pair
 * whose document id is `seq-<n>`, fsynced before `ack <n>` is printed. It appends when told
 * (`append` on stdin) and, with an interval in ms, by itself too. Not a test file itself.
 *
 *   node --import tsx append-child.ts <walDir> writer|raw [everyMs]
 *   node --import tsx append-child.ts <segment> compress     (brotli into <segment>.br, to be killed)
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { compressFile } from '../../../../core/wal/compression/compress.js';
import { type LogEntry } from '../../../../core/wal/log-entry.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import { WalWriter } from '../../../../core/wal/writer/index.js';

const [walDir, mode, every] = process.argv.slice(2);
if (mode === 'compress') {
  process.stdout.write('ready\n');
  await compressFile(walDir!, walDir + '.br', 'brotli');
  process.exit(0);
}
if (!walDir || (mode !== 'writer' && mode !== 'raw')) throw new Error('usage: append-child.ts <walDir> writer|raw [everyMs]');

function pair(n: number): LogEntry[] {
  const transactionId = `child${String(n).padStart(27, '0')}`;
  const at = { transactionId, collection: 'users', documentId: `seq-${n}`, timestamp: BigInt(Date.now()) };
  return [createEntry({ ...at, entryType: 'Begin' }), createEntry({ ...at, entryType: 'Commit' })];
}

async function appender(): Promise<(entries: LogEntry[]) => Promise<void>> {
  if (mode === 'writer') {
    const w = await WalWriter.open(walDir!, { durability: 'fsync', compression: 'none', maxRecordsPerFile: null, maxFileSize: null });
    return (entries) => w.appendMany(entries);
  }
  const fh = await open(join(walDir!, 'transactions.wal'), 'a');
  return async (entries) => {
    await fh.write(Buffer.concat(entries.map((e) => encodeBinaryEntry(e))));
    await fh.sync();
  };
}

const append = await appender();
let n = 0;
let chain = Promise.resolve();
const once = (): void => {
  chain = chain.then(async () => {
    const seq = ++n;
    await append(pair(seq));
    process.stdout.write(`ack ${seq}\n`);
  });
};
process.stdout.write('ready\n');
if (every) setInterval(once, Number(every));
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'append') once();
});
