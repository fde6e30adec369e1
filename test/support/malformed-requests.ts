/**
 * Malformed requests for the fuzz spec (test/fuzz.e2e-spec.ts), derived from openapi.yaml's request
 * schemas and examples.
 *
 * Generation starts from a documented example and breaks it (wrong types, missing or extra fields,
 * huge or odd strings, bad ports and CIDRs, deep nesting, broken JSON or YAML, wrong content types,
 * invalid path names). A mutation can land on something still valid (a wrong type inside an
 * optional field the schema allows to be anything, say), so the documented schema is the oracle:
 * a body it accepts is not sent. The few semantic mutations the schema cannot see (host bits in a
 * CIDR, an `except` outside its CIDR, endPort below port, unknown flow ends) are invalid by their
 * documented descriptions and are sent as they are.
 */
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { MAX_JSON_DEPTH, YAML_MAX_ALIASES } from '../../src/app.factory';
import { documentedOperations, openApiDocument, requestExample, schemaProblems } from './openapi';

// An admin token for the auth guard, when it is installed (FLOWPOLICY_ADMIN_TOKEN); harmless otherwise.
export const TOKEN = 'fuzz-admin-token-0123456789abcdefghijklmnop';
export const AUTH = { authorization: `Bearer ${TOKEN}` };
export const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const HUGE = 'x'.repeat(100 * 1024);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = readonly (string | number)[];

export interface Malformed {
  readonly kind: string;
  readonly method: string;
  readonly url: string;
  readonly contentType?: string;
  readonly payload?: string;
}

/** The valid names of the seeded application; `id` is filled in with the seeded flow's id. */
export const VALID_PARAMS: Record<string, string> = {
  app: 'shop',
  component: 'web',
  external: 'internet',
  channel: 'production',
  id: '',
};

const VALID_MANIFESTS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-api, namespace: shop }
spec:
  podSelector: { matchLabels: { role: db } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: { matchLabels: { name: api-pod } } }], ports: [{ port: 3306, protocol: TCP }] }]
`;

/**
 * Manifests that no analysis may accept: each breaks a Kubernetes rule or YAML itself. (Duplicate
 * keys are not among them: the loader decodes manifests as kubectl does, last key wins.)
 */
function brokenManifests(): fc.Arbitrary<string> {
  const policy = (spec: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: bad, namespace: shop }\nspec:\n${spec}\n`;
  const port = fc.oneof(
    fc.constantFrom('0', '-1', '65536', '1.5', '99999999999', '"-http"', '"http--x"', '"toolongportname1"', '[]', '{}'),
    fc.integer({ min: 65536 }).map(String),
    fc.integer({ max: 0 }).map(String),
  );
  // Not '10.0.0.1/8': Kubernetes accepts host bits in an ipBlock (ParseCIDRSloppy), and so does the loader.
  const cidr = fc.constantFrom('10.0.0.0/33', '300.0.0.0/8', 'not-a-cidr', '10.0.0.0', '::/129', '""');
  return fc.oneof(
    port.map((p) => policy(`  podSelector: {}\n  ingress: [{ ports: [{ port: ${p} }] }]`)),
    cidr.map((c) => policy(`  podSelector: {}\n  ingress: [{ from: [{ ipBlock: { cidr: ${c} } }] }]`)),
    fc
      .constantFrom('192.168.0.0/16', '0.0.0.0/0', '10.0.0.0/7', 'bogus')
      .map((e) => policy(`  podSelector: {}\n  egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8, except: [${e}] } }] }]`)),
    fc
      .constantFrom('Sideways', '42', '[Ingress, Bogus]')
      .map((t) => policy(`  podSelector: {}\n  policyTypes: ${t.startsWith('[') ? t : `[${t}]`}`)),
    fc.constantFrom('"web"', '42', '[a, b]', 'true').map((s) => policy(`  podSelector: ${s}`)),
    fc
      .constantFrom('SCTPX', 'ICMP', 'tcp', '7')
      .map((p) => policy(`  podSelector: {}\n  ingress: [{ ports: [{ port: 80, protocol: ${p} }] }]`)),
    // YAML that does not parse.
    fc.constantFrom(
      'kind: [unclosed',
      'a: b: c',
      'metadata:\n\t- tab',
      '{ "kind": ',
      '- [\n- ]]',
      'key: "unterminated',
    ),
    aliasBomb(),
  );
}

