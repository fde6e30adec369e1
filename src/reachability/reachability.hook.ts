import { Injectable, type PipeTransform, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessRuleOf, authorize } from '../common/access/authorize';
import type { Requester } from '../common/access/request-context';
import type { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { ReachabilityController } from './reachability.controller';

/** ReachabilityController.reachabilityOf's route, as Fastify names it. */
export const REACHABILITY_ROUTE = '/v1/applications/:app/reachability';

/**
 * The REST reachability question (a pipeline's "may web reach db?", asked thousands of times) answered
 * in a preHandler hook of its route, before Nest's pipeline, which cost about as much as the answer.
 * It is Nest's pipeline for this one handler, done by hand with the same parts: everything that
 * protects the route has run by then as Fastify hooks (the token, the rate limit; then the headers,
 * metrics and request log); the handler's @RequiresRole is checked by the guard's `authorize`; its path
 * parameters and query go through the global ValidationPipe with the types the handler declares; and
 * the answer is the handler's own, from the controller instance Nest made, as the JSON text it
 * serializes to (ReachabilityController.reachabilityJsonOf).
 *
 * A request the guard's rule or the pipe refuses is left to Nest, which refuses it again the same way.
 * Once the handler has run, its answer is sent here, and so is its error, through the same exception
 * filter Nest would use: a question that fails (an unknown endpoint, a draft that does not lint, no
 * published version) is worked out once, not once here and again in Nest. Nothing is logged or
 * written before the handler runs.
 */
type Args = Parameters<ReachabilityController['reachabilityOf']>;

/** What Fastify sets for a serialized object; a JSON string sent with it is sent as it is. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

@Injectable()
export class ReachabilityHook {
  constructor(private readonly reflector: Reflector) {}

  /**
   * Adds the hook to the route as Nest declares it (so no other route pays for it): before app.init().
   * `controller` is the instance Nest made, `pipe` the global ValidationPipe, `errors` the global filter.
   */
  install(
    fastify: FastifyInstance,
    {
      controller,
      pipe,
      errors,
    }: { controller: ReachabilityController; pipe: PipeTransform; errors: AllExceptionsFilter },
  ): void {
    const rule = accessRuleOf(this.reflector, ReachabilityController.prototype.reachabilityOf, ReachabilityController);
    const [paramsType, queryType] = Reflect.getMetadata(
      'design:paramtypes',
      ReachabilityController.prototype,
      'reachabilityOf',
    ) as [Type, Type];
    /** The handler's arguments, or undefined when the guard's rule or the pipe refuses the request. */
    const accepted = async (request: FastifyRequest) => {
      const { principal } = request;
      const { app } = request.params as { app?: unknown };
      if (principal === undefined || typeof app !== 'string') return undefined;
      try {
        authorize(principal, rule, app);
        const params = (await pipe.transform(request.params, { type: 'param', metatype: paramsType })) as Args[0];
        const query = (await pipe.transform(request.query, { type: 'query', metatype: queryType })) as Args[1];
        const by: Requester = { principal, requestId: String(request.id) };
        return { params, query, by };
      } catch {
        // Refused: Nest's guard or pipe refuses it again, with the error as always.
        return undefined;
      }
    };
    const answer = async (request: FastifyRequest, reply: FastifyReply) => {
      const args = await accepted(request);
      if (args === undefined) return;
      try {
        const json = await controller.reachabilityJsonOf(args.params, args.query, args.by);
        return reply.type(JSON_CONTENT_TYPE).send(json);
      } catch (error) {
        errors.reply(error, request, reply);
        return reply;
      }
    };
    fastify.addHook('onRoute', (route) => {
      if (route.url !== REACHABILITY_ROUTE || !([] as string[]).concat(route.method).includes('GET')) return;
      route.preHandler = [...([] as unknown[]).concat(route.preHandler ?? []), answer] as typeof route.preHandler;
    });
  }
}
