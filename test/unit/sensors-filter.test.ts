import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../server/sensors/sta/entities.ts';
import { FilterSyntaxError, tokenize } from '../../server/sensors/sta/filter-lexer.ts';
import { parseFilter, parseOrderBy } from '../../server/sensors/sta/filter-parser.ts';
import { compileFilter } from '../../server/sensors/sta/filter-sql.ts';
import { parseQueryOptions } from '../../server/sensors/sta/query-options.ts';

const ctx = (set: keyof typeof ENTITIES = 'Observations') => {
  let n = 0;
  return { entity: ENTITIES[set], alias: 'e', nowMs: 0, nextAlias: () => `a${++n}` };
};

describe('$filter tokenizer and parser', () => {
  it('tokenizes strings with doubled quotes, date-times, geography literals and paths', () => {
    const t = tokenize("name eq 'it''s' and phenomenonTime gt 2026-01-01T00:00:00Z and st_within(Thing/Locations/location, geography'POINT(1 2)')");
    expect(t.map((x) => x.kind)).toEqual(['ident', 'ident', 'string', 'ident', 'ident', 'ident', 'datetime', 'ident', 'ident', 'punct', 'ident', 'punct', 'geo', 'punct', 'end']);
    expect(t[2]).toMatchObject({ value: "it's", pos: 8 });
    expect(t[6]).toMatchObject({ ms: Date.UTC(2026, 0, 1) });
  });

  it('binds and tighter than or, and arithmetic tighter than comparison', () => {
    const e = parseFilter('a eq 1 or b eq 2 and c add 1 mul 2 gt 3');
    expect(e.kind).toBe('logical');
    if (e.kind !== 'logical') return;
    expect(e.op).toBe('or');
    expect(e.right).toMatchObject({ kind: 'logical', op: 'and', right: { kind: 'compare', op: 'gt', left: { kind: 'arith', op: 'add', right: { kind: 'arith', op: 'mul' } } } });
  });

  it('reports the character where parsing failed', () => {
    const at = (text: string) => {
      try {
        parseFilter(text);
      } catch (err) {
        return (err as FilterSyntaxError).pos + 1;
      }
      return 0;
    };
    expect(at('result gt')).toBe(10);
    expect(at('result gt 1 1')).toBe(13);
    expect(at('result # 1')).toBe(8);
    expect(at('result eq 2026-13-01T00:00:00Z')).toBe(11);
    expect(() => parseFilter('x'.repeat(5000))).toThrow(FilterSyntaxError);
  });

  it('parses $orderby lists with directions', () => {
    expect(parseOrderBy('phenomenonTime desc, result').map((o) => o.descending)).toEqual([true, false]);
  });
});

describe('$filter to SQL', () => {
  it('binds every literal as a parameter, never as SQL text', () => {
    const sql = compileFilter(parseFilter("result gt 10 and substringof('x''; DROP TABLE things; --', parameters/note)"), ctx());
    expect(sql.text).not.toMatch(/DROP|10/);
    expect(sql.params).toEqual([10, '$."note"', "x'; DROP TABLE things; --"]);
  });

  it('turns a time compared with a string literal into epoch milliseconds', () => {
    const sql = compileFilter(parseFilter("phenomenonTime ge '2026-01-01T00:00:00Z'"), ctx());
    expect(sql.params).toEqual([Date.UTC(2026, 0, 1)]);
  });

  it('refuses unknown properties with the allowed names', () => {
    expect(() => compileFilter(parseFilter('password eq 1'), ctx('Things'))).toThrow(/unknown property 'password' of Thing \(known: name, description, properties/);
  });
});

describe('query options', () => {
  it('caps $top at 1000 and parses nested $expand options', () => {
    const o = parseQueryOptions(ENTITIES.Things, { $top: '5000', $expand: 'Datastreams($top=1;$orderby=phenomenonTime desc;$expand=Observations($select=result)),Locations' });
    expect(o.top).toBe(1000);
    expect(o.expand.map((x) => x.navigation)).toEqual(['Datastreams', 'Locations']);
    expect(o.expand[0].options.top).toBe(1);
    expect(o.expand[0].options.orderBy[0].descending).toBe(true);
    expect(o.expand[0].options.expand[0].options.select).toEqual(['result']);
  });

  it('refuses unknown expand targets and over-deep expands', () => {
    expect(() => parseQueryOptions(ENTITIES.Things, { $expand: 'Sensors' })).toThrow(/not a navigation property of Thing/);
    expect(() => parseQueryOptions(ENTITIES.Things, { $expand: 'Datastreams/Thing/Datastreams/Thing/Datastreams/Thing' })).toThrow(/deeper/);
  });
});
