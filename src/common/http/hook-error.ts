import type { AppError } from '../errors/app-error';
import { errorCodeToGraphqlCategory, errorCodeToHttpStatus } from '../errors/error-code.mappers';

/**
 * An error to throw from a Fastify hook (authentication, rate limit, body timeout). REST answers it
 * through our error handler; on /graphql, Mercurius answers hook errors itself, reading the status and
 * `extensions` off the error, so it carries them in the shape AllExceptionsFilter gives GraphQL errors.
 */
export function hookError(error: AppError, requestId: string): AppError {
  return Object.assign(error, {
    statusCode: errorCodeToHttpStatus(error.code),
    extensions: {
      code: error.code,
      category: errorCodeToGraphqlCategory(error.code),
      details: error.details ?? null,
      requestId,
    },
  });
}
