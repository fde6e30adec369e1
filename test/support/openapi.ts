/**
 * openapi.yaml as a test oracle: which operations exist, and whether an answer (status, content
 * type, body, headers) is one the document allows. e2e specs reach this through contractClient
 * (./api.ts), so every response they see is checked against the contract.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { threadId } from 'node:worker_threads';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const OPENAPI_FILE = path.resolve(__dirname, '../../openapi.yaml');
/** Where test support keeps what it may compute once for many files and runs (git-ignored with node_modules). */
const CACHE_DIR = path.resolve(__dirname, '../../node_modules/.cache/flowpolicy');

export const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Operation {
  readonly method: HttpMethod;
  /** The path template as openapi.yaml writes it, e.g. `/v1/applications/{app}`. */
  readonly path: string;
}

type Json = Record<string, unknown>;

interface MediaTypeObject {
  schema?: Json;
}
interface HeaderObject {
  required?: boolean;
  schema?: Json;
}
interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | { $ref: string }>;
  content?: Record<string, MediaTypeObject>;
}

const OPENAPI_TOP_LEVEL_FIELDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
];

/** The $id under which the whole document is registered with Ajv, so schema $refs resolve inside it. */
const DOCUMENT_ID = 'openapi.yaml';

/**
 * Any path or method the document does not list answers 404 route/not_found (a Fastify 404 that
 * the exception filter rewrites); that answer is itself part of the contract.
 */
const UNKNOWN_ROUTE_RESPONSE = '#/components/responses/RouteNotFound';

interface Contract {
  readonly document: Json;
  readonly ajv: Ajv2020;
  readonly validators: Map<string, ValidateFunction>;
  readonly templates: readonly { template: string; pattern: RegExp; params: number }[];
}

let loaded: Contract | undefined;

