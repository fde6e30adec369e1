/**
 * Kubernetes object-name and label syntax (k8s.io/apimachinery/pkg/util/validation), used by the
 * API's validators, the CLI and generation alike. Each check returns null when valid, else the reason.
 */
import ipaddr from 'ipaddr.js';
import { ipaddrText, isIpAddress } from './ip-ranges';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function dns1123LabelError(value: string): string | null {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1123_LABEL.test(value)) {
    return "must be a DNS-1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character";
  }
  return null;
}

export function dns1123SubdomainError(value: string): string | null {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return "must be a DNS-1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character";
  }
  return null;
}

/** A label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function labelKeyError(key: string): string | null {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'label key prefix must not be empty';
    const prefixError = dns1123SubdomainError(prefix);
    if (prefixError) return `label key prefix ${prefixError}`;
  }
  if (name.length === 0) return 'label key name must not be empty';
  if (name.length > 63) return 'label key name must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(name)) {
    return "label key name must consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";
  }
  return null;
}

export function labelValueError(value: string): string | null {
  if (value.length > 63) return 'label value must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) {
    return "label value must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";
  }
  return null;
}

/** A named container port (IANA_SVC_NAME): at most 15 characters, with at least one letter, no '--'. */
export function portNameError(value: string): string | null {
  if (value.length > 15) return 'port name must be no more than 15 characters';
  if (!IANA_SVC_NAME.test(value)) {
    return "port name must consist of lower case alphanumeric characters or '-', starting and ending with an alphanumeric character";
  }
  if (value.includes('--')) return 'port name must not contain consecutive hyphens';
  if (!/[a-z]/.test(value)) return 'port name must contain at least one letter';
  return null;
}

export function portNumberError(value: number): string | null {
  if (!Number.isInteger(value) || value < 1 || value > 65535) return 'must be an integer from 1 to 65535';
  return null;
}

/** endPort (Kubernetes rule 11): a port number, with a numeric `port`, and not below it. */
export function endPortError(endPort: unknown, port: unknown): string | null {
  if (typeof endPort !== 'number' || portNumberError(endPort) !== null) return 'must be an integer from 1 to 65535';
  if (typeof port !== 'number') return 'requires a numeric port';
  if (endPort < port) return `must be at least port (${port})`;
  return null;
}

/** A tagged union such as a flow peer: exactly one of `keys` is set. */
export function exactlyOneOfError(value: unknown, keys: readonly string[]): string | null {
  if (typeof value !== 'object' || value === null) return `must be an object with one of: ${keys.join(', ')}`;
  const present = keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  return present.length === 1 ? null : `must have exactly one of: ${keys.join(', ')}`;
}

/** An IP address as Kubernetes accepts it: dotted-quad IPv4 without leading zeros, or IPv6 (isIpAddress). */
export function ipAddressError(value: string): string | null {
  return isIpAddress(value) ? null : 'must be an IPv4 or IPv6 address such as 10.0.0.1';
}

/** A CIDR in canonical network form ("10.0.0.0/8", not "10.1.2.3/8"), IPv4 or IPv6. */
export function cidrError(value: string): string | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!match || ipAddressError(match[1]) !== null || !ipaddr.isValidCIDR(value)) {
    return 'must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32';
  }
  const [address, bits] = ipaddr.parseCIDR(value);
  const network =
    address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toString() !== address.toString()) {
    return `has host bits set; the network is ${network.toString()}/${bits}`;
  }
  return null;
}

/** Whether `inner` lies inside `outer` (same family, prefix at least as long). Both must be valid CIDRs. */
export function cidrContains(outer: string, inner: string): boolean {
  const [outerAddress, outerBits] = ipaddr.parseCIDR(ipaddrText(outer));
  const [innerAddress, innerBits] = ipaddr.parseCIDR(ipaddrText(inner));
  if (outerAddress.kind() !== innerAddress.kind() || innerBits < outerBits) return false;
  return innerAddress.match(outerAddress, outerBits);
}
