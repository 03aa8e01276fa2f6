import { formatOffset } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';

interface RowLinkProps {
  readonly row?: number;
  readonly segment?: string;
  readonly offset?: number;
}

/** "row 41 (transactions.wal @ 0x0001f0)" that selects that row in the table. */
export function RowLink({ row, segment, offset }: RowLinkProps) {
  const revealRow = useAppStore((s) => s.revealRow);
  const where = segment !== undefined && offset !== undefined ? `${segment} @ ${formatOffset(offset)}` : null;
  if (row === undefined) return where ? <span className="mono muted">{where}</span> : null;
  return (
    <button type="button" className="link-button mono" onClick={() => revealRow(row)} title="Show this entry in the table">
      row {row}
      {where ? ` (${where})` : ''}
    </button>
  );
}
