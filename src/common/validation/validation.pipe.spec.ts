/**
 * nulFieldIn, nullFieldIn and prototypeKeyIn put a field's path together only when they find one; the
 * walks as they were, building every node's path on the way (`reference` below), are the reference:
 * the same answer for any body, found or not.
 */
import fc from 'fast-check';
import { propertyRuns } from '../../../test/support/property-runs';
import { IsString } from 'class-validator';
import { AppError, ErrorCode } from '../errors/app-error';
import { createValidationPipe, nulFieldIn, nullFieldIn, prototypeKeyIn } from './validation.pipe';

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

const NULLABLE_FIELDS = new Set(['values']);
const PROTOTYPE_KEYS: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];
const MAP_FIELDS = new Set(['labels', 'matchLabels']);

/** The three walks before this change, verbatim. */
const reference = {
  nulFieldIn(value: unknown): string | undefined {
    const stack: [unknown, string][] = [[value, '']];
    while (stack.length > 0) {
      const [node, path] = stack.pop() as [unknown, string];
      if (typeof node === 'string') {
        if (node.includes('\u0000')) return path;
        continue;
      }
      if (typeof node !== 'object' || node === null) continue;
      const entries = Object.entries(node);
      if (entries.some(([key]) => key.includes('\u0000'))) return path;
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], joinPath(path, entries[i]![0])]);
    }
    return undefined;
  },
  nullFieldIn(body: unknown): string | undefined {
    const stack: [unknown, string][] = [[body, '']];
    while (stack.length > 0) {
      const [node, path] = stack.pop() as [unknown, string];
      if (typeof node !== 'object' || node === null) continue;
      const entries = Object.entries(node);
      for (const [key, child] of entries) {
        if (child === null && !(NULLABLE_FIELDS.has(key) && !Array.isArray(node))) return joinPath(path, key);
      }
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], joinPath(path, entries[i]![0])]);
    }
    return undefined;
  },
  prototypeKeyIn(body: unknown): string | undefined {
    const stack: [unknown, string][] = [[body, '']];
    while (stack.length > 0) {
      const [node, path] = stack.pop() as [unknown, string];
      if (typeof node !== 'object' || node === null) continue;
      const key = Array.isArray(node) ? undefined : PROTOTYPE_KEYS.find((name) => Object.hasOwn(node, name));
      if (key !== undefined) return joinPath(path, key);
      for (const [key, child] of Object.entries(node)) {
        if (!MAP_FIELDS.has(key)) stack.push([child, joinPath(path, key)]);
      }
    }
    return undefined;
  },
};

/** JSON bodies as JSON.parse makes them, with the keys and strings these walks look for. */
const key = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('0', '12', 'values', 'labels', 'matchLabels', 'toString', 'constructor', 'prototype', 'a\u0000b'),
);
const leaf = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('x\u0000', null, 0, true));
const body = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }).map((o) => JSON.parse(JSON.stringify(o)) as unknown),
  ),
})).value;

describe('validation pipe walks', () => {
  it.each(['nulFieldIn', 'nullFieldIn', 'prototypeKeyIn'] as const)(
    '%s answers what the path-building walk answered',
    (name) => {
      const walks = { nulFieldIn, nullFieldIn, prototypeKeyIn };
      let found = 0;
      fc.assert(
        fc.property(body, (value) => {
          const expected = reference[name](value);
          if (expected !== undefined) found++;
          expect(walks[name](value)).toBe(expected);
        }),
        { numRuns: propertyRuns(500) },
      );
      expect(found).toBeGreaterThan(0);
    },
  );
});

class QuestionQuery {
  @IsString()
  from!: string;

  @IsString()
  to!: string;
}

describe('validation pipe memo of query strings', () => {
  const pipe = createValidationPipe();
  const query = (value: Record<string, string>) =>
    pipe.transform(value, { type: 'query', metatype: QuestionQuery, data: undefined });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: AppError) => [error.code, error.details],
    );

  it('refuses NUL in a query every time, before and after the same query without it is remembered', async () => {
    const clean = { from: 'web', to: 'db' };
    const withNul = { from: 'web', to: 'd\u0000b' };
    const refused = [
      ErrorCode.ValidationFailed,
      [{ field: 'to', reason: 'must not contain the NUL character (U+0000)' }],
    ];
    expect(await refusal(query(withNul))).toEqual(refused);
    expect(await query(clean)).toBe(await query({ ...clean }));
    expect(await refusal(query(withNul))).toEqual(refused);
    expect(await refusal(query({ ...clean, to: 'd\\u0000b' }))).toBeUndefined();
  });
});
