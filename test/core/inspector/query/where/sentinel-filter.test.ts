import { describe, expect, it } from 'vitest';
import { compileWhere } from '../../../../../core/inspector/query/where/compile-where.js';
import { EntryActivation } from '../../../../../core/inspector/query/where/entry-activation.js';
import { QueryError } from '../../../../../core/inspector/query/where/query-error.js';
import { sentinelFilterToCel } from '../../../../../core/inspector/query/where/sentinel-filter.js';
import { facts } from './where-facts.js';

const DOC = JSON.stringify({
  name: 'Alice', age: 40, score: 7.5, code: '40', active: true, tags: ['rust', 'go'], nothing: null,
  address: { city: 'Paris', zip: 75001 }, in: 3, 'odd key': 'x',
});

function holds(spec: string, data = DOC): boolean {
  return compileWhere(sentinelFilterToCel(spec)).test(new EntryActivation(facts({ data })));
}

describe('Sentinel --filter syntax', () => {
  it('= and == compare as JSON values: numbers vs strings', () => {
    expect(holds('name=Alice')).toBe(true);
    expect(holds('name==Alice')).toBe(true);
    expect(holds('name="Alice"')).toBe(true);
    expect(holds('name=alice')).toBe(false);
    expect(holds('age=40')).toBe(true);
    expect(holds('age="40"')).toBe(false);
    expect(holds('code=40')).toBe(false);
    expect(holds('code="40"')).toBe(true);
    expect(holds('active=true')).toBe(true);
    expect(holds('active="true"')).toBe(false);
    expect(holds('nothing=null')).toBe(true);
    expect(holds('tags=["rust","go"]')).toBe(true);
    expect(holds(' age = 40 ')).toBe(true);
  });

  it('>, <, >=, <= compare numbers only', () => {
    expect(holds('age>39')).toBe(true);
    expect(holds('age>40')).toBe(false);
    expect(holds('age>=40')).toBe(true);
    expect(holds('age<=40')).toBe(true);
    expect(holds('age<40')).toBe(false);
    expect(holds('score>7')).toBe(true);
    expect(holds('score<7.6')).toBe(true);
    expect(holds('code>3')).toBe(false); // a string field
    expect(holds('name>A')).toBe(false); // a string value: Sentinel matches nothing
  });

  it('~ contains (a string, or any string of a list), ^ prefix, $ suffix', () => {
    expect(holds('name~lic')).toBe(true);
    expect(holds('name~bob')).toBe(false);
    expect(holds('tags~us')).toBe(true);
    expect(holds('tags~py')).toBe(false);
    expect(holds('age~4')).toBe(false);
    expect(holds('name^Al')).toBe(true);
    expect(holds('name^li')).toBe(false);
    expect(holds('name$ce')).toBe(true);
    expect(holds('name$Al')).toBe(false);
    expect(holds('age^4')).toBe(false);
  });

  it('in: a list of JSON values, exists: true or false', () => {
    expect(holds('age in:39,40,41')).toBe(true);
    expect(holds('age in:"40"')).toBe(false);
    expect(holds('name in:Bob, Alice')).toBe(true);
    expect(holds('name in:Bob,Carol')).toBe(false);
    expect(holds('nothing exists:true')).toBe(true);
    expect(holds('missing exists:false')).toBe(true);
    expect(holds('missing exists:true')).toBe(false);
    expect(holds('age exists:yes')).toBe(true);
    expect(holds('age exists:0')).toBe(false);
  });

  it('dotted paths reach into nested objects; other keys are quoted', () => {
    expect(holds('address.city=Paris')).toBe(true);
    expect(holds('address.zip>75000')).toBe(true);
    expect(holds('address.country exists:false')).toBe(true);
    expect(holds('address.city.name exists:true')).toBe(false);
    expect(holds('in=3')).toBe(true);
    expect(holds('odd key=x')).toBe(true);
    expect(sentinelFilterToCel('address.city=Paris')).toBe('data.address.city == "Paris"');
  });

  it('splits on the first operator in Sentinel\'s order of precedence', () => {
    // `~` comes before `=` in Sentinel's list: this is "note contains a=b".
    expect(holds('note~a=b', '{"note":"x a=b y"}')).toBe(true);
    expect(holds('url=http://x?a=1', '{"url":"http://x?a=1"}')).toBe(true);
  });

  it('a field that is missing or data that is not JSON matches nothing', () => {
    expect(holds('name=Alice', 'not json')).toBe(false);
    expect(holds('missing=1')).toBe(false);
  });

  it('malformed filters name the column and what was expected', () => {
    const cases: [string, number, RegExp][] = [
      ['nameAlice', 1, /expected an operator/],
      ['=Alice', 1, /expected a field name/],
      ['  =Alice', 3, /expected a field name/],
      ['a..b=1', 3, /expected a name between the dots/],
      ['age exists:maybe', 12, /found "maybe": expected true or false/],
      ['age!=4', 4, /"!=" is not supported/],
    ];
    for (const [spec, column, message] of cases) {
      let err: unknown;
      try {
        sentinelFilterToCel(spec);
      } catch (e) {
        err = e;
      }
      expect(err, spec).toBeInstanceOf(QueryError);
      expect((err as QueryError).context.column, spec).toBe(column);
      expect((err as QueryError).message, spec).toMatch(message);
    }
  });
});
