import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { depthLimitRule, MAX_INTROSPECTION_DEPTH } from './depth-limit.rule';

describe('depthLimitRule', () => {
  const schema = buildSchema('type Query { a: A } type A { a: A, x: Int }');
  const nested = (levels: number) => `{ ${'a { '.repeat(levels)}x${' }'.repeat(levels)} }`;

  it('accepts a query at the limit', () => {
    expect(validate(schema, parse(nested(7)), [depthLimitRule(8)])).toEqual([]);
  });

  it('rejects a deeper query with a message naming depth and limit', () => {
    const errors = validate(schema, parse(nested(9)), [depthLimitRule(8)]);
    expect(errors.map((e) => e.message)).toEqual(['Query is nested 10 levels deep; the limit is 8']);
    expect(errors[0].extensions).toMatchObject({ code: 'validation/failed' });
  });

  it('counts fragments where they are spread, each once however often it is spread', () => {
    const viaFragment = parse(`fragment F on A { ${nested(8).slice(2, -2)} } { a { ...F } }`);
    expect(validate(schema, viaFragment, [depthLimitRule(8)])).toHaveLength(1);
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on A { a { ...F${i + 1} ...F${i + 1} } }`);
    const bomb = parse(`{ a { ...F0 } } ${fragments.join(' ')} fragment F30 on A { x }`);
    // 2^30 paths: finishing at all means each fragment was measured once.
    expect(validate(schema, bomb, [depthLimitRule(8)]).map((e) => e.message)).toEqual([
      'Query is nested 32 levels deep; the limit is 8',
    ]);
  });

  it('holds introspection to its own depth, enough for the standard introspection query', () => {
    expect(validate(schema, parse(getIntrospectionQuery()), [depthLimitRule(8)])).toEqual([]);
    const deep = `{ __schema { types { ${'ofType { '.repeat(MAX_INTROSPECTION_DEPTH)}name${' }'.repeat(MAX_INTROSPECTION_DEPTH)} } } }`;
    expect(validate(schema, parse(deep), [depthLimitRule(8)]).map((e) => e.message)).toEqual([
      `Introspection is nested ${MAX_INTROSPECTION_DEPTH + 3} levels deep; the limit is ${MAX_INTROSPECTION_DEPTH}`,
    ]);
  });
});