function contract(): Contract {
  if (loaded) return loaded;
  const document = readDocument();
  // OpenAPI 3.1 schemas are JSON Schema 2020-12. strict: a misspelt keyword fails compilation
  // instead of silently validating nothing.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  addFormats(ajv);
  // The whole document is one schema resource so that '#/components/schemas/...' refs resolve; its
  // OpenAPI-only top-level fields are declared as inert keywords so strict mode accepts them.
  ajv.addVocabulary(OPENAPI_TOP_LEVEL_FIELDS.filter((field) => field in document));
  ajv.addSchema({ ...document, $id: DOCUMENT_ID }, undefined, undefined, false);
  const templates = Object.keys(pathsOf(document))
    .map((template) => ({ template, pattern: templatePattern(template), params: (template.match(/\{/g) ?? []).length }))
    // Literal segments win over parameters ('/health/ready' before a hypothetical '/health/{x}').
    .sort((a, b) => a.params - b.params);
  loaded = { document, ajv, validators: new Map(), templates };
  return loaded;
}

/**
 * openapi.yaml, parsed. Parsing its YAML costs about half a second of CPU in every e2e file (each has
 * a fresh module registry), so the first file to parse it keeps the result as JSON in the project's
 * node_modules/.cache, under the hash of the YAML text, the yaml package's version and this format's
 * number, and later files, in this run or the next, read that in a few milliseconds. A document JSON
 * would not carry exactly is never kept; a cache file that cannot be read, or written, changes nothing
 * but the time: the YAML is parsed.
 */
const DOCUMENT_CACHE_FORMAT = 1;

function readDocument(): Json {
  const text = fs.readFileSync(OPENAPI_FILE, 'utf8');
  const yamlVersion = (JSON.parse(fs.readFileSync(require.resolve('yaml/package.json'), 'utf8')) as { version: string })
    .version;
  const hash = createHash('sha256')
    .update(`${DOCUMENT_CACHE_FORMAT}\0${yamlVersion}\0${text}`)
    .digest('hex')
    .slice(0, 32);
  const cached = path.join(CACHE_DIR, `openapi-${hash}.json`);
  try {
    return JSON.parse(fs.readFileSync(cached, 'utf8')) as Json;
  } catch {
    // Not kept yet (or unreadable): parse the YAML.
  }
  const document = parse(text) as Json;
  const json = JSON.stringify(document);
  if (isDeepStrictEqual(JSON.parse(json), document)) keep(cached, json);
  return document;
}

/** Written whole under another name, then renamed: a file reading it never sees half of it. */
function keep(file: string, content: string): void {
  const partial = `${file}.${process.pid}.${threadId}.${Date.now()}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(partial, content);
    fs.renameSync(partial, file);
  } catch {
    // A cache that cannot be written (a full disk, a read-only tree) costs the next file a parse.
    fs.rmSync(partial, { force: true });
  }
}

function pathsOf(document: Json): Record<string, Record<string, unknown>> {
  return (document.paths ?? {}) as Record<string, Record<string, unknown>>;
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

interface ExampleObject {
  readonly value?: unknown;
  readonly $ref?: string;
}

/** The parts of openapi.yaml that specs read directly (everything else goes through the functions here). */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<
    string,
    Record<
      string,
      {
        readonly operationId: string;
        readonly requestBody?: {
          readonly content: Record<
            string,
            { readonly schema: { readonly $ref: string }; readonly examples?: Record<string, ExampleObject> }
          >;
        };
      }
    >
  >;
  readonly components: {
    readonly schemas: Record<string, { readonly enum?: readonly string[] }>;
    readonly responses: Record<
      string,
      {
        readonly content?: Record<
          string,
          {
            readonly schema: {
              readonly allOf: readonly [
                unknown,
                { readonly properties: Record<string, { const?: unknown; enum?: unknown[] }> },
              ];
            };
          }
        >;
      }
    >;
    readonly examples: Record<string, ExampleObject>;
  };
}

/** The parsed openapi.yaml. */
export function openApiDocument(): OpenApiDocument {
  return contract().document as unknown as OpenApiDocument;
}

/** The value of a documented request example (following a components/examples $ref). */
export function requestExample(
  routePath: string,
  method: HttpMethod,
  name: string,
  media = 'application/json',
): unknown {
  const document = openApiDocument();
  const example = document.paths[routePath]?.[method]?.requestBody?.content[media]?.examples?.[name];
  if (!example)
    throw new Error(`openapi.yaml has no ${media} example "${name}" for ${method.toUpperCase()} ${routePath}`);
  return example.$ref ? resolve<ExampleObject>({ $ref: example.$ref }).value : example.value;
}

/** Every operation openapi.yaml documents, in document order. */
export function documentedOperations(): Operation[] {
  return Object.entries(pathsOf(contract().document)).flatMap(([routePath, item]) =>
    HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => ({ method, path: routePath })),
  );
}

/**
 * The documented path template a concrete URL belongs to, e.g.
 * `/v1/applications/shop/components/web?x=1` -> `/v1/applications/{app}/components/{component}`;
 * undefined when no documented path matches.
 */
export function routeTemplateOf(url: string): string | undefined {
  const pathname = url.split(/[?#]/)[0];
  return contract().templates.find((t) => t.pattern.test(pathname))?.template;
}

/** Follows a local `$ref` (`#/components/...`) to the object it names. */
function resolve<T>(value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; isRef(current); hops++) {
    if (hops > 10) throw new Error(`openapi.yaml: $ref cycle at ${current.$ref}`);
    current = pointerGet(contract().document, current.$ref);
  }
  return current as T;
}

function isRef(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

function pointerGet(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`openapi.yaml: only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => {
      if (typeof node !== 'object' || node === null || !(token in node)) {
        throw new Error(`openapi.yaml: $ref ${ref} does not resolve`);
      }
      return (node as Json)[token];
    }, document);
}

function pointerEscape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The response object for an operation and status, with the JSON pointer of where it lives. */
function documentedResponse(
  method: HttpMethod,
  routePath: string,
  status: number,
): { response: ResponseObject; pointer: string } {
  const label = `${method.toUpperCase()} ${routePath}`;
  const item = pathsOf(contract().document)[routePath];
  const operation = item?.[method] as { responses?: Record<string, unknown> } | undefined;
  if (!operation) {
    if (status === 404)
      return { response: resolve<ResponseObject>({ $ref: UNKNOWN_ROUTE_RESPONSE }), pointer: UNKNOWN_ROUTE_RESPONSE };
    throw new Error(
      `${label} is not documented in openapi.yaml, so it must answer 404 route/not_found; it answered ${status}`,
    );
  }
  const responses = operation.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
  if (!key) {
    throw new Error(
      `${label} answered ${status}, which openapi.yaml does not document for it (documented: ${Object.keys(responses).join(', ')})`,
    );
  }
  const raw = responses[key];
  const pointer = isRef(raw)
    ? raw.$ref
    : `#/paths/${pointerEscape(routePath)}/${method}/responses/${pointerEscape(key)}`;
  return { response: resolve<ResponseObject>(raw as ResponseObject), pointer };
}

function validatorFor(schemaPointer: string): ValidateFunction {
  const { ajv, validators } = contract();
  let validate = validators.get(schemaPointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}${schemaPointer}` });
    validators.set(schemaPointer, validate);
  }
  return validate;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 12)
    .map(
      (e) =>
        `  ${e.instancePath || '(body)'} ${e.message ?? ''}${Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('\n');
}

function excerpt(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === undefined ? 'undefined' : text.length > 600 ? `${text.slice(0, 600)}...` : text;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0].trim().toLowerCase() || undefined;
}

function isEmptyBody(body: unknown): boolean {
  return (
    body === undefined ||
    body === null ||
    body === '' ||
    (typeof body === 'object' && !Array.isArray(body) && Object.keys(body as object).length === 0)
  );
}

function decodeBody(mediaType: string, body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (mediaType.includes('yaml')) return parse(body);
  if (mediaType.includes('json')) return JSON.parse(body);
  return body;
}

/**
 * Throws a readable error unless openapi.yaml documents this answer: the status for the operation,
 * the content type for that status (none for a documented empty answer), the body against the
 * schema (a string body is parsed as JSON or YAML by its content type), and required headers.
 * An undocumented path or method must answer the documented 404 `route/not_found`.
 */
export function assertMatchesContract(
  method: string,
  routePath: string,
  status: number,
  contentType: string | undefined,
  body: unknown,
  headers?: Readonly<Record<string, unknown>>,
): void {
  const verb = method.toLowerCase() as HttpMethod;
  const label = `${verb.toUpperCase()} ${routePath} -> ${status}`;
  const { response, pointer } = documentedResponse(verb, routePath, status);

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (headers && resolve<HeaderObject>(header).required && headers[name.toLowerCase()] === undefined) {
      throw new Error(`${label}: the documented header ${name} is missing`);
    }
  }

  const media = mediaTypeOf(contentType);
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) {
    if (!isEmptyBody(body))
      throw new Error(`${label}: openapi.yaml documents no body, but got ${media ?? 'a body'}: ${excerpt(body)}`);
    return;
  }
  if (!media || content[media] === undefined) {
    throw new Error(
      `${label}: content type ${media ?? '(none)'} is not documented (documented: ${Object.keys(content).join(', ')}); body: ${excerpt(body)}`,
    );
  }
  if (content[media].schema === undefined) return;

  const validate = validatorFor(`${pointer}/content/${pointerEscape(media)}/schema`);
  const value = decodeBody(media, body);
  if (!validate(value)) {
    throw new Error(
      `${label} (${media}): the body does not match openapi.yaml:\n${describeErrors(validate.errors)}\nbody: ${excerpt(value)}`,
    );
  }
}

/** Validates `value` against a named schema of components/schemas; returns the problems, empty when it matches. */
export function schemaProblems(name: string, value: unknown): string[] {
  const validate = validatorFor(`#/components/schemas/${pointerEscape(name)}`);
  return validate(value) ? [] : describeErrors(validate.errors).split('\n');
}

/**
 * Compiles every schema the document uses (components and inline request/response schemas), so a
 * typo in a keyword or a broken $ref fails here rather than in whichever e2e test hits it first.
 */
export function compileAllSchemas(): string[] {
  const pointers: string[] = Object.keys((contract().document.components as Json | undefined)?.schemas ?? {}).map(
    (name) => `#/components/schemas/${pointerEscape(name)}`,
  );
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      const childPointer = `${pointer}/${pointerEscape(key)}`;
      if (key === 'schema' && typeof child === 'object' && child !== null) pointers.push(childPointer);
      else if (key !== 'schemas' && key !== 'examples') visit(child, childPointer);
    }
  };
  visit(contract().document.paths, '#/paths');
  visit((contract().document.components as Json | undefined)?.responses, '#/components/responses');
  visit((contract().document.components as Json | undefined)?.parameters, '#/components/parameters');
  for (const pointer of pointers) validatorFor(pointer);
  return pointers;
}
