import { documentHistory, type DocumentHistory } from '../../history/document-history.js';
import { locateLog } from '../../wal/log-location.js';
import { readLogBatches } from '../../wal/read-log-batches.js';

export { historyJsonText, historyView } from '../views/history-view.js';
export type { DocumentHistory } from '../../history/document-history.js';

/**
 * `history <path> --document ID`: reads the located chain once and gives every version of
 * the document with the state after it and its transaction's fate.
 */
export async function historyAt(path: string, options: { readonly document: string; readonly collection?: string }, hooks: { readonly signal?: AbortSignal } = {}): Promise<{ history: DocumentHistory; warnings: readonly string[] }> {
  const location = await locateLog(path, options.collection !== undefined ? { collection: options.collection } : {});
  const signal = hooks.signal ? { signal: hooks.signal } : {};
  const history = await documentHistory(readLogBatches(location, signal), location.segments.map((s) => s.name), options.document, signal);
  return { history, warnings: location.warnings };
}
