import type { Finding } from '../engine';
import type { Channel, PolicyVersion } from './version.model';

export interface VersionResponse {
  number: number;
  digest: string;
  policyCount: number;
  note: string;
  actor: string;
  createdAt: string;
  findings: Finding[];
  /** The guardrail version the publish was checked against; null when none was published. */
  guardrailVersion: number | null;
}

export interface ChannelResponse {
  name: string;
  version: number;
  digest: string;
  updatedAt: string;
}

export function toVersionResponse(version: PolicyVersion): VersionResponse {
  return {
    number: version.number,
    digest: version.digest,
    policyCount: version.policyCount,
    note: version.note,
    actor: version.actor,
    createdAt: version.createdAt.toISOString(),
    findings: version.findings.map((f) => ({ ...f })),
    guardrailVersion: version.guardrailVersion,
  };
}

export function toVersionListResponse(
  page: { items: PolicyVersion[]; total: number },
  query: { limit: number; offset: number },
): { items: VersionResponse[]; total: number; limit: number; offset: number } {
  return { items: page.items.map(toVersionResponse), total: page.total, ...query };
}

export function toChannelResponse(channel: Channel): ChannelResponse {
  return {
    name: channel.name,
    version: channel.version.number,
    digest: channel.version.digest,
    updatedAt: channel.updatedAt.toISOString(),
  };
}

/** GraphQL shapes: dates stay Date (the scalar serialises them), the YAML under its field name. */
export type VersionNode = Omit<VersionResponse, 'createdAt'> & { createdAt: Date; manifestsYaml: string };
export type ChannelNode = Omit<ChannelResponse, 'updatedAt'> & { updatedAt: Date };

export function toVersionNode(version: PolicyVersion): VersionNode {
  return { ...toVersionResponse(version), createdAt: version.createdAt, manifestsYaml: version.manifests };
}

export function toChannelNode(channel: Channel): ChannelNode {
  return { ...toChannelResponse(channel), updatedAt: channel.updatedAt };
}
