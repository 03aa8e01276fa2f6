/** Batches a data-check thread posts ahead of the plan's reading, at most (each ≤ 256 entries). */
export const CHECKS_AHEAD = 64;

/** What the data-check thread posts (data-check-worker.ts). */
export type DataCheckMessage =
  /** Insert/Update entries with data of one batch of `segment` (the `index`th segment read), in file order, and which failed why. */
  | { readonly t: 'checked'; readonly segment: string; readonly index: number; readonly offsets: Float64Array; readonly lengths: Float64Array; readonly failures: readonly (readonly [number, string])[] }
  | { readonly t: 'done' }
  | { readonly t: 'failed'; readonly message: string };
