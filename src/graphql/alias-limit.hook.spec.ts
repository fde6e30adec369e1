import { parse } from 'graphql';
import { aliasErrors } from './alias-limit.hook';

describe('aliasErrors', () => {
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `x${i}: x`).join(' ');

  it('accepts up to the limit and names the limit beyond it', () => {
    expect(aliasErrors(parse(`{ a { ${aliases(3)} } }`), 3)).toEqual([]);
    expect(aliasErrors(parse(`{ a { ${aliases(4)} } }`), 3).map((e) => e.message)).toEqual([
      'Query has more than 3 aliased fields (the limit)',
    ]);
  });

  it('counts aliases in a fragment at every spread', () => {
    const query = `fragment F on A { ${aliases(2)} } { a { ...F a { ...F } } }`;
    expect(aliasErrors(parse(query), 3)).toHaveLength(1);
    expect(aliasErrors(parse(query), 4)).toEqual([]);
  });
});