/** A "billion laughs" document: more aliases than any parser here may expand. */
function aliasBomb(): fc.Arbitrary<string> {
  return fc
    .record({ width: fc.integer({ min: 6, max: 12 }), depth: fc.integer({ min: 3, max: 8 }) })
    .map(({ width, depth }) => {
      const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let level = 1; level <= depth; level++) {
        lines.push(`a${level}: &a${level} [${Array.from({ length: width }, () => `*a${level - 1}`).join(', ')}]`);
      }
      // Enough aliases in total to pass any cap of YAML_MAX_ALIASES.
      if (width * depth <= YAML_MAX_ALIASES) {
        lines.push(`more: [${Array.from({ length: YAML_MAX_ALIASES + 1 }, () => '*a0').join(', ')}]`);
      }
      return `${lines.join('\n')}\n`;
    });
}

// ---- JSON helpers -------------------------------------------------------------------------------

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Every path into a value (not the root itself). */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((child, index) => [index, child])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function objectPaths(value: Json): Path[] {
  return [[], ...pathsOf(value)].filter((path) => {
    const node = getAt(value, path);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
}

function getAt(value: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string, Json>)[key as string], value);
}

export function setAt(value: Json, path: Path, replacement: Json | undefined): Json {
  const copy = clone(value);
  if (path.length === 0) return replacement ?? null;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else parent[key] = replacement;
  return copy;
}

const lastKey = (path: Path) => String(path[path.length - 1]);

/** A path as the service names fields: `flows[0].from.component`. */
export function fieldName(path: Path): string {
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key),
    '',
  );
}

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema } & {
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

/** The object schemas a schema may be (following $ref, allOf, oneOf and anyOf). */
function branchesOf(schema: Schema | undefined): Schema[] {
  if (schema === undefined) return [];
  if (schema.$ref !== undefined) {
    const name = schema.$ref.split('/').pop()!;
    return branchesOf((openApiDocument().components.schemas as Record<string, Schema>)[name]);
  }
  const nested = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return [schema, ...nested.flatMap(branchesOf)];
}

/**
 * Every field of a body that could be null: those in the example (at any depth), and at each object of
 * it every property its schema declares, present or not; `nullable` when a branch of the field's schema
 * allows null.
 */
export function nullableFields(schemaName: string, base: Json): { path: Path; nullable: boolean }[] {
  const out: { path: Path; nullable: boolean }[] = [];
  const visit = (value: Json, schemas: Schema[], path: Path) => {
    const branches = schemas.flatMap(branchesOf);
    if (Array.isArray(value)) {
      const items = branches.flatMap((b) => (b.items ? [b.items] : []));
      value.forEach((child, i) => visit(child, items, [...path, i]));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const properties = new Map<string, Schema[]>();
    for (const branch of branches) {
      for (const [key, property] of Object.entries(branch.properties ?? {})) {
        properties.set(key, [...(properties.get(key) ?? []), property]);
      }
    }
    const keys = new Set([...Object.keys(value), ...properties.keys()]);
    for (const key of keys) {
      const own = properties.get(key) ?? [];
      const nullable = own
        .flatMap(branchesOf)
        .some((b) => b.type === 'null' || (Array.isArray(b.type) && b.type.includes('null')));
      out.push({ path: [...path, key], nullable });
      if (key in value) visit((value as Record<string, Json>)[key]!, own, [...path, key]);
    }
  };
  visit(base, [{ $ref: `#/components/schemas/${schemaName}` }], []);
  return out;
}

// ---- Bodies broken against a schema -------------------------------------------------------------

const WRONG_TYPES: Json[] = [null, true, 0, -1, 1.5, 1e308, '', 'text', [], [1, 'a'], {}, { nested: {} }];
const ODD_STRINGS = [
  HUGE,
  '💥',
  'web\u0000',
  '\u0000',
  '\u202Eweb',
  'שלום',
  'we\u200Bb',
  'Ω≈ç√',
  '𝕨𝕖𝕓',
  ' web',
  'web\n',
  '../../etc/passwd',
  '\'; DROP TABLE "Application"; --',
  '%00',
  'A'.repeat(64),
];
const BAD_PORTS: Json[] = [
  0,
  -1,
  -80,
  65536,
  70000,
  2 ** 31,
  2 ** 53 + 2,
  1.5,
  80.25,
  -0.5,
  1e21,
  '80x',
  '',
  'HTTP',
  'a--b',
  'p'.repeat(16),
];
const BAD_CIDRS: Json[] = [
  '10.0.0.0/33',
  '300.0.0.0/8',
  '10.0.0.0',
  '10.0.0.0/',
  '/8',
  '::/129',
  'not-a-cidr',
  '',
  '10.0.0.0/8/8',
  '１０.0.0.0/8',
  '10.0.0.0/-1',
  42,
  null,
];
/** Schema-valid by pattern, invalid by the documented rule (canonical form, no host bits). */
const NON_CANONICAL_CIDRS = ['10.0.0.1/8', '192.168.1.1/16', '2001:db8::1/32', '999.1.1.0/24', '10.0.0.0/99'];

/** Mutations the schema sees, with the schema as the oracle (a still-valid result is dropped). */
function schemaMutation(base: Json): fc.Arbitrary<{ kind: string; value: Json }> {
  const all = pathsOf(base);
  const strings = all.filter((p) => typeof getAt(base, p) === 'string');
  const numbers = all.filter((p) => /port/i.test(lastKey(p)) || typeof getAt(base, p) === 'number');
  const cidrs = all.filter((p) => typeof getAt(base, p) === 'string' && /\/\d+$/.test(getAt(base, p) as string));
  const objects = objectPaths(base);
  const options: fc.Arbitrary<{ kind: string; value: Json }>[] = [
    fc
      .tuple(fc.constantFrom<Path>([], ...all), fc.constantFrom(...WRONG_TYPES))
      .map(([p, v]) => ({ kind: 'wrong type', value: setAt(base, p, v) })),
    fc.constantFrom(...all).map((p) => ({ kind: 'missing field', value: setAt(base, p, undefined) })),
    fc
      .tuple(fc.constantFrom(...objects), fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([p, key, v]) => ({ kind: 'extra field', value: setAt(base, [...p, key], v as Json) })),
    fc
      .tuple(
        fc.constantFrom(...objects),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'id', 'createdAt', 'isAdmin'),
      )
      .map(([p, key]) => ({ kind: 'extra field', value: setAt(base, [...p, key], 'x') })),
  ];
  if (strings.length > 0) {
    options.push(
      fc
        .tuple(
          fc.constantFrom(...strings),
          fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ unit: 'grapheme', minLength: 1 })),
        )
        .map(([p, s]) => ({ kind: s.length >= HUGE.length ? 'huge string' : 'odd string', value: setAt(base, p, s) })),
    );
  }
  if (numbers.length > 0) {
    options.push(
      fc
        .tuple(
          fc.constantFrom(...numbers),
          fc.oneof(
            fc.constantFrom(...BAD_PORTS),
            fc.integer({ max: 0 }),
            fc.integer({ min: 65536 }),
            fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
          ),
        )
        .map(([p, v]) => ({ kind: 'bad port', value: setAt(base, p, v) })),
    );
  }
  if (cidrs.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...cidrs), fc.constantFrom(...BAD_CIDRS))
        .map(([p, v]) => ({ kind: 'bad cidr', value: setAt(base, p, v) })),
    );
  }
  return fc.oneof(...options);
}

