import { AppError, ErrorCode } from '../common/errors/app-error';
import { LINT_CODES, type Finding, type GuardrailCheck, type GuardrailDenial, type GuardrailHit } from '../engine';

/** `AdminNetworkPolicy "protect-db" ingress rule 1 ("no-mysql")`. */
export function ruleText(hit: GuardrailHit): string {
  const kind = hit.tier === 'admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
  const name = hit.ruleName !== undefined ? ` (${JSON.stringify(hit.ruleName)})` : '';
  return `${kind} "${hit.policy}" ${hit.direction} rule ${hit.rule}${name}`;
}

function connection(hit: GuardrailHit): string {
  return `${hit.from} -> ${hit.to} (${hit.protocol} ${hit.port})`;
}

export function denialText(denial: GuardrailDenial, version: number): string {
  return `flows[${denial.flow}] ${connection(denial)} is denied by ${ruleText(denial)} of guardrail version ${version}`;
}

/** 422: the publish would ship flows the cluster drops. */
export function guardrailDenied(app: string, version: number, denied: readonly GuardrailDenial[]): AppError {
  const more = denied.length > 1 ? ` (and ${denied.length - 1} more)` : '';
  return new AppError(
    ErrorCode.VersionGuardrailDenied,
    `Cannot publish "${app}": ${denialText(denied[0], version)}${more}; publish with acceptGuardrailDenials to record it as a warning`,
    { guardrailVersion: version, denied: denied.map((d) => ({ ...d })) },
  );
}

/** Warnings recorded on the version: denials accepted, and undeclared connections a guardrail allows. */
export function guardrailFindings(version: number, check: GuardrailCheck): Finding[] {
  return [
    ...check.denied.map((d) => ({
      code: LINT_CODES.guardrailDeniesFlow,
      severity: 'warning' as const,
      object: `flows[${d.flow}]`,
      message: denialText(d, version),
    })),
    ...check.undeclared.map((hit) => ({
      code: LINT_CODES.guardrailAllowsUndeclared,
      severity: 'warning' as const,
      object: `${hit.from} -> ${hit.to}`,
      message: `${connection(hit)} is not declared, but ${ruleText(hit)} of guardrail version ${version} allows it`,
    })),
  ];
}
