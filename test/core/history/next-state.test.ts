import { describe, expect, it } from 'vitest';
import { nextState, type StateShape } from '../../../core/history/next-state.js';
import { deepMerge, parseJson, toCompactText } from '../../../core/json/index.js';
import { seededRandom } from '../../support/random-entries.js';

const strict = (prev: string, data: string): string => {
  const a = parseJson(prev), b = parseJson(data);
  if (!a.ok || !b.ok) throw new Error('bad test JSON');
  return toCompactText(deepMerge(a.value, b.value));
};
const canon = (t: string | null): string | null => {
  if (t === null) return null;
  const r = parseJson(t);
  if (!r.ok) throw new Error(r.message);
  return toCompactText(r.value);
};

function randomValue(rand: () => number, depth: number): string {
  const r = rand();
  if (depth > 2 || r < 0.3) return ['1', '"s"', 'null', 'true', '1.50', '[1,{"a":2}]', '12345678901234567890'][Math.floor(rand() * 7)]!;
  const keys = ['a', 'b', 'c', 'd', '__proto__'].filter(() => rand() < 0.5);
  return `{${keys.map((k) => `"${k}":${randomValue(rand, depth + 1)}`).join(',')}}`;
}

describe('nextState', () => {
  it('Insert → data, Delete → absent, Update → deep merge; Update of an absent document takes its data', () => {
    expect(nextState(null, 'Insert', '{"a":1}')).toMatchObject({ ok: true, state: '{"a":1}' });
    expect(nextState('{"a":1}', 'Delete', null)).toEqual({ ok: true, state: null });
    expect(canon((nextState('{"a":1,"o":{"x":1}}', 'Update', '{"o":{"y":2}}') as { state: string }).state)).toBe('{"a":1,"o":{"x":1,"y":2}}');
    expect(nextState(null, 'Update', '{"a":1}')).toMatchObject({ ok: true, state: '{"a":1}' });
  });

  it('unreadable data: missing, invalid JSON, lone surrogates and nesting serde_json refuses', () => {
    expect(nextState(null, 'Insert', null)).toMatchObject({ ok: false, reason: 'Insert without data' });
    expect(nextState('{}', 'Update', '{"a":')).toMatchObject({ ok: false });
    expect(nextState(null, 'Insert', '{"a":"\\ud800"}')).toMatchObject({ ok: false });
    expect(nextState(null, 'Insert', '['.repeat(128) + ']'.repeat(128))).toMatchObject({ ok: false });
    expect(nextState(null, 'Insert', '['.repeat(127) + ']'.repeat(127))).toMatchObject({ ok: true });
  });

  it('agrees with the exact deep merge on random states, with and without the shape kept from the step before', () => {
    const rand = seededRandom(14);
    let sameSignature = 0;
    for (let i = 0; i < 3000; i++) {
      const prev = randomValue(rand, 0), data = randomValue(rand, 0);
      const first = nextState(null, 'Insert', prev);
      if (!first.ok) throw new Error('bad');
      const withShape = nextState(prev, 'Update', data, first.shape as StateShape | undefined);
      const without = nextState(prev, 'Update', data);
      // With the state's key signature (the fast path): the very text the exact path gives.
      const withSignature = nextState(prev, 'Update', data, undefined, first.signature);
      expect(withSignature.ok && withSignature.state).toBe(without.ok && without.state);
      if (first.signature !== undefined && first.signature === (nextState(null, 'Insert', data) as { signature?: string }).signature) sameSignature++;
      const want = strict(prev, data);
      expect(withShape.ok && canon(withShape.state)).toBe(want);
      expect(without.ok && canon(without.state)).toBe(want);
      // The shape handed on describes the state it comes with.
      if (withShape.ok && withShape.shape) {
        const again = nextState(withShape.state, 'Update', prev, withShape.shape);
        expect(again.ok && canon(again.state)).toBe(strict(withShape.state!, prev));
      }
    }
    // The fast path decided a good part of them.
    expect(sameSignature).toBeGreaterThan(200);
  });
});