/** Mutations the schema cannot see: invalid by the rule its description documents. */
function semanticMutation(base: Json): fc.Arbitrary<{ kind: string; value: Json }> | undefined {
  const all = pathsOf(base);
  const options: fc.Arbitrary<{ kind: string; value: Json }>[] = [];
  const cidrs = all.filter((p) => lastKey(p) === 'cidr');
  if (cidrs.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...cidrs), fc.constantFrom(...NON_CANONICAL_CIDRS))
        .map(([p, v]) => ({ kind: 'non-canonical cidr', value: setAt(base, p, v) })),
      // except must lie inside the cidr (Kubernetes IPBlock): 10.0.0.0/8 is outside 192.168.0.0/16,
      // and wider than it; the cidr itself is set so the outside-ness does not depend on the example.
      fc
        .tuple(
          fc.constantFrom(...cidrs),
          fc.constantFrom(['10.0.0.0/8'], ['192.168.0.0/15'], ['0.0.0.0/0'], ['192.169.0.0/16']),
        )
        .map(([p, except]) => ({
          kind: 'except outside cidr',
          value: setAt(setAt(base, p, '192.168.0.0/16'), [...p.slice(0, -1), 'except'], [...except]),
        })),
    );
  }
  // The ports of a flow: the body's own (a FlowInput has `from`), or each flow's in a topology document.
  const isFlow = typeof base === 'object' && base !== null && 'from' in base;
  const flowPorts = all.filter((p) => lastKey(p) === 'ports' && (p.length === 1 ? isFlow : p[0] === 'flows'));
  if (flowPorts.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...flowPorts), fc.integer({ min: 2, max: 65535 }))
        .map(([p, port]) => ({ kind: 'endPort below port', value: setAt(base, p, [{ port, endPort: port - 1 }]) })),
    );
  }
  const peers = all.filter((p) => ['from', 'to'].includes(lastKey(p)));
  if (peers.length > 0) {
    options.push(
      fc
        .tuple(
          fc.constantFrom(...peers),
          fc.constantFrom('ghost', 'nobody-here', 'x1'),
          fc.constantFrom('component', 'external'),
        )
        .map(([p, name, kind]) => ({ kind: 'unknown flow end', value: setAt(base, p, { [kind]: name }) })),
    );
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

// ---- The operations -----------------------------------------------------------------------------

export interface Target {
  readonly method: string;
  readonly path: string;
  /** The schema name of the JSON body, when the operation has one. */
  readonly schema?: string;
  readonly base?: Json;
  /** 'document': a YAML topology document; 'manifests': Kubernetes YAML text. */
  readonly yaml?: 'document' | 'manifests';
}

export function targets(): Target[] {
  const document = openApiDocument();
  return documentedOperations()
    .filter(({ method, path }) => ['post', 'put', 'patch', 'delete'].includes(method) || path.includes('/analysis/'))
    .map(({ method, path }) => {
      const body = document.paths[path][method].requestBody;
      const json = body?.content['application/json'];
      const schema = json?.schema.$ref.split('/').pop();
      const exampleName = Object.keys(json?.examples ?? {})[0];
      let base: Json | undefined;
      if (schema === 'ManifestsInput' || schema === 'ManifestsConnectivityInput') base = { manifests: VALID_MANIFESTS };
      else if (schema === 'ManifestsReachabilityInput')
        base = { manifests: VALID_MANIFESTS, from: 'shop/a[Pod]', to: 'shop/b[Pod]', port: 80, protocol: 'TCP' };
      else if (schema === 'SetChannelInput') base = { version: 1 };
      else if (exampleName !== undefined) base = requestExample(path, method, exampleName) as Json;
      const yamlTypes = Object.keys(body?.content ?? {}).filter((type) => type.includes('yaml'));
      const yaml = yamlTypes.length === 0 ? undefined : schema?.startsWith('Manifests') ? 'manifests' : 'document';
      return { method: method.toUpperCase(), path, schema, base, yaml };
    });
}

export function urlOf(target: Target, params: Record<string, string> = {}): string {
  return target.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? VALID_PARAMS[name]));
}

