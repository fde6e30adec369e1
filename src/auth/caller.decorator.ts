import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthenticatedRequest } from './auth.guard';
import type { Principal } from './request-context';

/** The authenticated caller (undefined on @Public handlers): `list(@Caller() caller: Principal)`. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Principal | undefined => {
  const request =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ reply: { request: AuthenticatedRequest } }>().reply.request
      : context.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.principal;
});
