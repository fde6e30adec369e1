import { buildSchema, parse, validate } from 'graphql';
import { depthLimitRule } from './depth-limit.rule';

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

  it('counts fragments where they are spread, and ignores introspection', () => {
    const viaFragment = parse(`fragment F on A { ${nested(8).slice(2, -2)} } { a { ...F } }`);
    expect(validate(schema, viaFragment, [depthLimitRule(8)])).toHaveLength(1);
    const introspection = parse('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }');
    expect(validate(schema, introspection, [depthLimitRule(3)])).toEqual([]);
  });
});
