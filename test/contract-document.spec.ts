/**
 * openapi.yaml on its own (no app, no database): a valid OpenAPI 3.1 document, schemas that
 * compile, examples that satisfy their schemas, and error codes that match the code's ErrorCode.
 */
import { execFileSync } from 'node:child_process';
import { ErrorCode, FIELD_PROBLEM_CODES, OPTIONAL_FIELD_PROBLEM_CODES } from '../src/common/errors/app-error';
import { errorCodeToHttpStatus } from '../src/common/errors/error-code.mappers';
import {
  OPENAPI_FILE,
  compileAllSchemas,
  documentedOperations,
  openApiDocument,
  requestExample,
  routeTemplateOf,
  schemaProblems,
} from './support/openapi';
import Fastify from 'fastify';
import { parse } from 'yaml';
import { servedRoutes } from './support/served-routes';

/**
 * @readme/openapi-parser and its $ref parser ship as ES modules, which Jest's CommonJS runtime
 * cannot load untransformed; a plain Node process can, so the validation runs there.
 */
function validateWithParser(file: string): { valid: boolean; errors: string; warnings: string[] } {
  const script = `
    const { validate, compileErrors } = require('@readme/openapi-parser');
    const { parse } = require('yaml');
    const document = parse(require('node:fs').readFileSync(process.argv[1], 'utf8'));
    validate(document).then((result) => {
      process.stdout.write(JSON.stringify({
        valid: result.valid,
        errors: result.valid ? '' : compileErrors(result),
        warnings: result.warnings.map((w) => w.message),
      }));
    });
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, file], { cwd: __dirname, encoding: 'utf8' }));
}

describe('openapi.yaml', () => {
  const document = openApiDocument();

  it('is a valid OpenAPI 3.1 document', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const result = validateWithParser(OPENAPI_FILE);
    expect(result.errors).toBe('');
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('compiles every schema it uses with strict JSON Schema 2020-12', () => {
    expect(compileAllSchemas().length).toBeGreaterThan(30);
  });

  it('lists exactly the values of ErrorCode in src/common/errors/app-error.ts', () => {
    expect([...(document.components.schemas.ErrorCode.enum ?? [])].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('gives every error code exactly one rule for its details, the one app-error.ts types', () => {
    const { schemas } = document.components;
    const rules = (schemas.Error as unknown as { allOf: { if: { properties: { code: Record<string, unknown> } } }[] })
      .allOf;
    const codesOf = (code: Record<string, unknown>): string[] => {
      if (typeof code.const === 'string') return [code.const];
      const name = String(code.$ref).replace('#/components/schemas/', '');
      return [...(schemas[name].enum ?? [])];
    };
    const ruled = rules.flatMap((rule) => codesOf(rule.if.properties.code));
    expect([...ruled].sort()).toEqual(Object.values(ErrorCode).sort());
    expect(new Set(ruled).size).toBe(ruled.length);
    expect([...(schemas.FieldProblemsErrorCode.enum ?? [])].sort()).toEqual([...FIELD_PROBLEM_CODES].sort());
    expect(codesOf({ const: 'request/invalid_body' })).toEqual([...OPTIONAL_FIELD_PROBLEM_CODES]);
  });

  it('holds each error body to the details its code carries', () => {
    const error = (code: string, details: unknown) => ({
      statusCode: 409,
      code,
      message: 'm',
      details,
      requestId: 'r',
    });
    const uses = [{ field: 'flows[3f0c].to.component', reason: 'names component "db"' }];
    expect(schemaProblems('Error', error('component/in_use', uses))).toEqual([]);
    // The shape component/in_use had before: an object of flow ids.
    expect(schemaProblems('Error', error('component/in_use', { flows: ['3f0c'] }))).not.toEqual([]);
    expect(schemaProblems('Error', error('namespace/in_use', { components: ['w'] }))).not.toEqual([]);
    expect(schemaProblems('Error', error('version/not_found', uses))).not.toEqual([]);
    expect(schemaProblems('Error', error('version/conflict', { retry: true, reason: 'r' }))).toEqual([]);
    expect(schemaProblems('Error', error('version/conflict', null))).not.toEqual([]);
    expect(schemaProblems('Error', error('request/invalid_body', null))).toEqual([]);
  });

  it('pins each error response to codes whose HTTP status is that response status', () => {
    const mismatches: string[] = [];
    for (const [name, response] of Object.entries(document.components.responses)) {
      const schema = response.content?.['application/json']?.schema;
      // Error responses are `allOf: [Error, {pinned statusCode and code}]`; others (Manifests) have no codes.
      if (!schema?.allOf) continue;
      const pinned = schema.allOf[1].properties;
      const codes = (pinned.code.const !== undefined ? [pinned.code.const] : (pinned.code.enum ?? [])) as ErrorCode[];
      for (const code of codes) {
        if (errorCodeToHttpStatus(code) !== pinned.statusCode.const) {
          mismatches.push(
            `${name}: ${code} maps to ${errorCodeToHttpStatus(code)}, not ${String(pinned.statusCode.const)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('documents every operation with its responses and a unique operationId', () => {
    const operations = documentedOperations();
    expect(operations.length).toBe(46);
    const ids = operations.map(({ method, path }) => document.paths[path][method].operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives request examples that satisfy their own schemas', () => {
    const problems: string[] = [];
    for (const { method, path } of documentedOperations()) {
      const content = document.paths[path][method].requestBody?.content ?? {};
      for (const [media, { schema, examples }] of Object.entries(content)) {
        for (const name of Object.keys(examples ?? {})) {
          const value = requestExample(path, method, name, media);
          const body = typeof value === 'string' ? parse(value) : value;
          const schemaName = schema.$ref.split('/').pop() ?? '';
          for (const problem of schemaProblems(schemaName, body))
            problems.push(`${method} ${path} ${media} ${name}: ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('rejects shapes the API rejects', () => {
    expect(schemaProblems('FlowPortInput', { port: '8080' })).not.toEqual([]);
    expect(schemaProblems('FlowPortInput', { port: 'http', endPort: 90 })).not.toEqual([]);
    expect(schemaProblems('FlowPortInput', { port: 0 })).not.toEqual([]);
    expect(schemaProblems('FlowPeer', { component: 'web', external: 'internet' })).not.toEqual([]);
    expect(schemaProblems('FlowPeer', { selector: {} })).not.toEqual([]);
    expect(schemaProblems('PortName', 'a--b')).not.toEqual([]);
    expect(schemaProblems('LabelSelectorRequirement', { key: 'tier', operator: 'In' })).not.toEqual([]);
    expect(schemaProblems('LabelSelectorRequirement', { key: 'tier', operator: 'Exists', values: [] })).not.toEqual([]);
    expect(schemaProblems('ComponentInput', { labels: {} })).not.toEqual([]);
    expect(schemaProblems('CreateApplication', { name: 'Shop' })).not.toEqual([]);
  });

  it('maps concrete URLs to their path templates', () => {
    expect(routeTemplateOf('/v1/applications')).toBe('/v1/applications');
    expect(routeTemplateOf('/v1/applications/shop?x=1')).toBe('/v1/applications/{app}');
    expect(routeTemplateOf('/v1/applications/shop/components/web')).toBe(
      '/v1/applications/{app}/components/{component}',
    );
    expect(routeTemplateOf('/health/ready')).toBe('/health/ready');
    expect(routeTemplateOf('/v1/nope')).toBeUndefined();
  });
});

describe('servedRoutes', () => {
  it('reads back every route of a Fastify instance, parameters in OpenAPI style', async () => {
    const fastify = Fastify();
    const registered = [
      ['POST', '/v1/applications'],
      ['GET', '/v1/applications'],
      ['GET', '/v1/applications/:app'],
      ['DELETE', '/v1/applications/:app'],
      ['GET', '/v1/applications/:app/components/:component'],
      ['PUT', '/v1/applications/:app/components/:component'],
      ['GET', '/v1/applications/:app/flows/:id'],
      ['GET', '/v1/applications/:app/topology'],
      ['GET', '/health'],
      ['GET', '/health/ready'],
    ];
    for (const [method, url] of registered) fastify.route({ method, url, handler: async () => ({}) });
    await fastify.ready();
    const served = servedRoutes(fastify)
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(served).toEqual(registered.map(([m, u]) => `${m} ${u.replace(/:(\w+)/g, '{$1}')}`).sort());
    await fastify.close();
  });
});
