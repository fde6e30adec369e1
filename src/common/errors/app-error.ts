/**
 * One error model for both transports. Domain code throws AppError with a code from ErrorCode;
 * error-code.mappers.ts turns the code into an HTTP status and a GraphQL extensions.code, and a new
 * code does not compile until both map it.
 */
export const ErrorCode = {
  ValidationFailed: 'validation/failed',
  InvalidBody: 'request/invalid_body',
  UnsupportedMediaType: 'request/unsupported_media_type',
  PayloadTooLarge: 'request/payload_too_large',
  BodyTimeout: 'request/body_timeout',
  RateLimited: 'request/rate_limited',
  RouteNotFound: 'route/not_found',
  ApplicationNotFound: 'application/not_found',
  ApplicationExists: 'application/already_exists',
  ComponentNotFound: 'component/not_found',
  ComponentInUse: 'component/in_use',
  ExternalNotFound: 'external/not_found',
  ExternalInUse: 'external/in_use',
  FlowNotFound: 'flow/not_found',
  TopologyInvalid: 'topology/invalid',
  TopologyPreconditionFailed: 'topology/precondition_failed',
  VersionNotFound: 'version/not_found',
  VersionInvalid: 'version/invalid',
  VersionConflict: 'version/conflict',
  ChannelNotFound: 'channel/not_found',
  VersionGuardrailDenied: 'version/guardrail_denied',
  GuardrailsInvalid: 'guardrails/invalid',
  GuardrailsPreconditionFailed: 'guardrails/precondition_failed',
  GuardrailVersionNotFound: 'guardrails/version_not_found',
  GuardrailsConflict: 'guardrails/conflict',
  NamespaceNotOwned: 'namespace/not_owned',
  NamespaceTaken: 'namespace/taken',
  NamespaceReserved: 'namespace/reserved',
  NamespaceInUse: 'namespace/in_use',
  NamespaceNotGranted: 'namespace/not_granted',
  ReachabilityUnknownEndpoint: 'reachability/unknown_endpoint',
  ReachabilityUnknownPort: 'reachability/unknown_port',
  ManifestsInvalid: 'analysis/invalid_manifests',
  Unauthenticated: 'auth/unauthenticated',
  Forbidden: 'auth/forbidden',
  TokenNotFound: 'token/not_found',
  TokenExists: 'token/already_exists',
  DatabaseUnavailable: 'database/unavailable',
  ShuttingDown: 'service/shutting_down',
  Internal: 'internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with one field of the request: `field` is a path such as `flows[2].to.component`. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
  readonly code?: string;
}

export type ErrorDetails = readonly FieldProblem[] | Readonly<Record<string, unknown>>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(code: ErrorCode, what: string, name: string): AppError {
    return new AppError(code, `${what} "${name}" not found`);
  }
}
