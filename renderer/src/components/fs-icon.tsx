/** A folder or file outline (no emoji font is needed). */
export function FsIcon({ kind }: { readonly kind: 'file' | 'directory' | 'other' | 'up' }) {
  if (kind === 'directory' || kind === 'up') {
    return (
      <svg className="fs-icon" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z" />
        {kind === 'up' && <path d="M8 12V7.5M6 9.5l2-2 2 2" />}
      </svg>
    );
  }
  return (
    <svg className="fs-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3" />
    </svg>
  );
}
