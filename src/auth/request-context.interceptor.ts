import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from './auth.guard';
import { requestContext } from './request-context';

/**
 * Runs each handler inside requestContext with the caller the guard authenticated, so services
 * (versions, audit) read it with currentPrincipal(). Nest binds the handler to the async context
 * in which `next.handle()` is called, so calling it inside `run` is enough.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = requestOf(context);
    const store = { principal: request?.principal, requestId: String(request?.id ?? 'unknown') };
    return requestContext.run(store, () => next.handle());
  }
}

function requestOf(context: ExecutionContext): AuthenticatedRequest | undefined {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ reply?: { request: AuthenticatedRequest } }>().reply
      ?.request;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}
