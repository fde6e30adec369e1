import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { TEST_ADMIN_TOKEN } from './tokens';

export interface GraphqlResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/** POSTs one GraphQL operation to /graphql, with the test admin token unless `options.token` says otherwise (null: none). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary result shapes
export async function gql<T = Record<string, any>>(
  app: NestFastifyApplication,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string | null } = {},
): Promise<GraphqlResult<T>> {
  let pending = request(app.getHttpServer()).post('/graphql');
  const token = options.token === undefined ? TEST_ADMIN_TOKEN : options.token;
  if (token !== null) pending = pending.set('authorization', `Bearer ${token}`);
  const response = await pending.send({ query, variables });
  return { status: response.status, data: response.body.data, errors: response.body.errors };
}
