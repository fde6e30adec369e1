import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { AnalysisModule } from './analysis/analysis.module';
import { ApplicationsModule } from './applications/applications.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/config';
import { GraphqlAnswerCacheModule } from './common/graphql/answer-cache';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { complexityLimitRule } from './graphql/complexity-limit.rule';
import { aliasLimitHook } from './graphql/alias-limit.hook';
import { depthLimitRule } from './graphql/depth-limit.rule';
import { costLimitHook, nestingLimitHook } from './graphql/query-limits';
import { dropPropertyResolvers } from './graphql/property-resolvers';
import { GuardrailsModule } from './guardrails/guardrails.module';
import { HealthModule } from './health/health.module';
import { ReachabilityModule } from './reachability/reachability.module';
import { MetricsModule } from './metrics/metrics.module';
import { TopologyModule } from './topology/topology.module';
import { VersionsModule } from './versions/versions.module';

/** Depth limit for GraphQL queries: deep enough for application { flows { from { ... } } }. */
export const GRAPHQL_MAX_DEPTH = 8;
/**
 * Cost limit for GraphQL queries (complexity-limit.rule.ts): fields, with lists multiplied by their
 * page size. A portal page of 100 applications with their components and ports costs about 45,000.
 */
export const GRAPHQL_MAX_COST = 100_000;
/** Aliased fields in one operation: a portal asking a few reachability questions at once fits. */
export const GRAPHQL_MAX_ALIASES = 100;

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        GraphqlAnswerCacheModule,
        DatabaseModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        ApplicationsModule,
        TopologyModule,
        VersionsModule,
        ReachabilityModule,
        AnalysisModule,
        AuditModule,
        GuardrailsModule,
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          autoSchemaFile: true,
          sortSchema: true,
          // Nest checks a code-first schema by running the full introspection query on it, a third of
          // the schema build (~0.17 s of every start). Mercurius validates the schema when the server
          // becomes ready (graphql's validateSchema: an invalid one still stops the start), and
          // schema-sdl.spec builds it with Nest's check.
          buildSchemaOptions: { skipCheck: true },
          path: '/graphql',
          graphiql: false,
          // graphql-jit compiles a query the second time it is seen: a portal asks the same few
          // queries over and over, and large lists (allowedFlows) execute several times faster.
          jit: 1,
          transformSchema: dropPropertyResolvers,
          // Field resolvers (Application.reachability, ...) answer errors with the same codes as queries.
          fieldResolverEnhancers: ['filters'],
          validationRules: [depthLimitRule(GRAPHQL_MAX_DEPTH), complexityLimitRule(GRAPHQL_MAX_COST)],
          hooks: {
            preParsing: [nestingLimitHook],
            preValidation: [aliasLimitHook(GRAPHQL_MAX_ALIASES)],
            preExecution: [costLimitHook(GRAPHQL_MAX_COST)],
          },
        }),
      ],
    };
  }
}
