import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isScalar } from 'yaml';
import {
  parseYamlDocuments,
  YAML_LIMITS,
  yamlErrorText,
  YamlLimitError,
  yamlToValue,
  type YamlLimits,
} from '../../engine';
import { AppError, ErrorCode } from '../errors/app-error';
import { nullFieldIn, validationFailed } from '../validation/validation.pipe';
import { YAML_MEDIA_TYPES } from './content-negotiation';
import { duplicateKeyError, MAX_BODY_ELEMENTS, MAX_JSON_DEPTH, scanJson } from './json-limits';

/**
 * Routes whose request body may be YAML: one document parsed here (topology-as-code), or Kubernetes
 * manifests (any number of documents), handed to the route as `{ manifests: <text> }` for the engine's
 * loader, which names the failing document and bounds the YAML itself.
 */
const YAML_ROUTES = new Map<string, 'document' | 'manifests'>([
  ['/v1/applications/:app/topology', 'document'],
  ['/v1/guardrails', 'document'],
  ['/v1/analysis/connectivity', 'manifests'],
  ['/v1/analysis/reachability', 'manifests'],
  ['/v1/applications/:app/drift', 'manifests'],
]);

/** A YAML body is held to what a JSON body may be: as many values once expanded, as deep. */
const YAML_BODY_LIMITS: YamlLimits = { ...YAML_LIMITS, maxNodes: MAX_BODY_ELEMENTS, maxDepth: MAX_JSON_DEPTH };

/**
 * Only JSON, and YAML where a route documents it; Fastify's default text/plain parser is dropped so
 * a wrong content type is a 415, not a string handed to validation. Both run after the caller is
 * authenticated (authentication.hook.ts), and bound what they build before they build it.
 */
export function installBodyParsers(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    let duplicate: ReturnType<typeof scanJson>['duplicate'];
    try {
      duplicate = scanJson(body as string).duplicate;
    } catch (error) {
      return done(error as Error, undefined);
    }
    parseJson(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      if (duplicate !== undefined) return done(duplicateKeyError(duplicate), undefined);
      done(restNullError(request, value), value);
    });
  });
  fastify.addContentTypeParser([...YAML_MEDIA_TYPES], { parseAs: 'string' }, (request, body, done) => {
    try {
      const mode = YAML_ROUTES.get(request.routeOptions.url ?? '');
      if (mode === undefined) {
        throw new AppError(
          ErrorCode.UnsupportedMediaType,
          `${request.headers['content-type']} is not accepted here; send application/json`,
        );
      }
      if (mode === 'manifests') return done(null, { manifests: body as string });
      const value = parseYamlBody(body as string);
      if (depthOf(value) > MAX_JSON_DEPTH) throw tooDeep();
      done(restNullError(request, value), value);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/**
 * REST fields are left out, never null: openapi.yaml allows null in no request field but a selector
 * expression's `values`, and Nest's validation would take null for absent. GraphQL is left alone: there
 * an optional input field is nullable, and null is how a client says it has no value.
 */
function restNullError(request: FastifyRequest, body: unknown): Error | null {
  if (!request.routeOptions.url?.startsWith('/v1/')) return null;
  const field = nullFieldIn(body);
  return field === undefined
    ? null
    : validationFailed([{ field, reason: 'must not be null (an optional field is left out instead)' }]);
}

function tooDeep(): AppError {
  return new AppError(ErrorCode.InvalidBody, `Request body nests deeper than ${MAX_JSON_DEPTH} levels`);
}

/** Nesting depth of a parsed body, without recursion (a hostile body must not exhaust the stack). */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * One YAML document, strict: duplicate keys are errors, and the text is bounded (aliases, size, depth,
 * expansion) before its tree is built (engine/yaml-limits.ts).
 */
export function parseYamlBody(text: string): unknown {
  try {
    const documents = parseYamlDocuments(text, { uniqueKeys: true }, YAML_BODY_LIMITS);
    if (documents.length > 1) {
      throw new AppError(
        ErrorCode.InvalidBody,
        `Request body holds ${documents.length} YAML documents; send exactly one (no "---" between two)`,
      );
    }
    const document = documents[0];
    // Nothing, comments only, or a lone "---": no value to validate, so say so rather than list every field as missing.
    if (document === undefined || isEmptyDocument(document)) {
      throw new AppError(ErrorCode.InvalidBody, 'Request body is empty; send one YAML document');
    }
    const problem = document.errors[0];
    if (problem) {
      throw new AppError(ErrorCode.InvalidBody, `Request body is not valid YAML: ${yamlErrorText(problem, text)}`);
    }
    return yamlToValue(document, YAML_BODY_LIMITS);
  } catch (error) {
    if (error instanceof YamlLimitError) {
      if (!error.tooLarge) throw tooDeep();
      throw new AppError(ErrorCode.PayloadTooLarge, `Request body ${error.message}`);
    }
    if (error instanceof AppError) throw error;
    throw new AppError(ErrorCode.InvalidBody, `Request body is not valid YAML: ${(error as Error).message}`);
  }
}

/** A document with no node at all (`---` alone): an empty scalar, unlike `null` or `~`, which are written. */
function isEmptyDocument(document: { contents: unknown; errors: readonly unknown[] }): boolean {
  const contents = document.contents;
  if (document.errors.length > 0) return false;
  return contents === null || (isScalar(contents) && contents.value === null && contents.source === '');
}
