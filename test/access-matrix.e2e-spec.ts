/**
 * Access control, generated from openapi.yaml: every documented operation (the contract spec proves
 * they are exactly the served routes) x every caller (no token, and viewer, editor, publisher,
 * admin) x scope (a token for all applications; a token scoped to the application asked about;
 * one scoped to another). A new operation joins the matrix by being documented with its
 * `x-required-role`; a handler without @RequiresRole/@Public fails here, since the guard refuses it
 * to every caller.
 */
import { randomUUID } from 'node:crypto';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { Response } from 'supertest';
import { ACCESS_METADATA } from '../src/common/access/requires-role.decorator';
import { createThreeTier } from './support/fixtures';
import { useTestApp } from './support/app';
import { documentedOperations, openApiDocument, requestExample, type HttpMethod } from './support/openapi';
import { issueToken, type Role } from './support/tokens';

const ROLES: Role[] = ['viewer', 'editor', 'publisher', 'admin'];
type Required = Role | 'public';
type Scope = 'unscoped' | 'in-scope' | 'out-of-scope';
const SCOPES: Scope[] = ['unscoped', 'in-scope', 'out-of-scope'];

const IN = 'matrix-in';
const OUT = 'matrix-out';
/** Deleted by each allowed DELETE /v1/applications/{app}, and created again before the next one. */
const SPARE = 'matrix-spare';

interface OperationObject {
  readonly 'x-required-role'?: Required;
  /** Admin work that claims something for everyone: only a token for all applications may do it. */
  readonly 'x-all-applications'?: boolean;
  readonly requestBody?: { content: Record<string, { examples?: Record<string, unknown> }> };
}

function operationOf(method: HttpMethod, path: string): OperationObject {
  return (openApiDocument().paths as unknown as Record<string, Record<string, OperationObject>>)[path][method];
}

function sampleBody(method: HttpMethod, path: string): { body?: unknown; contentType?: string } {
  const content = operationOf(method, path).requestBody?.content;
  if (!content) return {};
  const media = 'application/json' in content ? 'application/json' : Object.keys(content)[0];
  const name = Object.keys(content[media].examples ?? {})[0];
  return { body: name ? requestExample(path, method, name, media) : {}, contentType: media };
}

const rank = (role: Role) => ROLES.indexOf(role);

