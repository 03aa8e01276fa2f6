import * as fs from 'node:fs/promises';
import type { LogStats } from '../../core/wal/log-stats.js';
import { locateLog } from '../../core/wal/log-location.js';
import { logStats } from '../../core/inspector/query/log-stats.js';
import { EXIT_OK, EXIT_PROBLEM, type CliCommand } from '../cli-io.js';
import { onePath, parseOptions } from '../parse-options.js';
import { TtyProgress, totalSize } from '../tty-progress.js';
import { escapeControls, escapeControlsInLines } from '../terminal-text.js';
import { parseFormatOption } from './dump.js';

function iso(ms: string | null): string {
  if (ms === null) return '-';
  const n = BigInt(ms);
  return n <= 8_640_000_000_000_000n ? new Date(Number(n)).toISOString() : `${ms} ms`;
}

// Names are escaped before they are padded, so the columns stay aligned.
function render(s: LogStats): string {
  const lines: string[] = [];
  lines.push(`entries: ${s.entries} (${s.entryBytes} bytes, ${s.dataBytes} bytes of data)`);
  lines.push(`time span: ${iso(s.firstTimestamp)} .. ${iso(s.lastTimestamp)}`);
  lines.push('', 'TYPE        COUNT        BYTES');
  for (const [type, v] of Object.entries(s.byType)) lines.push(`${type.padEnd(8)} ${String(v.count).padStart(9)} ${String(v.bytes).padStart(12)}`);
  lines.push('', 'COLLECTION                        COUNT');
  for (const [c, n] of Object.entries(s.byCollection).sort((a, b) => b[1] - a[1])) lines.push(`${escapeControls(c || '(empty)').padEnd(30)} ${String(n).padStart(8)}`);
  lines.push('', 'SEGMENT                            ENTRIES        BYTES  DAMAGED');
  for (const g of s.segments) lines.push(`${escapeControls(g.name).padEnd(32)} ${String(g.entries).padStart(9)} ${String(g.bytes).padStart(12)} ${String(g.damaged).padStart(8)}`);
  const t = s.transactions;
  lines.push('', `transactions with Begin: ${t.withBegin} (committed ${t.committed}, rolled back ${t.rolledBack}, never terminated ${t.unterminated}); standalone ids: ${t.standalone}`);
  const kinds = Object.entries(s.damage.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(`damage: ${s.damage.ranges} range(s), ${s.damage.bytes} bytes${kinds ? ` (${kinds})` : ''}`);
  if (s.invalidUtf8Ids) lines.push(`entries with ids that are not valid UTF-8: ${s.invalidUtf8Ids}`);
  return lines.join('\n') + '\n';
}

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats <path> [--json] [--input-format auto|binary|jsonl]',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { json: { type: 'boolean', default: false }, 'input-format': { type: 'string' } });
    const forced = parseFormatOption(values['input-format']);
    const location = await locateLog(onePath(positionals));
    for (const w of location.warnings) io.stderr.write(`warning: ${escapeControls(w)}\n`);
    const segments = await Promise.all(location.segments.map(async (seg) => ({
      ...seg, fileBytes: (await fs.stat(seg.path).catch(() => ({ size: 0 }))).size,
    })));
    const progress = new TtyProgress(io.stderr, location, await totalSize(location));
    // The index reports bytes over the whole chain: shown against the segment they fall in.
    const onProgress = (done: number) => {
      let before = 0;
      for (const [k, seg] of segments.entries()) {
        if (done < before + seg.fileBytes || k === segments.length - 1) {
          progress.onSegment(null, k, seg.fileBytes);
          progress.at(seg.name, done - before);
          return;
        }
        before += seg.fileBytes;
      }
    };
    const stats = await logStats(segments, { signal: io.signal, onProgress, ...(forced ? { format: forced } : {}) });
    progress.done();
    io.stdout.write(values.json ? JSON.stringify(stats, null, 2) + '\n' : escapeControlsInLines(render(stats)));
    return stats.damage.ranges > 0 ? EXIT_PROBLEM : EXIT_OK;
  },
};
