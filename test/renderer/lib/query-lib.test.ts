import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../renderer/src/lib/cel-tokens.js';
import { filterAsWhere } from '../../../renderer/src/lib/filter-as-where.js';
import { completeAt } from '../../../renderer/src/lib/query-completion.js';
import { decodeView, encodeView } from '../../../renderer/src/lib/view-url.js';

describe('the query in the address', () => {
  it('is the where= parameter and comes back whole', () => {
    const where = 'entry_type == "Update" && data.tags.exists(t, t == "a&b=c#d")';
    const fragment = encodeView({ log: '/x/y.wal', view: 'entries', filter: { where }, sort: { key: 'file', direction: 'asc' } });
    expect(new URLSearchParams(fragment).get('where')).toBe(where);
    expect(decodeView(fragment).filter).toEqual({ where });
  });
});

describe('query helpers', () => {
  it('tokenize keeps every character and tells the kinds apart', () => {
    const text = 'data.name.startsWith("J") && size >= 4.5 || !damaged';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    const kind = (s: string) => tokens.find((t) => t.text === s)?.kind;
    expect([kind('data'), kind('name'), kind('startsWith'), kind('"J"'), kind('&&'), kind('4.5'), kind('damaged')])
      .toEqual(['variable', 'field', 'function', 'string', 'operator', 'number', 'variable']);
  });

  it('completes nothing inside a string', () => {
    expect(completeAt('document_id == "da', 18, ['a']).items).toEqual([]);
    expect(completeAt('da', 2, []).items).toEqual(['damaged', 'data']);
  });

  it('the simple filters as CEL', () => {
    expect(filterAsWhere({ document_id_prefix: 'order-', transaction_id: 'tx "1"', time_from: 10, time_to: 20.5, where: 'size > 3 || damaged' }))
      .toBe('document_id.startsWith("order-") && transaction_id == "tx \\"1\\"" && timestamp >= 10u && timestamp <= 20u && (size > 3 || damaged)');
    expect(filterAsWhere({ damage: 'only' })).toBeNull();
  });
});
