import type { FastifyInstance } from 'fastify';
import { GraphQLError, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { operationCost, tooComplex } from './complexity-limit.rule';

/** Brackets (`{`, `[`, `(`) nested in a query's text: graphql's parser recurses on each one. */
export const GRAPHQL_MAX_NESTING = 64;
/** Largest GraphQL answer sent; over it the client gets an error asking for less. */
export const GRAPHQL_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** An error Mercurius answers as a 400 carrying `error` (as it does its own validation errors). */
function rejection(error: GraphQLError): Error {
  return Object.assign(new Error(error.message), { statusCode: 400, errors: [error] });
}

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'validation/failed', category: 'BAD_USER_INPUT' } });
}

/**
 * Mercurius preParsing hook: a query nesting brackets deeper than GRAPHQL_MAX_NESTING is refused
 * before graphql's recursive parser could run out of stack on it.
 */
export async function nestingLimitHook(_schema: GraphQLSchema, source: string): Promise<void> {
  const nesting = nestingOf(source);
  if (nesting > GRAPHQL_MAX_NESTING) {
    throw rejection(
      invalid(`Query nests brackets ${GRAPHQL_MAX_NESTING}+ levels deep; the limit is ${GRAPHQL_MAX_NESTING}`),
    );
  }
}

/** Deepest bracket nesting of a GraphQL text, outside strings and comments; stops past the limit. */
export function nestingOf(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end === -1 ? source.length : end + 2;
      } else {
        let j = i + 1;
        while (j < source.length && source[j] !== '"' && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
        i = j;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      deepest = Math.max(deepest, ++depth);
      if (deepest > GRAPHQL_MAX_NESTING) return deepest;
    } else if (c === '}' || c === ']' || c === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/**
 * Mercurius preExecution hook: the cost again, with the variables' values sent (validation, cached per
 * query text, could only price a variable page size at its default).
 */
export function costLimitHook(maxCost: number) {
  return async (
    schema: GraphQLSchema,
    document: DocumentNode,
    _context: unknown,
    variables: Record<string, unknown> | undefined,
  ): Promise<void> => {
    if (variables === undefined || Object.keys(variables).length === 0) return;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.variableDefinitions?.length) continue;
      if (operationCost(schema, document, definition, variables, maxCost) > maxCost) {
        throw rejection(tooComplex(maxCost));
      }
    }
  };
}

/** An answer over GRAPHQL_MAX_RESPONSE_BYTES is replaced by an error: no client needs it whole. */
export function installResponseLimit(fastify: FastifyInstance, maxBytes = GRAPHQL_MAX_RESPONSE_BYTES): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url !== '/graphql' || typeof payload !== 'string') return payload;
    // A UTF-16 length under a quarter of the limit cannot be over it in UTF-8 bytes.
    if (payload.length <= maxBytes / 4 || Buffer.byteLength(payload) <= maxBytes) return payload;
    void reply.code(400);
    const error = invalid(`The answer is over ${maxBytes} bytes (the limit); ask for fewer items or fields`);
    return JSON.stringify({ data: null, errors: [error.toJSON()] });
  });
}
