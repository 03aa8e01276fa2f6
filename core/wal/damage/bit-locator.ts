import { locateBitError, MAX_REPAIR_BYTES } from '../repair/bit-locator.js';

/** The one bit whose flip makes a range one intact entry: where, in which field, and the repaired bytes. */
export interface LocatedBit {
  readonly bit: number;
  readonly field: string;
  readonly bytes: Uint8Array;
}

export type BitLocator = (range: Uint8Array) => LocatedBit | null;

/** The repair locator (core/wal/repair/bit-locator.ts): a unique answer only, in ranges of at most MAX_REPAIR_BYTES. */
export const locateSingleBit: BitLocator = (range) => {
  const r = locateBitError(range);
  return r ? { bit: r.bit, field: r.field, bytes: r.bytes } : null;
};

export { MAX_REPAIR_BYTES };
