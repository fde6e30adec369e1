import type { Component, External, FlowPeer, FlowPort } from '../engine';
import type { StoredFlow, StoredTopology } from './topology.model';

export interface ComponentResponse {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ports: { name?: string; port: number; protocol: string }[];
}
export interface ExternalResponse {
  name: string;
  cidr: string;
  except: string[];
}
export interface FlowResponse {
  id: string;
  from: FlowPeer;
  to: FlowPeer;
  ports: FlowPort[];
  description: string;
}

export function toComponentResponse(component: Component): ComponentResponse {
  return {
    name: component.name,
    namespace: component.namespace,
    labels: { ...component.labels },
    ports: component.ports.map((p) => ({
      ...(p.name !== undefined ? { name: p.name } : {}),
      port: p.port,
      protocol: p.protocol,
    })),
  };
}

export function toExternalResponse(external: External): ExternalResponse {
  return { name: external.name, cidr: external.cidr, except: [...external.except] };
}

export function toFlowResponse(flow: StoredFlow): FlowResponse {
  return { id: flow.id, from: flow.from, to: flow.to, ports: [...flow.ports], description: flow.description ?? '' };
}

/** The topology document: what PUT accepts, so GET then PUT round-trips (flow ids are not part of it). */
export function toTopologyDocument(name: string, topology: StoredTopology) {
  return {
    name,
    components: topology.components.map(toComponentResponse),
    externals: topology.externals.map(toExternalResponse),
    flows: topology.flows.map((f) => ({
      from: f.from,
      to: f.to,
      ports: [...f.ports],
      description: f.description ?? '',
    })),
  };
}
