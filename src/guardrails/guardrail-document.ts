import { AppError, ErrorCode, type FieldProblem } from '../common/errors/app-error';
import { adminPolicySet, AdminPolicyError, EngineInputError, isAdminKind, type AdminPolicySet } from '../engine';
import type { GuardrailList } from './guardrail.model';

const API_VERSION = 'policy.networking.k8s.io/v1alpha1';

type Item = Readonly<Record<string, unknown>>;

/**
 * The guardrail List as stored: every item checked by the engine (adminPolicySet refuses what the API
 * server refuses, naming the field), then in canonical order (AdminNetworkPolicies by ascending
 * priority, the baseline last) and reduced to what means something: apiVersion, kind, the name (and
 * labels and annotations) and the spec; a cluster's uid, resourceVersion, managedFields and status go.
 * So the same guardrails always have the same digest, whatever order kubectl printed them in.
 */
export function canonicalGuardrails(items: readonly Item[]): GuardrailList {
  const problems: FieldProblem[] = items.flatMap((item, i) => {
    if (!isAdminKind(item.kind)) {
      return [{ field: `items[${i}].kind`, reason: 'must be AdminNetworkPolicy or BaselineAdminNetworkPolicy' }];
    }
    if (item.apiVersion !== API_VERSION) return [{ field: `items[${i}].apiVersion`, reason: `must be ${API_VERSION}` }];
    return [];
  });
  if (problems.length > 0) throw invalid(problems);
  const set = guardrailSetOf(items);
  const byName = new Map(items.map((item) => [`${String(item.kind)}/${nameOf(item)}`, item]));
  const ordered = [...set.anps, ...(set.banp ? [set.banp] : [])].map((p) => byName.get(`${p.kind}/${p.name}`)!);
  return { apiVersion: 'v1', kind: 'List', items: ordered.map(canonicalItem) };
}

/** The engine's set of a List's items; a refusal is a 422 `guardrails/invalid` naming `items[i].<field>`. */
export function guardrailSetOf(items: readonly Item[]): AdminPolicySet {
  try {
    return adminPolicySet(items.map((obj, i) => ({ obj, where: `items[${i}]` })));
  } catch (error) {
    if (error instanceof AdminPolicyError) {
      throw invalid([{ field: `${error.where}.${error.field}`, reason: `${error.policy}: ${error.reason}` }]);
    }
    if (error instanceof EngineInputError) throw invalid([{ field: 'items', reason: error.message }]);
    throw error;
  }
}

function invalid(problems: readonly FieldProblem[]): AppError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new AppError(
    ErrorCode.GuardrailsInvalid,
    `Invalid guardrails: ${first.field}: ${first.reason}${more}`,
    problems,
  );
}

function nameOf(item: Item): string {
  return String((item.metadata as { name?: unknown } | undefined)?.name ?? '');
}

function canonicalItem(item: Item): Item {
  const metadata = (item.metadata ?? {}) as Record<string, unknown>;
  return {
    apiVersion: item.apiVersion,
    kind: item.kind,
    metadata: {
      name: metadata.name,
      ...(metadata.labels !== undefined ? { labels: metadata.labels } : {}),
      ...(metadata.annotations !== undefined ? { annotations: metadata.annotations } : {}),
    },
    spec: item.spec,
  };
}
