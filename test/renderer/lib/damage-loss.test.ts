import { describe, expect, it } from 'vitest';
import { describeLoss } from '../../../renderer/src/lib/damage-sentences.js';
import type { DamageImpact } from '../../../renderer/src/contract.js';

const impact = (estimate: DamageImpact['estimate']): DamageImpact => ({
  before: null, after: null, gap_ms: null, estimate, unverified: null,
  cause: { kind: 'single-bit', text: 'one bit differs' },
  incident: { index: 0, part: 1, parts: 2, offset: 0, length: 10, documents: [] },
});

describe('describeLoss', () => {
  it('says how the count was reached, and that a later part of a rebuilt entry held none of its own', () => {
    expect(describeLoss(impact({ entries: 1, method: 'exact' }))).toBe('1 entry lost');
    expect(describeLoss(impact({ entries: 0, method: 'exact' }))).toBe('no entry of its own (part of the entry the repair rebuilds)');
    expect(describeLoss(impact({ entries: 3, method: 'boundaries' }))).toBe('3 entries lost (counted from the entry starts left in it)');
    expect(describeLoss(impact({ entries: 2, method: 'mean-size' }))).toBe('about 2 entries lost (estimated from the size of the entries beside it)');
    expect(describeLoss(impact(null))).toBe('the rest of the segment is unreadable');
  });
});
