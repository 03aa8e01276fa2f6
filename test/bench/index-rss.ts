/** Child of index-bench: indexes one file once as the service does (both threads) and prints its peak RSS in MiB. */
import { Indexer } from '../../core/inspector/index/indexer.js';
// --- body --- (index-bench runs what follows, plain JavaScript, against the compiled Indexer)
import * as fs from 'node:fs';
const file = process.argv[2] ?? '';
const rows = await new Promise((resolve) => {
  const noop = () => undefined;
  const ix = new Indexer({ segments: [{ name: 'bench', path: file, compression: 'none' }], walDir: null }, 0, {
    progress: noop, followRows: noop, segment: noop, rotated: noop,
    done: () => { void ix.close().then(() => resolve(ix.store.rows)); },
  });
});
// VmHWM, not getrusage's maxrss: Linux carries maxrss over from the parent at fork.
const hwm = Number((/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8')) ?? [])[1]);
console.log(JSON.stringify({ rows, maxRssMiB: Math.round(hwm / 1024) }));
