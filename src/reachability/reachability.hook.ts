import { Injectable, type PipeTransform, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessRuleOf, authorize } from '../common/access/authorize';
import type { Requester } from '../common/access/request-context';
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
 * the answer is the handler's own, from the controller instance Nest made.
 *
 * Only a request that all of these accept is answered here. On any refusal or error the hook does
 * nothing and Nest answers as it always has (its guard, pipe and handler refuse it again the same way,
 * through the exception filter); nothing is logged or written before an answer succeeds.
 */
@Injectable()
export class ReachabilityHook {
  constructor(private readonly reflector: Reflector) {}

  /**
   * Adds the hook to the route as Nest declares it (so no other route pays for it): before app.init().
   * `controller` is the instance Nest made, `pipe` the global ValidationPipe.
   */
  install(
    fastify: FastifyInstance,
    { controller, pipe }: { controller: ReachabilityController; pipe: PipeTransform },
  ): void {
    const rule = accessRuleOf(this.reflector, ReachabilityController.prototype.reachabilityOf, ReachabilityController);
    const [paramsType, queryType] = Reflect.getMetadata(
      'design:paramtypes',
      ReachabilityController.prototype,
      'reachabilityOf',
    ) as [Type, Type];
    const answered = async (request: FastifyRequest): Promise<unknown> => {
      const { principal } = request;
      const { app } = request.params as { app?: unknown };
      if (principal === undefined || typeof app !== 'string') return undefined;
      try {
        authorize(principal, rule, app);
        const params = await pipe.transform(request.params, { type: 'param', metatype: paramsType });
        const query = await pipe.transform(request.query, { type: 'query', metatype: queryType });
        const by: Requester = { principal, requestId: String(request.id) };
        return await controller.reachabilityOf(params, query, by);
      } catch {
        // Refused or failed: Nest's pipeline answers it, with the error as always.
        return undefined;
      }
    };
    const answer = async (request: FastifyRequest, reply: FastifyReply) => {
      const body = await answered(request);
      if (body === undefined) return;
      return reply.send(body);
    };
    fastify.addHook('onRoute', (route) => {
      if (route.url !== REACHABILITY_ROUTE || !([] as string[]).concat(route.method).includes('GET')) return;
      route.preHandler = [...([] as unknown[]).concat(route.preHandler ?? []), answer] as typeof route.preHandler;
    });
  }
}
