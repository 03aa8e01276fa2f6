import type { SegmentInfo, SegmentStats } from '../contract.js';
import { formatBytes, formatCount } from '../lib/format.js';
import { formatStatsTime } from '../lib/stats-time.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';

interface SegmentListProps {
  /** stats.get's segments: entries, damage, first and last time per segment. */
  readonly segments: readonly SegmentStats[];
  /** The session's segments: format and which one is active (matched by index). */
  readonly info: readonly SegmentInfo[];
}

/** The chain's segments in replay order: compression, sizes, entries, damage and time span of each. */
export function SegmentList({ segments, info }: SegmentListProps) {
  const showSegment = async (segment: SegmentStats) => {
    const { session, filter, sort, selectIndex, revealRow, setView } = useAppStore.getState();
    if (!session) return;
    // The segment's first row: the entry at (or after) its offset 0, in the table's filter and sort.
    const found = await inspectorApi().rows.locate({ session_id: session.session_id, query: `${segment.index}:0`, filter, sort });
    if (!found.ok) {
      useAppStore.getState().pushError(`Showing ${segment.name}`, found.error);
      return;
    }
    setView('entries');
    if (found.value.index !== null) selectIndex(found.value.index, { scroll: 'center' });
    else revealRow(found.value.row);
  };
  return (
    <table className="plain-table segment-list" aria-label="Segments">
      <thead>
        <tr>
          <th>#</th>
          <th>Segment</th>
          <th>Format</th>
          <th>Compression</th>
          <th className="align-end">On disk</th>
          <th className="align-end">Decompressed</th>
          <th className="align-end">Entries</th>
          <th className="align-end">Damaged</th>
          <th>First entry</th>
          <th>Last entry</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {segments.map((s) => {
          const more = info[s.index];
          return (
            <tr key={s.index} data-segment={s.index}>
              <td className="align-end mono">{s.index}</td>
              <td className="mono" title={more?.path ?? s.name}>
                {s.name}
                {more?.active && <span className="muted small"> (active)</span>}
              </td>
              <td>{more?.format ?? '—'}</td>
              <td data-stat="compression">{s.compression}</td>
              <td className="align-end" data-stat="file_bytes" title={`${formatCount(s.file_bytes)} bytes`}>{formatBytes(s.file_bytes)}</td>
              <td className="align-end" data-stat="bytes" title={s.bytes === null ? 'not opened yet' : `${formatCount(s.bytes)} bytes`}>
                {s.bytes === null ? '—' : formatBytes(s.bytes)}
              </td>
              <td className="align-end" data-stat="entries">{formatCount(s.entries)}</td>
              <td className={`align-end${s.damaged > 0 ? ' trouble-text' : ''}`} data-stat="damaged" title={`${formatCount(s.damaged_bytes)} bytes`}>
                {formatCount(s.damaged)}
              </td>
              <td className="mono" data-stat="first_time">{formatStatsTime(s.first_time)}</td>
              <td className="mono" data-stat="last_time">{formatStatsTime(s.last_time)}</td>
              <td>
                <button type="button" className="link-button" onClick={() => void showSegment(s)} disabled={s.entries + s.damaged === 0}>
                  Show in table
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
