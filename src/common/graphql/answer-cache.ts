import { createParamDecorator, Global, Inject, Injectable, Module, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';

/**
 * Fields whose resolvers call `GraphqlAnswerCache.depend` with what their answer is made of. Every
 * other field of a query kept here has no resolver at all: it reads a property of its parent, so
 * it answers alike as long as its parent is the same object.
 */
export const DEPENDING_FIELDS: ReadonlySet<string> = new Set(['Query.application', 'Application.allowedFlows']);

/** Answers kept: at most this many, and about this many bytes (the portal's allowedFlows is ~70 KB). */
const CACHED_ANSWERS_MAX = 1_000;
const CACHED_ANSWERS_BYTES = 64 * 1024 * 1024;

/** What one resolver's answer was made of: `value`, as long as `current()` still answers it. */
interface Dependency {
  readonly value: object;
  readonly current: () => Promise<object>;
}

interface Answer {
  readonly body: Buffer;
  readonly dependencies: readonly Dependency[];
}

/**
 * The serialized answer of a GraphQL query that a portal repeats (its allowedFlows: executing and
 * serializing hundreds of flows was most of the request's time), kept per caller and query text and
 * served again while what it was made of is the very same: each resolver of such a query names the
 * objects its answer came from (the application, the version's allowed flows, themselves from
 * ApplicationsService's and VersionsService's caches), and a hit asks those services again and
 * compares identities. So an answer is never staler than the caches it came from: a write here
 * makes them forget at once, a write elsewhere within CACHE_TTL_MS.
 *
 * Only queries whose every field is either in DEPENDING_FIELDS or has no resolver are kept, only
 * answers without errors, and the key holds the caller's token (its role and scope never change):
 * the token is verified for every request as it arrives, and the answer is one that token was
 * already authorized for. CACHE_TTL_MS=0 turns this off with the other caches.
 */
@Injectable()
export class GraphqlAnswerCache {
  private readonly answers?: LRUCache<string, Answer>;
  private readonly recording = new WeakMap<FastifyRequest, { key: string; dependencies: Dependency[] }>();
  /** Query text -> whether its answer may be kept (see DEPENDING_FIELDS). */
  private readonly keepable = new LRUCache<string, boolean>({ max: 1_000 });
  private counters = { hits: 0, misses: 0 };

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.cacheTtlMs <= 0) return;
    this.answers = new LRUCache<string, Answer>({
      max: CACHED_ANSWERS_MAX,
      maxSize: CACHED_ANSWERS_BYTES,
      sizeCalculation: (answer) => answer.body.length + 1,
    });
  }

  /** From a resolver in DEPENDING_FIELDS: its answer is `value` for as long as `current()` answers `value`. */
  depend(request: FastifyRequest, value: object, current: () => Promise<object>): void {
    this.recording.get(request)?.dependencies.push({ value, current });
  }

  /** Hits and misses, for tests. */
  stats(): { hits: number; misses: number; size: number } {
    return { ...this.counters, size: this.answers?.size ?? 0 };
  }

  /**
   * Serves kept answers before Mercurius parses a query, and keeps new ones as they are sent: hooks
   * of the `POST path` route only (added as Mercurius declares it), so no other route pays for them.
   */
  install(fastify: FastifyInstance, path: string): void {
    const answers = this.answers;
    if (answers === undefined) return;
    const serveKept = async (request: FastifyRequest, reply: FastifyReply) => {
      const key = keyOf(request);
      if (key === undefined) return;
      const kept = answers.get(key);
      if (kept !== undefined && (await stillCurrent(kept.dependencies))) {
        this.counters.hits += 1;
        return reply.type('application/json; charset=utf-8').send(kept.body);
      }
      this.counters.misses += 1;
      this.recording.set(request, { key, dependencies: [] });
    };
    const keepNew = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const recorded = this.recording.get(request);
      if (recorded === undefined) return payload;
      this.recording.delete(request);
      if (
        reply.statusCode === 200 &&
        typeof payload === 'string' &&
        recorded.dependencies.length > 0 &&
        // Any answer with errors is made again (the substring can only miss a keepable answer).
        !payload.includes('"errors"') &&
        this.mayKeep(fastify, (request.body as { query: string }).query)
      ) {
        answers.set(recorded.key, { body: Buffer.from(payload), dependencies: recorded.dependencies });
      }
      return payload;
    };
    fastify.addHook('onRoute', (route) => {
      const methods = ([] as string[]).concat(route.method);
      if (route.url !== path || !methods.includes('POST')) return;
      route.preHandler = [...([] as unknown[]).concat(route.preHandler ?? []), serveKept] as typeof route.preHandler;
      route.onSend = [...([] as unknown[]).concat(route.onSend ?? []), keepNew] as typeof route.onSend;
    });
  }

  private mayKeep(fastify: FastifyInstance, query: string): boolean {
    let keep = this.keepable.get(query);
    if (keep === undefined) {
      const schema = (fastify as unknown as { graphql?: { schema: GraphQLSchema } }).graphql?.schema;
      this.keepable.set(query, (keep = schema !== undefined && onlyKeepableFields(schema, query)));
    }
    return keep;
  }
}

/** The caller's token, role and scope, and the query: one operation in a JSON body, else undefined. */
function keyOf(request: FastifyRequest): string | undefined {
  const { principal } = request;
  const body = request.body as { query?: unknown; operationName?: unknown; variables?: unknown } | undefined;
  if (principal === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  if (typeof body.query !== 'string') return undefined;
  return JSON.stringify([
    principal.id,
    principal.role,
    principal.applications,
    body.query,
    body.operationName ?? null,
    body.variables ?? null,
  ]);
}

async function stillCurrent(dependencies: readonly Dependency[]): Promise<boolean> {
  for (const { value, current } of dependencies) {
    try {
      if ((await current()) !== value) return false;
    } catch {
      // Gone (deleted, say): the query runs and answers whatever error applies.
      return false;
    }
  }
  return true;
}

/** A query (no mutation) whose fields all depend (DEPENDING_FIELDS) or read a property of their parent. */
export function onlyKeepableFields(schema: GraphQLSchema, query: string): boolean {
  let document;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  let keep = true;
  const info = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(info, {
      OperationDefinition(node) {
        if (node.operation !== 'query') keep = false;
      },
      Field(node) {
        if (node.name.value.startsWith('__')) return;
        const parent = info.getParentType();
        const field = info.getFieldDef();
        if (!parent || !field) {
          keep = false;
          return;
        }
        if (field.resolve !== undefined && !DEPENDING_FIELDS.has(`${parent.name}.${field.name}`)) keep = false;
      },
    }),
  );
  return keep;
}

/**
 * The request a resolver runs for, to name what its answer depends on: `@AnsweringRequest() request`.
 * (A custom decorator: validation leaves it alone, while `@Context('reply')` would be walked.)
 */
export const AnsweringRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): FastifyRequest =>
    GqlExecutionContext.create(context).getContext<{ reply: FastifyReply }>().reply.request,
);

/** One answer cache per process, for the resolvers of DEPENDING_FIELDS and for app.factory. */
@Global()
@Module({ providers: [GraphqlAnswerCache], exports: [GraphqlAnswerCache] })
export class GraphqlAnswerCacheModule {}
