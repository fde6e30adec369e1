/**
 * The HTTP client every e2e spec uses: supertest against the real app, with each answer checked
 * against openapi.yaml before the test sees it. A spec that receives a response therefore knows
 * the status, content type, headers and body are ones the contract documents.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { type Response } from 'supertest';
import { stringify } from 'yaml';
import { assertMatchesContract, routeTemplateOf } from './openapi';
import { TEST_ADMIN_TOKEN } from './tokens';

export interface RequestOptions {
  /** Extra request headers, e.g. `{ accept: 'application/yaml', 'x-request-id': 'abc' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The body's content type; JSON by default. An object body is serialised to YAML for a YAML type. */
  readonly contentType?: string;
  /** The bearer token to send: the client's default (the test admin token) unless given; null sends none. */
  readonly token?: string | null;
}

export interface ContractClient {
  get(url: string, options?: RequestOptions): Promise<Response>;
  delete(url: string, options?: RequestOptions): Promise<Response>;
  post(url: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  put(url: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  patch(url: string, body?: unknown, options?: RequestOptions): Promise<Response>;
}

type Method = 'get' | 'delete' | 'post' | 'put' | 'patch';

/** A client that sends `defaultToken` (the test admin token unless given; null: no token) on every request. */
export function contractClient(
  app: NestFastifyApplication,
  defaultToken: string | null = TEST_ADMIN_TOKEN,
): ContractClient {
  const server = app.getHttpServer();

  async function send(method: Method, url: string, body: unknown, options: RequestOptions = {}): Promise<Response> {
    let pending = request(server)[method](url);
    const token = options.token === undefined ? defaultToken : options.token;
    if (token !== null) pending = pending.set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) pending = pending.set(name, value);
    if (body !== undefined) {
      const contentType = options.contentType ?? 'application/json';
      pending = pending.set('content-type', contentType);
      pending = pending.send(serialise(body, contentType));
    }
    const response = await pending;
    checkAgainstContract(method, url, response);
    return response;
  }

  return {
    get: (url, options) => send('get', url, undefined, options),
    delete: (url, options) => send('delete', url, undefined, options),
    post: (url, body, options) => send('post', url, body, options),
    put: (url, body, options) => send('put', url, body, options),
    patch: (url, body, options) => send('patch', url, body, options),
  };
}

function serialise(body: unknown, contentType: string): string | object {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body as string;
  if (/yaml/i.test(contentType)) return stringify(body);
  if (/json/i.test(contentType)) return JSON.stringify(body);
  return body as object;
}

function checkAgainstContract(method: Method, url: string, response: Response): void {
  const contentType = response.headers['content-type'] as string | undefined;
  // supertest parses JSON into `body` only; for anything else (YAML) the contract check parses `text`.
  const body = contentType && /json/i.test(contentType) ? response.body : response.text;
  const template = routeTemplateOf(url) ?? url.split('?')[0];
  try {
    assertMatchesContract(method, template, response.status, contentType, body, response.headers);
  } catch (error) {
    (error as Error).message = `${method.toUpperCase()} ${url}: ${(error as Error).message}`;
    throw error;
  }
}
