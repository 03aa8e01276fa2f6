/** The six entry kinds of a Sentinel WAL, in their wire order (postcard enum index). */
export const ENTRY_TYPES = ['Begin', 'Insert', 'Update', 'Delete', 'Commit', 'Rollback'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export function entryTypeFromIndex(index: number): EntryType | undefined {
  return ENTRY_TYPES[index];
}

export function entryTypeIndex(type: EntryType): number {
  return ENTRY_TYPES.indexOf(type);
}

export function isEntryType(value: unknown): value is EntryType {
  return typeof value === 'string' && (ENTRY_TYPES as readonly string[]).includes(value);
}
