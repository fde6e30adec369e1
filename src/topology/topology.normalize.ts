/**
 * From validated request shapes to engine types: defaults filled in (TCP, the application's default
 * namespace, empty lists), optional fields dropped rather than stored as undefined.
 */
import type { Component, External, Flow, FlowPeer, FlowPort, LabelSelector, Protocol, SelectorPeer } from '../engine';
import type {
  CreateFlowDto,
  FlowPeerDto,
  FlowPortDto,
  LabelSelectorDto,
  PutComponentDto,
  PutExternalDto,
  TopologyDocumentDto,
} from './dto/topology.dto';

export function normalizeComponent(name: string, input: PutComponentDto, defaultNamespace: string): Component {
  return {
    name,
    namespace: input.namespace ?? defaultNamespace,
    labels: { ...input.labels },
    ports: (input.ports ?? []).map((p) => ({
      ...(p.name !== undefined ? { name: p.name } : {}),
      port: p.port,
      protocol: (p.protocol ?? 'TCP') as Protocol,
    })),
  };
}

export function normalizeExternal(name: string, input: PutExternalDto): External {
  return { name, cidr: input.cidr, except: [...(input.except ?? [])] };
}

export function normalizeFlow(input: CreateFlowDto): Flow {
  return {
    from: normalizePeer(input.from),
    to: normalizePeer(input.to),
    ports: (input.ports ?? []).map(normalizePort),
    description: input.description ?? '',
  };
}

export function normalizeDocument(
  input: TopologyDocumentDto,
  defaultNamespace: string,
): { components: Component[]; externals: External[]; flows: Flow[] } {
  return {
    components: input.components.map((c) => normalizeComponent(c.name, c, defaultNamespace)),
    externals: (input.externals ?? []).map((e) => normalizeExternal(e.name, e)),
    flows: (input.flows ?? []).map(normalizeFlow),
  };
}

function normalizePeer(peer: FlowPeerDto): FlowPeer {
  if (peer.component !== undefined) return { component: peer.component };
  if (peer.external !== undefined) return { external: peer.external };
  const selector: SelectorPeer = {
    ...(peer.selector?.namespaceSelector
      ? { namespaceSelector: normalizeSelector(peer.selector.namespaceSelector) }
      : {}),
    ...(peer.selector?.podSelector ? { podSelector: normalizeSelector(peer.selector.podSelector) } : {}),
  };
  return { selector };
}

function normalizeSelector(selector: LabelSelectorDto): LabelSelector {
  return {
    ...(selector.matchLabels ? { matchLabels: { ...selector.matchLabels } } : {}),
    ...(selector.matchExpressions
      ? {
          matchExpressions: selector.matchExpressions.map((e) => ({
            key: e.key,
            operator: e.operator,
            ...(e.values ? { values: [...e.values] } : {}),
          })),
        }
      : {}),
  };
}

function normalizePort(port: FlowPortDto): FlowPort {
  return {
    ...(port.port !== undefined ? { port: port.port } : {}),
    ...(port.endPort !== undefined ? { endPort: port.endPort } : {}),
    protocol: (port.protocol ?? 'TCP') as Protocol,
  };
}
