import type { StoreComparison } from '../../contract/contract-rehearsal.js';
import { compareStorePage } from '../../restore/compare-documents.js';

/** `compare <live> <rehearsal>` and store.compare: a page of what the rehearsal differs from the live store. */
export function compareAt(left: string, right: string, page: { readonly offset?: number; readonly limit?: number } = {}): Promise<StoreComparison> {
  return compareStorePage(left, right, page.offset ?? 0, page.limit ?? 50);
}
