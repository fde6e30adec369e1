import type { AdminPolicySet, Finding, NetworkPolicy, Topology } from '../engine';

/**
 * The cluster's guardrails as the service keeps them: one Kubernetes List of AdminNetworkPolicies
 * (by ascending priority) and at most one BaselineAdminNetworkPolicy (last), validated by the engine.
 */
export interface GuardrailList {
  readonly apiVersion: 'v1';
  readonly kind: 'List';
  readonly items: readonly Readonly<Record<string, unknown>>[];
}

export const EMPTY_GUARDRAILS: GuardrailList = { apiVersion: 'v1', kind: 'List', items: [] };

/** The stored document (the draft of the next guardrail version). */
export interface StoredGuardrails {
  readonly document: GuardrailList;
  /** sha256 (hex) of the document's canonical JSON; quoted, it is the ETag. */
  readonly digest: string;
  /** Who wrote it last; null while nothing was ever stored. */
  readonly actor: string | null;
  readonly updatedAt: Date | null;
}

/** An immutable, numbered copy of the document. */
export interface GuardrailVersion {
  readonly number: number;
  readonly document: GuardrailList;
  readonly digest: string;
  readonly actor: string;
  readonly note: string;
  readonly createdAt: Date;
}

/** Guardrails ready for analysis: the engine's set, and which published version it is (null: none). */
export interface ResolvedGuardrails {
  readonly version: number | null;
  readonly set: AdminPolicySet;
}

/** Which guardrails an analysis runs under: a published number, the latest one (the default), or none. */
export type GuardrailRef = number | 'latest' | 'none';

/** What a publish's guardrail check needs: the application's draft. */
export interface PublishCheckInput {
  readonly app: string;
  readonly topology: Topology;
  readonly policies: readonly NetworkPolicy[];
  /** Record a denied declared flow as a warning instead of refusing the publish. */
  readonly acceptDenials?: boolean;
}

/** A publish's guardrail check: the guardrail version checked (null: none published) and its findings. */
export interface PublishCheck {
  readonly guardrailVersion: number | null;
  readonly findings: Finding[];
}
