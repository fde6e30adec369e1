import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { Principal, Requester } from './request-context';

/** The authenticated caller (undefined on @Public handlers): `list(@Caller() caller: Principal)`. */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined => requestOf(context).principal,
);

/** The caller and the request id, for a write's audit event: `create(..., @RequestedBy() by: Requester)`. */
export const RequestedBy = createParamDecorator((_: unknown, context: ExecutionContext): Requester => {
  const request = requestOf(context);
  return { principal: request.principal, requestId: String(request.id) };
});

function requestOf(context: ExecutionContext): FastifyRequest {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext<{ reply: { request: FastifyRequest } }>().reply.request
    : context.switchToHttp().getRequest<FastifyRequest>();
}
