/**
 * The single-bit repair locator's hook. The locator itself lives with `repair`
 * (core/wal/repair/, written beside this); until it is wired in here, no range is said to be
 * a single-bit error: `locateSingleBit` answers null and causes fall back to what the bytes
 * show otherwise.
 */
export type BitLocator = (range: Uint8Array) => number | null;

export const locateSingleBit: BitLocator = () => null;

/** Whether a real locator is wired in (texts may then say "no single-bit change explains it"). */
export const BIT_LOCATOR_AVAILABLE = false;
