import { join } from 'node:path';
import { diffStates, pathText } from '../history/json-path-diff.js';
import { toPrettyText, type JsonValue } from '../json/index.js';
import { parseDocumentFile } from '../store/document-file.js';
import { readOrNull } from './operation-state.js';
import type { DocumentDifference, StoreComparison } from '../contract/contract-rehearsal.js';
import { compareStores, type StoreDifference } from './compare-stores.js';
import { resolveStore } from './store-layout.js';

/** Documents whose data is shown whole; larger ones get sizes and a note (a page stays small). */
const TEXT_LIMIT = 256 * 1024;
const PATHS_SHOWN = 100;

type Side = { data: JsonValue | null; text: string | null; note?: string };

async function side(file: string | null, id: string, bytes: number | null): Promise<Side> {
  if (file === null || bytes === null) return { data: null, text: null };
  if (bytes > TEXT_LIMIT) return { data: null, text: null, note: `${file} is ${bytes} bytes: compared by bytes, not shown` };
  const raw = await readOrNull(file);
  if (raw === null) return { data: null, text: null, note: `${file} went away while it was compared` };
  const parsed = parseDocumentFile(raw, id);
  if (!parsed.ok) return { data: null, text: null, note: `${file} is not a document file: ${parsed.message}` };
  return { data: parsed.document.data, text: toPrettyText(parsed.document.data) };
}

/**
 * A page of what differs between the live store `left` and a rehearsal `right` (what promoting
 * the rehearsal would change), each document with its data on both sides and the JSON paths
 * that differ. The counts cover every document; only the page's files are read whole.
 */
export async function compareStorePage(left: string, right: string, offset = 0, limit = 50): Promise<StoreComparison> {
  const c = await compareStores(right, left, limit, offset);
  const layout = await resolveStore(left);
  const dirs = (d: StoreDifference) => (layout.kind === 'collection'
    ? { live: layout.dir, rehearsal: right }
    : { live: join(layout.dir, 'data', d.collection), rehearsal: join(right, 'data', d.collection) });
  const differences: DocumentDifference[] = [];
  for (const d of c.differences) {
    const at = dirs(d);
    const name = `${d.document_id}.json`;
    const [l, r] = await Promise.all([
      side(d.live_bytes === null ? null : join(at.live, name), d.document_id, d.live_bytes),
      side(d.rehearsal_bytes === null ? null : join(at.rehearsal, name), d.document_id, d.rehearsal_bytes),
    ]);
    const paths = l.note || r.note ? [] : diffStates(l.data, r.data).map((p) => pathText(p.path));
    const notes = [l.note, r.note].filter((n) => n !== undefined);
    if (d.kind === 'changed' && notes.length === 0 && paths.length === 0) notes.push('the data is the same: the files differ in their metadata (version, times, hash, signature)');
    differences.push({
      collection: d.collection, document_id: d.document_id, kind: d.kind === 'only-rehearsal' ? 'added' : d.kind === 'only-live' ? 'removed' : 'changed',
      left: l.text, right: r.text, left_bytes: d.live_bytes, right_bytes: d.rehearsal_bytes,
      paths: paths.slice(0, PATHS_SHOWN), paths_total: paths.length, ...(notes.length ? { note: notes.join('; ') } : {}),
    });
  }
  return {
    left: c.live, right: c.rehearsal, same: c.same, changed: c.changed, added: c.only_rehearsal, removed: c.only_live,
    offset, differences, truncated: c.truncated,
  };
}
