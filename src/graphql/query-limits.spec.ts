import Fastify from 'fastify';
import { buildSchema, parse } from 'graphql';
import { costLimitHook, GRAPHQL_MAX_NESTING, installResponseLimit, nestingLimitHook, nestingOf } from './query-limits';

describe('GraphQL query limits outside validation', () => {
  it('measures bracket nesting outside strings and comments, and refuses it past the limit', async () => {
    expect(nestingOf('{ a(x: [1, [2]]) { b } }')).toBe(4);
    expect(nestingOf('{ a(x: "{{{{[[[", y: """ {{{ """) # {{{{\n { b } }')).toBe(2);
    const deep = `{ a(x: ${'['.repeat(GRAPHQL_MAX_NESTING)}1${']'.repeat(GRAPHQL_MAX_NESTING)}) }`;
    await expect(nestingLimitHook(buildSchema('type Query { a: Int }'), deep)).rejects.toMatchObject({
      statusCode: 400,
      message: `Query nests brackets ${GRAPHQL_MAX_NESTING}+ levels deep; the limit is ${GRAPHQL_MAX_NESTING}`,
    });
  });

  it('prices the variables sent before execution', async () => {
    const schema = buildSchema('type Query { apps(limit: Int): [App!]! } type App { name: String }');
    const document = parse('query Q($n: Int = 1) { apps(limit: $n) { name } }');
    const hook = costLimitHook(1_000);
    await expect(hook(schema, document, {}, { n: 10 })).resolves.toBeUndefined();
    await expect(hook(schema, document, {}, { n: 5_000 })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('replaces a GraphQL answer over the byte limit by an error', async () => {
    const fastify = Fastify();
    installResponseLimit(fastify, 1_000);
    fastify.post('/graphql', async (request) => ({
      data: { big: 'x'.repeat(Number((request.query as { size: string }).size)) },
    }));
    try {
      const small = await fastify.inject({ method: 'POST', url: '/graphql?size=10' });
      expect(small.json()).toEqual({ data: { big: 'x'.repeat(10) } });
      const big = await fastify.inject({ method: 'POST', url: '/graphql?size=2000' });
      expect(big.statusCode).toBe(400);
      expect(big.json()).toMatchObject({ data: null, errors: [{ message: expect.stringMatching(/over 1000 bytes/) }] });
    } finally {
      await fastify.close();
    }
  });
});
