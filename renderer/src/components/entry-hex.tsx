import { useMemo } from 'react';
import type { EntryDetail } from '../contract.js';
import { base64ToBytes } from '../lib/base64.js';
import { HexView, type HexHighlight } from './hex-view.js';

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
  return (
    <div>
      <HexView bytes={bytes} baseOffset={detail.raw.offset} spans={spans} highlight={highlight} />
      {detail.raw.truncated && (
        <p className="muted">Only the first {bytes.length} of {detail.row.length} bytes are shown.</p>
      )}
    </div>
  );
}
