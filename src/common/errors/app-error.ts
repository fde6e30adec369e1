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

/**
 * What `details` holds is decided by the code alone (openapi.yaml's `Error` schema says the same, and
 * every error an e2e spec provokes is checked against it): the offending fields for the codes about
 * what the request named, an object for these four, null for the rest.
 */
export interface ErrorDetailsByCode {
  [ErrorCode.TopologyPreconditionFailed]: { readonly etag: string };
  [ErrorCode.VersionInvalid]: { readonly findings: readonly object[] };
  [ErrorCode.VersionConflict]: { readonly retry: true; readonly reason: string };
  [ErrorCode.RateLimited]: { readonly limit: number; readonly retryAfterSeconds: number };
}

export const FIELD_PROBLEM_CODES = [
  ErrorCode.ValidationFailed,
  ErrorCode.TopologyInvalid,
  ErrorCode.NamespaceNotOwned,
  ErrorCode.NamespaceReserved,
  ErrorCode.NamespaceTaken,
  ErrorCode.NamespaceInUse,
  ErrorCode.ComponentInUse,
  ErrorCode.ExternalInUse,
  ErrorCode.ApplicationExists,
  ErrorCode.TokenExists,
  ErrorCode.ReachabilityUnknownEndpoint,
  ErrorCode.ReachabilityUnknownPort,
  ErrorCode.ManifestsInvalid,
] as const;

/** Field problems when there are some (a duplicate JSON key), else nothing. */
export const OPTIONAL_FIELD_PROBLEM_CODES = [ErrorCode.InvalidBody] as const;

type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];
type OptionalFieldProblemCode = (typeof OPTIONAL_FIELD_PROBLEM_CODES)[number];
export type NoDetailsCode = Exclude<ErrorCode, FieldProblemCode | OptionalFieldProblemCode | keyof ErrorDetailsByCode>;

export type ErrorDetails = readonly FieldProblem[] | ErrorDetailsByCode[keyof ErrorDetailsByCode];

/** The details argument a code takes: required, optional, or none. */
type DetailsArgument<C extends ErrorCode> = C extends keyof ErrorDetailsByCode
  ? [details: ErrorDetailsByCode[C]]
  : C extends FieldProblemCode
    ? [details: readonly FieldProblem[]]
    : C extends OptionalFieldProblemCode
      ? [details?: readonly FieldProblem[]]
      : [];

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly details?: ErrorDetails;

  constructor(
    readonly code: C,
    message: string,
    ...[details]: DetailsArgument<C>
  ) {
    super(message);
    this.name = 'AppError';
    this.details = details;
  }

  static notFound(code: NoDetailsCode, what: string, name: string): AppError {
    return new AppError(code, `${what} "${name}" not found`);
  }
}
