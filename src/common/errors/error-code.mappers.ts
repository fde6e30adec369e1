import { ErrorCode } from './app-error';

function assertUnreachable(code: never): never {
  throw new Error(`Unmapped error code: ${String(code)}`);
}

export function errorCodeToHttpStatus(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.InvalidBody:
    case ErrorCode.ManifestsInvalid:
      return 400;
    case ErrorCode.RouteNotFound:
    case ErrorCode.ApplicationNotFound:
    case ErrorCode.ComponentNotFound:
    case ErrorCode.ExternalNotFound:
    case ErrorCode.FlowNotFound:
    case ErrorCode.VersionNotFound:
    case ErrorCode.ChannelNotFound:
    case ErrorCode.TokenNotFound:
    case ErrorCode.NamespaceNotGranted:
    case ErrorCode.GuardrailVersionNotFound:
      return 404;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.ApplicationExists:
    case ErrorCode.TokenExists:
    case ErrorCode.ComponentInUse:
    case ErrorCode.ExternalInUse:
    case ErrorCode.NamespaceTaken:
    case ErrorCode.NamespaceInUse:
    case ErrorCode.VersionConflict:
    case ErrorCode.GuardrailsConflict:
      return 409;
    case ErrorCode.TopologyPreconditionFailed:
    case ErrorCode.GuardrailsPreconditionFailed:
      return 412;
    case ErrorCode.BodyTimeout:
      return 408;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.UnsupportedMediaType:
      return 415;
    case ErrorCode.TopologyInvalid:
    case ErrorCode.VersionInvalid:
    case ErrorCode.ReachabilityUnknownEndpoint:
    case ErrorCode.ReachabilityUnknownPort:
    case ErrorCode.NamespaceNotOwned:
    case ErrorCode.NamespaceReserved:
    case ErrorCode.VersionGuardrailDenied:
    case ErrorCode.GuardrailsInvalid:
      return 422;
    case ErrorCode.DatabaseUnavailable:
    case ErrorCode.ShuttingDown:
      return 503;
    case ErrorCode.Internal:
      return 500;
    default:
      return assertUnreachable(code);
  }
}

/** GraphQL `extensions.category`, a coarse class beside `extensions.code` (which is the ErrorCode itself, as in REST). */
export function errorCodeToGraphqlCategory(code: ErrorCode): string {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.InvalidBody:
    case ErrorCode.UnsupportedMediaType:
    case ErrorCode.PayloadTooLarge:
    case ErrorCode.BodyTimeout:
    case ErrorCode.ManifestsInvalid:
      return 'BAD_USER_INPUT';
    case ErrorCode.RouteNotFound:
    case ErrorCode.ApplicationNotFound:
    case ErrorCode.ComponentNotFound:
    case ErrorCode.ExternalNotFound:
    case ErrorCode.FlowNotFound:
    case ErrorCode.VersionNotFound:
    case ErrorCode.ChannelNotFound:
    case ErrorCode.TokenNotFound:
    case ErrorCode.NamespaceNotGranted:
    case ErrorCode.GuardrailVersionNotFound:
      return 'NOT_FOUND';
    case ErrorCode.Unauthenticated:
      return 'UNAUTHENTICATED';
    case ErrorCode.Forbidden:
      return 'FORBIDDEN';
    case ErrorCode.ApplicationExists:
    case ErrorCode.TokenExists:
    case ErrorCode.ComponentInUse:
    case ErrorCode.ExternalInUse:
    case ErrorCode.NamespaceTaken:
    case ErrorCode.NamespaceInUse:
    case ErrorCode.VersionConflict:
    case ErrorCode.GuardrailsConflict:
      return 'CONFLICT';
    case ErrorCode.TopologyInvalid:
    case ErrorCode.VersionInvalid:
    case ErrorCode.ReachabilityUnknownEndpoint:
    case ErrorCode.ReachabilityUnknownPort:
    case ErrorCode.NamespaceNotOwned:
    case ErrorCode.NamespaceReserved:
    case ErrorCode.VersionGuardrailDenied:
    case ErrorCode.GuardrailsInvalid:
      return 'UNPROCESSABLE';
    case ErrorCode.TopologyPreconditionFailed:
    case ErrorCode.GuardrailsPreconditionFailed:
      return 'PRECONDITION_FAILED';
    case ErrorCode.RateLimited:
      return 'RATE_LIMITED';
    case ErrorCode.DatabaseUnavailable:
    case ErrorCode.ShuttingDown:
      return 'SERVICE_UNAVAILABLE';
    case ErrorCode.Internal:
      return 'INTERNAL_SERVER_ERROR';
    default:
      return assertUnreachable(code);
  }
}
