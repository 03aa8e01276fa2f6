/**
 * Document ids and collection names as Sentinel validates them (FORMAT.md, "Documents").
 * An id read from a WAL is untrusted: nothing may turn it into a path before it passed here.
 */

const RESERVED = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
]);

const ID_CHARS = /^[A-Za-z0-9_-]+$/;
const COLLECTION_CHARS = /^[A-Za-z0-9_.-]+$/;

/** A Windows reserved device name, in any letter case, also before the first dot. */
export function isReservedName(name: string): boolean {
  const dot = name.indexOf('.');
  const stemLength = dot === -1 ? name.length : dot;
  // Every reserved stem has 3 or 4 letters: any other name is not one (no copy per id checked).
  if (stemLength !== 3 && stemLength !== 4) return false;
  return RESERVED.has((dot === -1 ? name : name.slice(0, dot)).toUpperCase());
}

/** Non-empty; ASCII letters, digits, `_` and `-` only; not a reserved name. */
export function isValidDocumentId(id: string): boolean {
  return ID_CHARS.test(id) && !isReservedName(id);
}

/**
 * Like a document id, `.` allowed too (a leading `.` marks a system collection). Names made
 * only of dots (`.`, `..`) are refused: they would name a directory other than their own.
 */
export function isValidCollectionName(name: string): boolean {
  return COLLECTION_CHARS.test(name) && !/^\.+$/.test(name) && !isReservedName(name);
}

/** System collections (name starting with `.`) let an insert replace an existing document. */
export function isSystemCollection(name: string): boolean {
  return name.startsWith('.');
}
