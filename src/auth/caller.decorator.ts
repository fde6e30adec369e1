import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthenticatedRequest } from './auth.guard';
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

function requestOf(context: ExecutionContext): AuthenticatedRequest {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext<{ reply: { request: AuthenticatedRequest } }>().reply.request
    : context.switchToHttp().getRequest<AuthenticatedRequest>();
}
