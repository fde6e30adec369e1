import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';

export interface GraphqlResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/** POSTs one GraphQL operation to /graphql. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary result shapes
export async function gql<T = Record<string, any>>(
  app: NestFastifyApplication,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlResult<T>> {
  const response = await request(app.getHttpServer()).post('/graphql').send({ query, variables });
  return { status: response.status, data: response.body.data, errors: response.body.errors };
}