/** Whether the documented schema accepts the body exactly as it will be sent (after JSON encoding). */
function schemaAccepts(schema: string, value: Json): boolean {
  return schemaProblems(schema, JSON.parse(JSON.stringify(value)) as Json).length === 0;
}

const INVALID_NAMES = [
  'Shop',
  'WEB',
  'a_b',
  '-web',
  'web-',
  'web.svc',
  'a'.repeat(64),
  '💥',
  'שלום',
  'web\u0000',
  '\u202Eweb',
  ' ',
  '..',
  'web%2Fapi',
  'web?x=1',
  'x'.repeat(2000),
];
const INVALID_IDS = ['not-a-uuid', '123', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g', '💥'];

export function malformedRequests(target: Target): fc.Arbitrary<Malformed> {
  const { method, schema, base } = target;
  const options: fc.Arbitrary<Malformed>[] = [];
  const validBody = base === undefined ? undefined : JSON.stringify(base);
  const jsonRequest = (kind: string, payload: string, url = urlOf(target)): Malformed => ({
    kind,
    method,
    url,
    contentType: 'application/json',
    payload,
  });

  // Path parameters that are not valid names, with an otherwise valid request.
  const params = [...target.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (params.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...params), fc.oneof(fc.constantFrom(...INVALID_NAMES), fc.constantFrom(...INVALID_IDS)))
        .filter(([param, value]) => param === 'id' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value))
        .map(([param, value]) => ({
          kind: 'invalid path name',
          method,
          url: urlOf(target, { [param]: value }),
          ...(validBody === undefined ? {} : { contentType: 'application/json', payload: validBody }),
        })),
    );
  }
  if (schema === undefined || base === undefined) return fc.oneof(...options);

  options.push(
    schemaMutation(base)
      .filter(({ value }) => !schemaAccepts(schema, value))
      .map(({ kind, value }) => jsonRequest(kind, JSON.stringify(value))),
    // Deep nesting somewhere in the body: past MAX_JSON_DEPTH, whatever the schema says.
    fc
      .tuple(fc.constantFrom<Path>(...objectPaths(base)), fc.integer({ min: MAX_JSON_DEPTH + 1, max: 5000 }))
      .map(([p, depth]) => {
        const marked = JSON.stringify(setAt(base, [...p, 'deep'], '__DEEP__'));
        return jsonRequest('deep nesting', marked.replace('"__DEEP__"', `${'['.repeat(depth)}${']'.repeat(depth)}`));
      }),
    // Broken JSON: any strict prefix of an object's text, or trailing garbage.
    fc
      .integer({ min: 0, max: validBody!.length - 1 })
      .map((cut) => jsonRequest('malformed json', validBody!.slice(0, cut))),
    fc
      .constantFrom('}', ',', ']', ' x', '{}', '\u0000', "'")
      .map((tail) => jsonRequest('malformed json', validBody! + tail)),
    fc
      .constantFrom("{'name': 'x'}", '{name: "x"}', 'NaN', '[', '"', 'undefined', '{"a":1,}')
      .map((text) => jsonRequest('malformed json', text)),
    // A valid body under a content type the route does not accept, or none at all.
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'image/png',
        'application/jsonx',
        'json',
        ...(target.yaml ? [] : ['application/yaml', 'text/yaml', 'application/x-yaml']),
      )
      .map((contentType) => ({
        kind: 'wrong content type',
        method,
        url: urlOf(target),
        contentType,
        payload: validBody,
      })),
  );
  // Absent content type: only for operations where an absent or empty body is itself invalid.
  if (!schemaAccepts(schema, {})) {
    options.push(fc.constant({ kind: 'no content type', method, url: urlOf(target), payload: validBody }));
  }
  const semantic = target.yaml === 'manifests' ? undefined : semanticMutation(base);
  if (semantic) options.push(semantic.map(({ kind, value }) => jsonRequest(kind, JSON.stringify(value))));

  if (target.yaml === 'manifests') {
    options.push(
      brokenManifests().map((text) =>
        jsonRequest('broken manifests (json)', JSON.stringify({ ...(base as object), manifests: text })),
      ),
      brokenManifests().map((text) => ({
        kind: 'broken manifests (yaml)',
        method,
        url: urlOf(target),
        contentType: 'application/yaml',
        payload: text,
      })),
    );
  }
  if (target.yaml === 'document') {
    const yamlRequest = (kind: string, payload: string): Malformed => ({
      kind,
      method,
      url: urlOf(target),
      contentType: 'application/yaml',
      payload,
    });
    const validYaml = stringify(base);
    options.push(
      schemaMutation(base)
        .filter(({ value }) => !schemaAccepts(schema, value))
        .map(({ kind, value }) => yamlRequest(`${kind} (yaml)`, stringify(value))),
      aliasBomb().map((text) => yamlRequest('yaml alias bomb', text)),
      fc
        .tuple(fc.constantFrom(...Object.keys(base as object)), fc.constantFrom('[]', '{}', 'x', 'null'))
        .map(([key, value]) => yamlRequest('yaml duplicate key', `${validYaml}${key}: ${value}\n`)),
      fc
        .tuple(
          fc.integer({ min: 0, max: validYaml.length - 1 }),
          fc.constantFrom(': :', '\t- x', '[', '{ a', '"', '*undefined', '&a &b x'),
        )
        .map(([at, junk]) => `${validYaml.slice(0, at)}${junk}${validYaml.slice(at)}`)
        .filter((text) => !yamlAccepted(schema, text))
        .map((text) => yamlRequest('broken yaml', text)),
      fc
        .integer({ min: MAX_JSON_DEPTH + 1, max: 3000 })
        .map((depth) => yamlRequest('deep yaml', `components: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)),
    );
    if (semantic) options.push(semantic.map(({ kind, value }) => yamlRequest(`${kind} (yaml)`, stringify(value))));
  }
  return fc.oneof(...options);
}

/** The YAML oracle: parsed as the service parses it, and valid against the schema. */
function yamlAccepted(schema: string, text: string): boolean {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) return false;
  try {
    return schemaAccepts(schema, document.toJS({ maxAliasCount: YAML_MAX_ALIASES }) as Json);
  } catch {
    return false;
  }
}
