import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorWithProps } from 'mercurius';
import { AppError, ErrorCode, type ErrorDetails } from './app-error';
import { errorCodeToGraphqlCategory, errorCodeToHttpStatus } from './error-code.mappers';
import { fromDatabaseError } from './database-errors';

/** The REST error body: every error answer has exactly this shape. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details: ErrorDetails | null;
  requestId: string;
}

/**
 * The one place errors become responses. Known errors keep their code and message; anything else
 * becomes an opaque 500 carrying only the request id, and is logged with its stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') {
      const context = host.getArgByIndex<{ reply?: FastifyReply } | undefined>(2);
      const requestId = String(context?.reply?.request.id ?? 'unknown');
      const error = this.toAppError(exception, requestId);
      return new ErrorWithProps(error.message, {
        code: error.code,
        category: errorCodeToGraphqlCategory(error.code),
        details: error.details ?? null,
        requestId,
      });
    }
    const http = host.switchToHttp();
    this.reply(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
    return undefined;
  }

  /** Also Fastify's error handler: body-parsing and size errors happen before Nest routes the request. */
  reply(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const error = this.toAppError(exception, String(request.id));
    const statusCode = errorCodeToHttpStatus(error.code);
    const body: ErrorBody = {
      statusCode,
      code: error.code,
      message: error.message,
      details: error.details ?? null,
      requestId: String(request.id),
    };
    // RFC 6750 section 3: a 401 names the scheme the client should use.
    if (error.code === ErrorCode.Unauthenticated) void reply.header('www-authenticate', 'Bearer realm="flowpolicy"');
    void reply.status(statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toAppError(exception: unknown, requestId: string): AppError {
    if (exception instanceof AppError) return exception;
    const fromDatabase = fromDatabaseError(exception);
    if (fromDatabase) {
      if (fromDatabase.code === ErrorCode.DatabaseUnavailable) {
        this.logger.warn(`request ${requestId}: database unavailable: ${describe(exception)}`);
      }
      return fromDatabase;
    }
    const framework = fromFrameworkError(exception);
    if (framework) return framework;
    this.logger.error(
      `request ${requestId}: unhandled error`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return new AppError(ErrorCode.Internal, `Internal error; quote request id ${requestId} when reporting it`);
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message.split('\n')[0]}` : String(exception);
}

/** Errors raised by Nest and Fastify before our code runs: routing, body parsing, size limits. */
function fromFrameworkError(exception: unknown): AppError | undefined {
  if (exception instanceof HttpException) {
    switch (exception.getStatus()) {
      case 404:
        return new AppError(ErrorCode.RouteNotFound, 'No such route');
      case 413:
        return new AppError(ErrorCode.PayloadTooLarge, 'Request body is too large');
      case 415:
        return new AppError(ErrorCode.UnsupportedMediaType, exception.message);
      case 400:
        return new AppError(ErrorCode.InvalidBody, exception.message);
      default:
        return undefined;
    }
  }
  const fastify = exception as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof fastify?.code === 'string' && fastify.code.startsWith('FST_') && typeof fastify.statusCode === 'number') {
    const message = typeof fastify.message === 'string' ? fastify.message : 'Invalid request';
    if (fastify.statusCode === 413) return new AppError(ErrorCode.PayloadTooLarge, 'Request body is too large');
    if (fastify.statusCode === 415) {
      return new AppError(
        ErrorCode.UnsupportedMediaType,
        `${message}; send application/json (or application/yaml where documented)`,
      );
    }
    if (fastify.statusCode === 400) return new AppError(ErrorCode.InvalidBody, `Request body is not valid: ${message}`);
  }
  return undefined;
}
