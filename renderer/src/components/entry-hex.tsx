import { useMemo } from 'react';
import type { EntryDetail } from '../contract.js';
import { base64ToBytes } from '../lib/base64.js';
import { HexView, type HexHighlight, type HexMark } from './hex-view.js';

/** The byte holding a single-bit error's flipped bit, relative to the raw bytes shown, or null. */
function flippedByte(detail: EntryDetail): HexMark | null {
  const cause = (detail.impact ?? detail.row.impact)?.cause;
  if (cause?.kind !== 'single-bit' || cause.bit === undefined) return null;
  const index = detail.row.offset - detail.raw.offset + (cause.bit >> 3);
  if (index < 0 || index >= detail.raw.length) return null;
  return { index, label: `flipped bit: bit ${cause.bit % 8} of this byte${cause.field ? ` (${cause.field.replace(/-/g, ' ')})` : ''}` };
}

/**
 * Raw bytes of the entry (or of a damaged range and its neighbours) with field spans. The
 * `damage` span may overlap the fields decoded inside it (a CRC mismatch still decodes):
 * it is drawn as a trouble mark over the field colours rather than as one more field.
 */
export function EntryHex({ detail }: { readonly detail: EntryDetail }) {
  const bytes = useMemo(() => base64ToBytes(detail.raw.base64), [detail.raw.base64]);
  const { spans, highlight } = useMemo(() => {
    const damage = detail.spans.find((s) => s.field === 'damage');
    const highlight: HexHighlight | null = damage ? { start: damage.start, end: damage.end, label: damage.label } : null;
    return { spans: detail.spans.filter((s) => s !== damage), highlight };
  }, [detail.spans]);
  const mark = useMemo((): HexMark | null => flippedByte(detail), [detail]);
  return (
    <div>
      <HexView bytes={bytes} baseOffset={detail.raw.offset} spans={spans} highlight={highlight} mark={mark} />
      {detail.raw.truncated && (
        <p className="muted">Only the first {bytes.length} of {detail.row.length} bytes are shown.</p>
      )}
    </div>
  );
}
