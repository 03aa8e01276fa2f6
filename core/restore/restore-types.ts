import type { RestoreReport } from '../contract/contract-history.js';
import type { RecoveryPreview } from '../contract/contract-jobs.js';

/** One file of a log as the plan read it: its first `bytes` bytes had this digest. */
export interface LogRange {
  readonly collection: string;
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * One document operation, exact: what the file is when planned, and what it becomes. A
 * `write` puts `text` (the whole document file) in place of `<id>.json`; a `delete` moves
 * `<id>.json` into `.deleted/` (replacing the copy there, as Sentinel's soft delete does).
 */
export type RestoreOperation =
  | {
      readonly action: 'write';
      readonly collection: string;
      readonly collection_dir: string;
      readonly document_id: string;
      /** SHA-256 of `<id>.json` when planned; null: it did not exist. */
      readonly live_sha256: string | null;
      readonly text: string;
    }
  | {
      readonly action: 'delete';
      readonly collection: string;
      readonly collection_dir: string;
      readonly document_id: string;
      readonly live_sha256: string;
      /** SHA-256 of `.deleted/<id>.json` when planned; null: none. */
      readonly deleted_sha256: string | null;
    }
  | {
      /**
       * Both files set exactly (what a recovery writes): `.deleted/<id>.json` first when
       * `trash` is given (the text, or the live file's bytes as planned), then `<id>.json`
       * becomes `live_text`, or is removed when it is null.
       */
      readonly action: 'replace';
      readonly collection: string;
      readonly collection_dir: string;
      readonly document_id: string;
      readonly live_sha256: string | null;
      readonly live_text: string | null;
      readonly trash?: ReplaceTrash;
    };

/** What a `replace` leaves in `.deleted/<id>.json`, and the SHA-256 of that file when planned (null: none). */
export type ReplaceTrash =
  | { readonly sha256: string | null; readonly text: string }
  | { readonly sha256: string | null; readonly from_live: true };

export const PLAN_FORMAT = 'wal-inspector.plan';
export const PLAN_VERSION = 1;

/** What every plan has: the exact operations and the digests apply checks them against. */
export interface PlanBase {
  readonly format: typeof PLAN_FORMAT;
  readonly version: typeof PLAN_VERSION;
  readonly kind: 'restore' | 'recover';
  readonly created_at: string;
  /** The `--store` directory (absolute) and what it is. */
  readonly store: string;
  readonly store_kind: 'collection' | 'store';
  readonly into: string | null;
  /** Empty unless the plan is for a file: digests of every log byte range read. */
  readonly logs: readonly LogRange[];
  readonly operations: readonly RestoreOperation[];
}

/** A restore plan: in memory between preview and apply, and the plan file (`--plan-out`) as JSON. */
export interface RestorePlan extends PlanBase {
  readonly kind: 'restore';
  /** The preview a reviewer reads (what `restore --dry-run --json` prints). */
  readonly report: RestoreReport;
}

/** A recovery written as a plan file (`recover --plan-out`): its changes as exact operations. */
export interface RecoverPlan extends PlanBase {
  readonly kind: 'recover';
  /** What `recover --dry-run --json` prints, per collection. */
  readonly reports: readonly RecoveryPreview[];
}

/** Any plan `apply FILE` takes. */
export type FilePlan = RestorePlan | RecoverPlan;
