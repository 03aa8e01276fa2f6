import { useMemo } from 'react';
import type { EntryDetail } from '../contract.js';
import { useAppStore } from '../store/app-store.js';
import { TextMatches } from './text-matches.js';
import { JsonTree } from './json-tree.js';
import { parseLossless } from '../lib/lossless-json.js';

/** The entry's data: a JSON tree, or the stored text and why it is not JSON. */
export function EntryData({ detail }: { readonly detail: EntryDetail }) {
  const parsed = useMemo(() => {
    if (detail.data === null || detail.data_error) return { ok: false as const };
    try {
      // Numbers keep their text: `1.50`, `1e+400` and 20-digit integers are shown as stored.
      return { ok: true as const, value: parseLossless(detail.data) as unknown };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  }, [detail.data, detail.data_error]);

  const text = useAppStore((s) => s.filter.text);
  const caseSensitive = useAppStore((s) => s.filter.text_case_sensitive ?? false);
  const regex = useAppStore((s) => s.filter.text_regex ?? false);
  if (detail.data === null) return <p className="muted">This entry carries no data.</p>;
  // The table's text search matched the stored text: show where.
  const matches = text ? <TextMatches stored={detail.data} query={{ text, caseSensitive, regex }} /> : null;
  if (parsed.ok) return <>{matches}<JsonTree value={parsed.value} {...(detail.data_pretty !== null ? { copyText: detail.data_pretty } : {})} /></>;
  return (
    <div>
      {matches}
      <p className="trouble-text">The data is not valid JSON: {detail.data_error ?? parsed.message}</p>
      <pre className="raw-text">{detail.data}</pre>
    </div>
  );
}