describe('access matrix (openapi.yaml x roles x scopes)', () => {
  const t = useTestApp();
  const tokens = {} as Record<'unscoped' | 'scoped', Record<Role, string>>;
  let flowId = '';

  beforeAll(async () => {
    await createThreeTier(t.api, IN);
    await createThreeTier(t.api, OUT);
    for (const app of [IN, OUT]) {
      expect((await t.api.post(`/v1/applications/${app}/versions`, {})).status).toBe(201);
      expect((await t.api.put(`/v1/applications/${app}/channels/production`, { version: 1 })).status).toBe(201);
    }
    flowId = (await t.api.get(`/v1/applications/${IN}/flows`)).body.items[0].id;
    tokens.unscoped = {} as Record<Role, string>;
    tokens.scoped = {} as Record<Role, string>;
    for (const role of ROLES) {
      tokens.unscoped[role] = await issueToken(t.api, { role });
      tokens.scoped[role] = await issueToken(t.api, { role, applications: [IN, SPARE] });
    }
  });

  const operations = documentedOperations().map(({ method, path }) => {
    const required = operationOf(method, path)['x-required-role'];
    return { method, path, required };
  });

  it('finds @RequiresRole or @Public on every REST handler and GraphQL query and mutation', () => {
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    let handlers = 0;
    const wrappers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [
      ...module.controllers.values(),
      ...module.providers.values(),
    ]);
    for (const wrapper of wrappers) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, object>)[name];
        const isRoute = Reflect.getMetadata('path', handler) !== undefined && Reflect.hasMetadata('method', handler);
        const isOperation = ['Query', 'Mutation', 'Subscription'].includes(
          Reflect.getMetadata('graphql:resolver_type', handler),
        );
        if (!isRoute && !isOperation) continue;
        handlers += 1;
        const declared =
          Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, prototype.constructor);
        if (declared === undefined) undeclared.push(`${prototype.constructor.name}.${name}`);
      }
    }
    expect(undeclared).toEqual([]);
    expect(handlers).toBeGreaterThan(documentedOperations().length);
  });

  it('gives every documented operation an x-required-role', () => {
    expect(operations.filter((o) => o.required === undefined).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  async function call(method: HttpMethod, path: string, scope: Scope, token: string | null): Promise<Response> {
    let app = scope === 'out-of-scope' ? OUT : IN;
    if (method === 'delete' && path === '/v1/applications/{app}' && scope !== 'out-of-scope') {
      app = SPARE;
      await t.api.post('/v1/applications', { name: SPARE }); // 201, or 409 when still there
    }
    const url = path
      .replace('{app}', app)
      .replace('{component}', 'web')
      .replace('{external}', 'internet')
      .replace('{channel}', 'production')
      .replace('{namespace}', 'matrix-extra')
      .replace('{v}', '1')
      .replace('{other}', 'latest')
      .replace('{id}', path.startsWith('/v1/tokens') ? randomUUID() : flowId);
    const { body, contentType } = sampleBody(method, path);
    const options = { token, ...(contentType ? { contentType } : {}) };
    switch (method) {
      case 'get':
        return t.api.get(url, options);
      case 'delete':
        return t.api.delete(url, options);
      case 'post':
        return t.api.post(url, body, options);
      case 'put':
        return t.api.put(url, body, options);
      case 'patch':
        return t.api.patch(url, body, options);
      default:
        throw new Error(`no ${method} in the matrix`);
    }
  }

  describe.each(documentedOperations().map(({ method, path }) => [`${method.toUpperCase()} ${path}`, method, path]))(
    '%s',
    (_label, method, path) => {
      const required = operationOf(method as HttpMethod, path as string)['x-required-role'] as Required;
      const underApplication = (path as string).includes('{app}');
      const allApplications = operationOf(method as HttpMethod, path as string)['x-all-applications'] === true;

      it('answers 401 without a token (unless public)', async () => {
        const response = await call(method as HttpMethod, path as string, 'unscoped', null);
        if (required === 'public') {
          expect([401, 403]).not.toContain(response.status);
        } else {
          expect(response.status).toBe(401);
          expect(response.body.code).toBe('auth/unauthenticated');
          expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
        }
      });

      it.each(ROLES.flatMap((role) => SCOPES.map((scope) => [role, scope] as const)))(
        'as %s, %s',
        async (role, scope) => {
          const token = (scope === 'unscoped' ? tokens.unscoped : tokens.scoped)[role];
          const response = await call(method as HttpMethod, path as string, scope, token);
          const label = `${role} ${scope}: ${response.status} ${response.text.slice(0, 200)}`;
          if (required === 'public') {
            expect([401, 403]).not.toContain(response.status);
          } else if (rank(role) < rank(required)) {
            expect({ label, code: response.body.code }).toEqual({ label, code: 'auth/forbidden' });
            expect(response.status).toBe(403);
          } else if (allApplications && scope !== 'unscoped') {
            // checked before the scope: a scoped admin learns nothing about the application either way
            expect({ label, code: response.body.code }).toEqual({ label, code: 'auth/forbidden' });
            expect(response.status).toBe(403);
          } else if (underApplication && scope === 'out-of-scope') {
            expect({ label, status: response.status }).toEqual({ label, status: 404 });
            expect(response.body.code).toBe('application/not_found');
          } else if (!underApplication && scope !== 'unscoped' && required === 'admin') {
            // admin work outside an application needs a token for all applications
            expect({ label, status: response.status }).toEqual({ label, status: 403 });
          } else {
            expect({ label, denied: [401, 403].includes(response.status) }).toEqual({ label, denied: false });
            if (underApplication) expect(response.body.code).not.toBe('application/not_found');
          }
        },
      );
    },
  );
});
