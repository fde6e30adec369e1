import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { authorizationOf } from './authentication.hook';
import { accessRuleOf, authorize } from '../common/access/authorize';
import { TokensService } from './tokens.service';

/**
 * The global guard (APP_GUARD), for REST handlers and GraphQL queries and mutations alike:
 * 1. a handler that declares neither @RequiresRole nor @Public is denied (fail closed);
 * 2. @Public handlers are open; every other one needs a valid token (401 `auth/unauthenticated`);
 * 3. a role below the declared one is 403 `auth/forbidden` (before the scope: neither reveals
 *    anything about an application);
 * 4. a scoped token naming an application outside its scope gets 404 `application/not_found`,
 *    the answer it would get if the application did not exist.
 * Rules 1, 3 and 4 are `authorize` (common/access/authorize.ts), which routes answered before Nest's
 * pipeline call too.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, context.getHandler(), context.getClass());
    if (rule?.public) return true;
    const { request, application } = target(context, rule?.applicationArg);
    // Verified as the request arrived (authentication.hook.ts), before its body was parsed.
    const principal = request.principal ?? (await this.tokens.authenticate(authorizationOf(request)));
    request.principal = principal;
    authorize(principal, rule, application);
    return true;
  }
}

function target(
  context: ExecutionContext,
  applicationArg = 'application',
): {
  request: FastifyRequest;
  application?: string;
} {
  if (context.getType<string>() === 'graphql') {
    const gql = GqlExecutionContext.create(context);
    const request = gql.getContext<{ reply: { request: FastifyRequest } }>().reply.request;
    const value = gql.getArgs<Record<string, unknown>>()[applicationArg];
    return { request, application: typeof value === 'string' ? value : undefined };
  }
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const value = (request.params as Record<string, unknown> | undefined)?.app;
  return { request, application: typeof value === 'string' ? value : undefined };
}
