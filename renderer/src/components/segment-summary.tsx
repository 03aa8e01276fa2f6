import type { SegmentInfo } from '../contract.js';
import { formatBytes } from '../lib/format.js';

/** "3 segments (2 compressed: zstd, gz)" with every segment listed on hover. */
export function SegmentSummary({ segments }: { readonly segments: readonly SegmentInfo[] }) {
  const compressed = segments.filter((s) => s.compression !== 'none');
  const kinds = [...new Set(compressed.map((s) => s.compression))];
  const formats = [...new Set(segments.map((s) => s.format).filter(Boolean))];
  const title = segments
    .map((s) => `${s.index}: ${s.name} — ${formatBytes(s.file_bytes)}${s.compression !== 'none' ? ` (${s.compression})` : ''}${s.active ? ' [active]' : ''}`)
    .join('\n');
  return (
    <span className="segment-summary" title={title}>
      {formats.length > 0 ? formats.join(' + ') : 'format pending'} · {segments.length} segment{segments.length === 1 ? '' : 's'}
      {compressed.length > 0 && ` (${compressed.length} compressed: ${kinds.join(', ')})`}
    </span>
  );
}
