function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

interface CrcStatusProps {
  readonly stored: number | null;
  readonly computed: number | null;
}

/** Stored against computed CRC-32: equal means the entry's bytes are as written. */
export function CrcStatus({ stored, computed }: CrcStatusProps) {
  if (stored === null || computed === null) {
    return <p className="muted crc-status">No CRC: JSON Lines entries carry none.</p>;
  }
  const match = stored === computed;
  return (
    <div className={`crc-status ${match ? 'crc-ok' : 'crc-bad'}`} data-testid="crc-status">
      <span>
        stored <code>{hex32(stored)}</code>
      </span>
      <span>
        computed <code>{hex32(computed)}</code>
      </span>
      <span className={`badge ${match ? 'ok' : 'trouble'}`}>
        {match ? 'match' : stored === 0 ? 'mismatch: no checksum was written (0x00000000)' : 'mismatch: these bytes are not the ones it was computed over'}
      </span>
    </div>
  );
}
