/**
 * Turning the names a caller uses (component, external, IP address, port name) into the engine's
 * endpoints for one version's topology. Pure: no framework, no database.
 */
import { AppError, ErrorCode } from '../common/errors/app-error';
import {
  addressText,
  cidrRange,
  componentWorkloadId,
  ipAddressError,
  ipBlockRanges,
  parseAddress,
  parseRange,
  rangesContain,
  type Component,
  type Endpoint,
  type External,
  type Protocol,
  type Topology,
} from '../engine';

/** What a `from`/`to` value resolved to; the answer says so, including the IP picked for an external. */
export type ResolvedEndpoint =
  | { readonly kind: 'component'; readonly name: string; readonly workload: string }
  | { readonly kind: 'external'; readonly name: string; readonly ip: string }
  | { readonly kind: 'ip'; readonly ip: string };

/** Something that looks like an address (digits and dots, or a colon) is read as one. */
export function looksLikeIp(value: string): boolean {
  return value.includes(':') || /^[0-9.]+$/.test(value);
}

export function resolveEndpoint(topology: Topology, value: string, field: 'from' | 'to'): ResolvedEndpoint {
  if (looksLikeIp(value)) {
    const problem = ipAddressError(value);
    if (problem)
      throw new AppError(ErrorCode.ValidationFailed, `Invalid request: ${field}: ${problem}`, [
        { field, reason: problem },
      ]);
    // Canonical text; an IPv4-mapped IPv6 address is its IPv4 address.
    return { kind: 'ip', ip: addressText(parseAddress(value)) };
  }
  const component = topology.components.find((c) => c.name === value);
  if (component) return { kind: 'component', name: component.name, workload: componentWorkloadId(component) };
  const external = topology.externals.find((e) => e.name === value);
  if (external) {
    const ip = representativeIp(external);
    if (ip === undefined) {
      throw unknownEndpoint(field, `external "${value}" has no address outside its except ranges`);
    }
    return { kind: 'external', name: external.name, ip };
  }
  throw unknownEndpoint(field, `no component or external named "${value}" in this version of the application`);
}

function unknownEndpoint(field: string, reason: string): AppError {
  return new AppError(ErrorCode.ReachabilityUnknownEndpoint, `${field}: ${reason}`, [{ field, reason }]);
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
  throw new AppError(ErrorCode.ReachabilityUnknownPort, `port: ${reason}`, [{ field: 'port', reason }]);
}

/** Whether the address `ip` lies in a connectivity range `first-last` (IPv4 or IPv6). */
export function rangeContains(range: string, ip: string): boolean {
  const parsed = parseRange(range);
  return parsed !== undefined && rangesContain([parsed], parseAddress(ip));
}
