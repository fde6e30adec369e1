import type { GuardrailList } from './guardrail.model';

/**
 * The guardrail List in canonical order, validated by the engine. (Placeholder until the engine's
 * AdminNetworkPolicy parser lands: it keeps the items as given.)
 */
export function canonicalGuardrails(items: readonly unknown[]): GuardrailList {
  return { apiVersion: 'v1', kind: 'List', items: items as GuardrailList['items'] };
}
