/** Which colour class a byte span of an entry gets in the hex view, from its field name. */
const FIELD_CLASSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/damage/i, 'damage'],
  [/^before$/i, 'before'],
  [/^after$/i, 'after'],
  [/crc|checksum/i, 'crc'],
  [/len|length|size|varint/i, 'length'],
  [/type|kind|tag/i, 'type'],
  [/transaction|txn|tx/i, 'transaction'],
  [/collection/i, 'collection'],
  [/document|doc/i, 'document'],
  [/time/i, 'timestamp'],
  [/data|payload|json/i, 'data'],
];

export function fieldClass(field: string): string {
  for (const [pattern, name] of FIELD_CLASSES) if (pattern.test(field)) return `field-${name}`;
  return 'field-other';
}

export function typeClass(entryType: string | null | undefined): string {
  return entryType ? `type-${entryType.toLowerCase()}` : 'type-damage';
}
