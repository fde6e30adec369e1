/**
 * Turning the names a caller uses (component, external, IP address, port name) into the engine's
 * endpoints for one version's topology. Pure: no framework, no database.
 */
import ipaddr from 'ipaddr.js';
import { AppError, ErrorCode } from '../common/errors/app-error';
import {
  componentWorkloadId,
  ipAddressError,
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
    return { kind: 'ip', ip: ipaddr.process(value).toString() };
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
  const [address, bits] = ipaddr.parseCIDR(external.cidr);
  const width = address.kind() === 'ipv4' ? 32 : 128;
  const [first, last] = rangeOf(address, bits, width);
  let candidate = width - bits >= 2 ? first + 1n : first;
  const excepts = external.except.map((cidr) => {
    const [a, b] = ipaddr.parseCIDR(cidr);
    return rangeOf(a, b, width);
  });
  for (let moved = true; moved && candidate <= last;) {
    moved = false;
    for (const [a, b] of excepts) {
      if (a <= candidate && candidate <= b) {
        candidate = b + 1n;
        moved = true;
      }
    }
  }
  return candidate <= last ? fromBigInt(candidate, address.kind()) : undefined;
}

function rangeOf(address: ipaddr.IPv4 | ipaddr.IPv6, bits: number, width: number): [bigint, bigint] {
  const value = address.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
  const size = 1n << BigInt(width - bits);
  const start = (value / size) * size;
  return [start, start + size - 1n];
}

function fromBigInt(value: bigint, kind: 'ipv4' | 'ipv6'): string {
  const bytes: number[] = [];
  for (let i = 0, n = value; i < (kind === 'ipv4' ? 4 : 16); i++, n >>= 8n) bytes.unshift(Number(n & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
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

/** Whether the IPv4 address `ip` lies in a connectivity range `a.b.c.d-e.f.g.h`. */
export function ipv4Contains(range: string, ip: string): boolean {
  const [a, b] = range.split('-').map((x) => ipaddr.parse(x).toByteArray());
  const value = ipaddr.parse(ip).toByteArray();
  if (a === undefined || b === undefined || value.length !== 4 || a.length !== 4) return false;
  const n = (bytes: number[]) => bytes.reduce((acc, byte) => acc * 256 + byte, 0);
  return n(a) <= n(value) && n(value) <= n(b);
}
