import type { Finding, NetworkPolicy, Topology } from '../engine';

/** A published, immutable set of generated policies of one application. */
export interface PolicyVersion {
  readonly id: string;
  readonly applicationId: string;
  readonly number: number;
  /** sha256 (hex) of `manifests`. */
  readonly digest: string;
  /** Canonical multi-document YAML (engine `toYaml`). */
  readonly manifests: string;
  readonly policyCount: number;
  /** The engine Topology (settings included) the policies were generated from. */
  readonly topology: Topology;
  /** Lint findings at publish time (warnings and infos; errors refuse the publish). */
  readonly findings: readonly Finding[];
  readonly actor: string;
  readonly note: string;
  readonly createdAt: Date;
}

/** A named pointer (production, staging) to one version. */
export interface Channel {
  readonly name: string;
  readonly version: PolicyVersion;
  readonly updatedAt: Date;
}

/** Which version: a number, the latest published one, or the draft (what a publish would produce now). */
export type VersionRef = number | 'latest' | 'draft';

/**
 * One version ready for analysis: the topology and the policies in force.
 * `number` is null for the draft, which is generated on the fly and not stored.
 */
export interface ResolvedVersion {
  readonly number: number | null;
  readonly digest: string;
  /** For the draft: what it was made from (draftSource: the topology's ETag and the settings). */
  readonly source?: string;
  readonly topology: Topology;
  readonly policies: NetworkPolicy[];
}
