/**
 * Turning the names a caller uses (component, external, IP address, port name) into the engine's
 * endpoints for one topology. A name that is not in the topology is an EndpointError naming the
 * field, so every transport answers it alike.
 */
import { EngineInputError } from './errors';
import { addressText, cidrRange, ipBlockRanges, parseAddress } from './ip-ranges';
import { ipAddressError } from './k8s-syntax';
import { componentWorkloadId } from './from-topology';
import type { Endpoint } from './model';
import type { Component, External, Protocol, Topology } from './topology';

/** What a `from`/`to` value resolved to; the answer says so, including the IP picked for an external. */
export type ResolvedEndpoint =
  | { readonly kind: 'component'; readonly name: string; readonly workload: string }
  | { readonly kind: 'external'; readonly name: string; readonly ip: string }
  | { readonly kind: 'ip'; readonly ip: string };

/**
 * A `from`, `to` or `port` the topology cannot answer: `invalid` (not a well-formed address),
 * `unknown` (no such component or external), `unknown-port` (no such named port on the destination).
 */
export class EndpointError extends EngineInputError {
  constructor(
    readonly problem: 'invalid' | 'unknown' | 'unknown-port',
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'EndpointError';
  }
}

/** Something that looks like an address (digits and dots, or a colon) is read as one. */
export function looksLikeIp(value: string): boolean {
  return value.includes(':') || /^[0-9.]+$/.test(value);
}

export function resolveEndpoint(topology: Topology, value: string, field: string): ResolvedEndpoint {
  if (looksLikeIp(value)) {
    const problem = ipAddressError(value);
    if (problem) throw new EndpointError('invalid', field, problem);
    // Canonical text; an IPv4-mapped IPv6 address is its IPv4 address.
    return { kind: 'ip', ip: addressText(parseAddress(value)) };
  }
  const component = topology.components.find((c) => c.name === value);
  if (component) return { kind: 'component', name: component.name, workload: componentWorkloadId(component) };
  const external = topology.externals.find((e) => e.name === value);
  if (external) {
    const ip = representativeIp(external);
    if (ip === undefined) {
      throw new EndpointError('unknown', field, `external "${value}" has no address outside its except ranges`);
    }
    return { kind: 'external', name: external.name, ip };
  }
  throw unknownName(field, value);
}

/** A component or external of the topology by name (no addresses); else an EndpointError naming the field. */
export function assertPeerName(topology: Topology, value: string, field: string): void {
  if (topology.components.some((c) => c.name === value) || topology.externals.some((e) => e.name === value)) return;
  throw unknownName(field, value);
}

function unknownName(field: string, value: string): EndpointError {
  return new EndpointError(
    'unknown',
    field,
    `no component or external named "${value}" in this version of the application`,
  );
}

export function toEngineEndpoint(endpoint: ResolvedEndpoint): Endpoint {
  return endpoint.kind === 'component' ? { workload: endpoint.workload } : { ip: endpoint.ip };
}

/**
 * The address that stands for an external: the CIDR's first host address (its lowest address + 1,
 * or the lowest for a single-address or two-address block), moved past every `except` range that
 * contains it. Deterministic, and inside the CIDR and outside every except, so it is matched by
 * exactly the ipBlocks that match the external as a whole. undefined when the excepts cover the rest.
 */
export function representativeIp(external: Pick<External, 'cidr' | 'except'>): string | undefined {
  const block = cidrRange(external.cidr);
  const candidate = block.last - block.first >= 3n ? block.first + 1n : block.first;
  // ipBlockRanges keeps the pieces left by the excepts in ascending order.
  const piece = ipBlockRanges(external.cidr, external.except).find((r) => r.last >= candidate);
  if (piece === undefined) return undefined;
  return addressText({ family: piece.family, value: piece.first > candidate ? piece.first : candidate });
}

/**
 * A port number, or a port name resolved on the destination component (Kubernetes rule 12: by name
 * AND protocol). A name never matches an IP destination.
 */
export function resolvePort(
  topology: Topology,
  to: ResolvedEndpoint,
  port: number | string,
  protocol: Protocol,
): { readonly number: number; readonly name: string | null } {
  if (typeof port === 'number') return { number: port, name: null };
  const component: Component | undefined =
    to.kind === 'component' ? topology.components.find((c) => c.name === to.name) : undefined;
  const match = component?.ports.find((p) => p.name === port && p.protocol === protocol);
  if (match) return { number: match.port, name: port };
  const what = to.kind === 'external' ? `external "${to.name}"` : to.kind === 'ip' ? to.ip : `component "${to.name}"`;
  const reason =
    component === undefined
      ? `a port name needs a component as destination; ${what} has no named ports`
      : `component "${component.name}" has no ${protocol} port named "${port}"`;
  throw new EndpointError('unknown-port', 'port', reason);
}
