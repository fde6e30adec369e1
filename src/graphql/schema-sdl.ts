import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { ApplicationsResolver } from '../applications/applications.resolver';
import { NamespacesResolver } from '../applications/namespaces.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { TokensResolver } from '../auth/tokens.resolver';
import { GuardrailsResolver } from '../guardrails/guardrails.resolver';
import { TopologyResolver } from '../topology/topology.resolver';
import { ReachabilityResolver } from '../reachability/reachability.resolver';
import { VersionsResolver } from '../versions/versions.resolver';

/** Every resolver class the GraphQL API serves; schema.graphql is printed from exactly these. */
export const RESOLVERS = [
  ApplicationsResolver,
  NamespacesResolver,
  TopologyResolver,
  VersionsResolver,
  ReachabilityResolver,
  TokensResolver,
  AuditResolver,
  GuardrailsResolver,
];

/** The SDL of the code-first schema, sorted as the server sorts it (sortSchema: true). */
export async function buildSchemaSdl(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}
