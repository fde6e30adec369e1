import type { GuardrailList, GuardrailVersion } from './guardrail.model';

export interface GuardrailVersionResponse {
  number: number;
  digest: string;
  note: string;
  actor: string;
  createdAt: string;
  /** Names of the AdminNetworkPolicies, by ascending priority. */
  adminNetworkPolicies: string[];
  /** Whether the version has a BaselineAdminNetworkPolicy. */
  baseline: boolean;
  document: GuardrailList;
}

export function toGuardrailVersionResponse(version: GuardrailVersion): GuardrailVersionResponse {
  return {
    number: version.number,
    digest: version.digest,
    note: version.note,
    actor: version.actor,
    createdAt: version.createdAt.toISOString(),
    ...summaryOf(version.document),
    document: version.document,
  };
}

export function toGuardrailVersionListResponse(
  page: { items: GuardrailVersion[]; total: number },
  query: { limit: number; offset: number },
): { items: GuardrailVersionResponse[]; total: number; limit: number; offset: number } {
  return { items: page.items.map(toGuardrailVersionResponse), total: page.total, ...query };
}

/** GraphQL: the date stays a Date (the scalar serialises it). */
export type GuardrailVersionNode = Omit<GuardrailVersionResponse, 'createdAt'> & { createdAt: Date };

export function toGuardrailVersionNode(version: GuardrailVersion): GuardrailVersionNode {
  return { ...toGuardrailVersionResponse(version), createdAt: version.createdAt };
}

export function summaryOf(document: GuardrailList): { adminNetworkPolicies: string[]; baseline: boolean } {
  const named = (kind: string) =>
    document.items
      .filter((item) => item.kind === kind)
      .map((item) => String((item.metadata as { name?: unknown } | undefined)?.name ?? ''));
  return {
    adminNetworkPolicies: named('AdminNetworkPolicy'),
    baseline: named('BaselineAdminNetworkPolicy').length > 0,
  };
}
