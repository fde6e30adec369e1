import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { authorizationOf } from './authentication.hook';
import { inScope } from '../common/access/request-context';
import { ACCESS_METADATA, type AccessRule } from '../common/access/requires-role.decorator';
import { roleIncludes } from '../common/access/roles';
import { TokensService } from './tokens.service';

/** The request as the guard leaves it: the caller, for @Caller() and @RequestedBy(). */

/**
 * The global guard (APP_GUARD), for REST handlers and GraphQL queries and mutations alike:
 * 1. a handler that declares neither @RequiresRole nor @Public is denied (fail closed);
 * 2. @Public handlers are open; every other one needs a valid token (401 `auth/unauthenticated`);
 * 3. a role below the declared one is 403 `auth/forbidden` (before the scope: neither reveals
 *    anything about an application);
 * 4. a scoped token naming an application outside its scope gets 404 `application/not_found`,
 *    the answer it would get if the application did not exist.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule?.public) return true;
    const { request, application } = target(context, rule?.applicationArg);
    // Verified as the request arrived (authentication.hook.ts), before its body was parsed.
    const principal = request.principal ?? (await this.tokens.authenticate(authorizationOf(request)));
    request.principal = principal;
    if (rule === undefined) {
      throw new AppError(ErrorCode.Forbidden, 'This operation declares no required role, so it is denied to everyone');
    }
    if (!roleIncludes(principal.role, rule.role)) {
      throw new AppError(
        ErrorCode.Forbidden,
        `This operation needs the ${rule.role} role; the token has ${principal.role}`,
      );
    }
    if (rule.allApplications && principal.applications.length > 0) {
      throw new AppError(ErrorCode.Forbidden, 'This operation needs a token for all applications');
    }
    if (application !== undefined && !inScope(principal, application)) {
      throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', application);
    }
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
