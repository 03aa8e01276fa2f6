import { describe, expect, it } from 'vitest';
import { isReservedName, isSystemCollection, isValidCollectionName, isValidDocumentId } from '../../../core/store/names.js';

describe('document ids', () => {
  it.each(['a', 'user-123', 'A_b-C', '0', 'x'.repeat(300), 'CONSOLE', 'COM0', 'LPT10', 'nul-1'])('accepts %j', (id) => {
    expect(isValidDocumentId(id)).toBe(true);
  });
  it.each([
    '', '.', '..', '../x', 'a/b', 'a\\b', '/etc/passwd', 'C:\\x', 'a\0b', 'a b', 'a.json', 'é', 'a\uFFFD', 'a\n',
    'CON', 'con', 'Con', 'PRN', 'AUX', 'NUL', 'COM1', 'com9', 'LPT1', 'lpt9', '*', 'a:b', 'a?', 'a|b', '<a>', '"a"',
  ])('rejects %j', (id) => {
    expect(isValidDocumentId(id)).toBe(false);
  });
});

describe('collection names', () => {
  it.each(['users', '.system', 'a.b', 'a-b_c', 'x.y.z'])('accepts %j', (n) => expect(isValidCollectionName(n)).toBe(true));
  it.each(['', '.', '..', '...', 'a/b', 'a\\b', 'con', 'CON.x', 'aux.data', 'a b', 'é', 'a\0'])('rejects %j', (n) => {
    expect(isValidCollectionName(n)).toBe(false);
  });
  it('reserved names count before the first dot, in any case', () => {
    expect(isReservedName('Lpt3.anything')).toBe(true);
    expect(isReservedName('lpt3x.anything')).toBe(false);
  });
  it('a leading dot marks a system collection', () => {
    expect(isSystemCollection('.meta')).toBe(true);
    expect(isSystemCollection('meta')).toBe(false);
  });
});
