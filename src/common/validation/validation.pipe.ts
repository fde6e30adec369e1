import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, ErrorCode, type FieldProblem } from '../errors/app-error';

/**
 * The one validation pipe: unknown fields are rejected, bodies become DTO instances, and a failure
 * is a 400 `validation/failed` whose details name every offending field and why.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}

export function validationFailed(problems: readonly FieldProblem[]): AppError {
  const first = problems[0];
  const summary = first ? `${first.field}: ${first.reason}` : 'the request is not valid';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new AppError(ErrorCode.ValidationFailed, `Invalid request: ${summary}${more}`, problems);
}

export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((reason) => ({
      field,
      reason: stripField(reason, error.property),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** class-validator messages start with the property name ("port must be..."); the field says it already. */
function stripField(reason: string, property: string): string {
  return reason.startsWith(`${property} `) ? reason.slice(property.length + 1) : reason;
}
