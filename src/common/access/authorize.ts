import type { Reflector } from '@nestjs/core';
import { AppError, ErrorCode } from '../errors/app-error';
import { inScope, type Principal } from './request-context';
import { ACCESS_METADATA, type AccessRule } from './requires-role.decorator';
import { roleIncludes } from './roles';

/** What a handler declares (@RequiresRole or @Public, on the method or its class); undefined: nothing. */
export function accessRuleOf(
  reflector: Reflector,
  handler: HandlerOrClass,
  controller: HandlerOrClass,
): AccessRule | undefined {
  return reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [handler, controller]);
}

type HandlerOrClass = Parameters<Reflector['getAllAndOverride']>[1][number];

/**
 * Whether `principal` may call a handler declaring `rule` on `application` (if the route names one);
 * throws the refusal otherwise. The guard's rules 1, 3 and 4 (auth.guard.ts), for the guard and for
 * routes answered before Nest's pipeline (versions/numbered-pull.hook.ts) alike:
 * - a handler that declares no role is denied (fail closed);
 * - a role below the declared one is 403 `auth/forbidden` (before the scope: neither reveals
 *   anything about an application);
 * - a scoped token naming an application outside its scope gets 404 `application/not_found`,
 *   the answer it would get if the application did not exist.
 */
export function authorize(principal: Principal, rule: AccessRule | undefined, application: string | undefined): void {
  if (rule === undefined) {
    throw new AppError(ErrorCode.Forbidden, 'This operation declares no required role, so it is denied to everyone');
  }
  if (rule.public) return;
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
}
