/**
 * rows.locate: the Go-to box of the entries table. The query is resolved against the
 * session's index in the service, so every front end finds the same row.
 */
import type { RowFilter, RowSort } from './contract-types.js';

/** What a go-to query was read as. */
export type LocateKind = 'row' | 'offset' | 'time' | 'transaction' | 'document';

export interface LocateArgs {
  readonly session_id: string;
  /**
   * A row number (`8600000`, `8,600,000`, `row:12`), `segment:offset` (segment index or file name;
   * offset decimal or 0x hex, as the Seg:offset column shows it) or a bare `0x…` / `@1234` offset,
   * a time (ISO `2024-05-01T10:00:00Z`, or local `2024-05-01 12:00:00.250` in `time_zone`; the
   * nearest entry), a transaction id or a document id (`tx:` / `doc:` force one reading).
   */
  readonly query: string;
  /** The view the row is looked for in (as rows.page gets it): its index there is returned. */
  readonly filter?: RowFilter;
  readonly sort?: RowSort;
  /** IANA zone local times are read in (default: the service's). */
  readonly time_zone?: string;
}

export interface RowLocation {
  readonly kind: LocateKind;
  /** The row found (chain position). */
  readonly row: number;
  /** Its position in the view (filter + sort), or null when the filter hides it. */
  readonly index: number | null;
  /** False when the nearest row was taken: a time between entries, an offset inside an entry. */
  readonly exact: boolean;
  /** What was found, for people: "row 12", "nearest entry, 1.2 s after 2024-…". */
  readonly description: string;
}
