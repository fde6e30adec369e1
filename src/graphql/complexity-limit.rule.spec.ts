import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { complexityLimitRule, INTROSPECTION_COST, operationCost } from './complexity-limit.rule';

describe('complexityLimitRule', () => {
  const schema = buildSchema(`
    type Query { apps(limit: Int): AppPage, app: App }
    type AppPage { items: [App!]! }
    type App { name: String, components: [Component!]! }
    type Component { name: String, ports: [Port!]! }
    type Port { port: Int }
  `);
  const costOver = (query: string, max: number) => validate(schema, parse(query), [complexityLimitRule(max)]);

  it('counts one per field, lists times 20, paged fields times their limit', () => {
    // app(1) + name(1) + components(1 + 20 x (name 1)) = 23
    expect(costOver('{ app { name components { name } } }', 23)).toEqual([]);
    expect(costOver('{ app { name components { name } } }', 22)).toHaveLength(1);
    // apps(1 + 10 x items(1 + name 1)) = 21: the page is not multiplied again by the list inside it.
    expect(costOver('{ apps(limit: 10) { items { name } } }', 21)).toEqual([]);
    expect(costOver('{ apps(limit: 10) { items { name } } }', 20)).toHaveLength(1);
  });

  it('prices a left-out limit, or a variable without a default, as a page of 100', () => {
    expect(costOver('{ apps { items { name } } }', 201)).toEqual([]);
    expect(costOver('{ apps { items { name } } }', 200)).toHaveLength(1);
    expect(costOver('query Q($n: Int) { apps(limit: $n) { items { name } } }', 200)).toHaveLength(1);
    expect(costOver('query Q($n: Int = 2) { apps(limit: $n) { items { name } } }', 5)).toEqual([]);
  });

  it('multiplies nested lists and follows fragments; the error says what to do', () => {
    const query = 'fragment C on Component { ports { port } } { apps(limit: 500) { items { components { ...C } } } }';
    const errors = costOver(query, 100_000);
    expect(errors.map((e) => e.message)).toEqual([
      'Query is too complex: its estimated cost is over 100000 (the limit). Ask for fewer items (limit) or fewer nested lists.',
    ]);
    expect(errors[0].extensions).toMatchObject({ code: 'validation/failed' });
  });

  it('prices introspection, so aliases of it add up', () => {
    expect(costOver('{ __schema { types { fields { name } } } }', INTROSPECTION_COST)).toEqual([]);
    expect(costOver('{ __schema { types { fields { name } } } }', INTROSPECTION_COST - 1)).toHaveLength(1);
    const aliases = Array.from({ length: 21 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ');
    expect(costOver(`{ ${aliases} }`, 100_000)).toHaveLength(1);
  });

  it('prices each fragment once, however often it is spread', () => {
    // Twenty fragments, each spreading the next twice: 2^20 leaves, priced in twenty steps.
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i} on App { ...F${i + 1} ...F${i + 1} }`);
    const bomb = `{ app { ...F0 } } ${fragments.join(' ')} fragment F20 on App { name }`;
    const started = performance.now();
    expect(costOver(bomb, 100_000)).toHaveLength(1);
    expect(costOver(bomb, 2 ** 20 + 1)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('prices a variable page size at the value sent, when it is known', () => {
    const query = parse('query Q($n: Int = 2) { apps(limit: $n) { items { name } } }');
    const operation = query.definitions[0] as OperationDefinitionNode;
    expect(operationCost(schema, query, operation, undefined, 1e9)).toBe(5);
    expect(operationCost(schema, query, operation, { n: 500 }, 1e9)).toBe(1 + 500 * 2);
  });
});
