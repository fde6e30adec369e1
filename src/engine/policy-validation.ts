/**
 * Structural validation of a NetworkPolicy (networking.k8s.io/v1), the checks the API server would
 * make that matter for analysis. kubernetes-models ships ES modules only, so its `validate()` cannot
 * be loaded from this CommonJS build; these checks are written out instead, each with a message
 * that names the offending field.
 */
import ipaddr from 'ipaddr.js';
import { ipaddrText } from './ip-ranges';
import { EngineInputError } from './errors';
import { PROTOCOLS, SELECTOR_OPERATORS } from './topology';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** IANA_SVC_NAME, as Kubernetes validates a named port (IsValidPortName: no "--" either). */
const PORT_NAME = /^(?=.{1,15}$)(?!.*--)(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function fail(where: string, field: string, why: string): never {
  throw new EngineInputError(`${where}: ${field} ${why}`);
}

function optionalArray(where: string, field: string, v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(where, field, 'must be a list');
  return v;
}

export function validateSelector(where: string, field: string, v: unknown): void {
  if (!isObj(v)) fail(where, field, 'must be a label selector object');
  if (v.matchLabels !== undefined && v.matchLabels !== null) {
    if (!isObj(v.matchLabels)) fail(where, `${field}.matchLabels`, 'must be a map of strings');
    for (const [k, val] of Object.entries(v.matchLabels)) {
      if (typeof val !== 'string') fail(where, `${field}.matchLabels.${k}`, 'must be a string');
    }
  }
  optionalArray(where, `${field}.matchExpressions`, v.matchExpressions).forEach((e, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    if (!isObj(e) || typeof e.key !== 'string' || e.key === '') fail(where, f, 'must have a key');
    if (!(SELECTOR_OPERATORS as readonly unknown[]).includes(e.operator)) {
      fail(
        where,
        `${f}.operator`,
        `must be one of ${SELECTOR_OPERATORS.join(', ')} (got ${JSON.stringify(e.operator)})`,
      );
    }
    const values = optionalArray(where, `${f}.values`, e.values);
    if (values.some((x) => typeof x !== 'string')) fail(where, `${f}.values`, 'must be strings');
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    if (needsValues && values.length === 0) fail(where, `${f}.values`, `must be non-empty for ${e.operator}`);
    if (!needsValues && values.length > 0) fail(where, `${f}.values`, `must be empty for ${e.operator}`);
  });
}

function validateCidr(where: string, field: string, v: unknown): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (typeof v !== 'string') fail(where, field, 'must be a CIDR string');
  try {
    return ipaddr.parseCIDR(ipaddrText(v));
  } catch {
    fail(where, field, `is not a valid CIDR: ${JSON.stringify(v)}`);
  }
}

function validatePeer(where: string, field: string, p: unknown): void {
  if (!isObj(p)) fail(where, field, 'must be an object');
  const hasSel = p.podSelector !== undefined || p.namespaceSelector !== undefined;
  if (p.ipBlock !== undefined) {
    // Rule 14: an ipBlock is never combined with selectors in one peer.
    if (hasSel) fail(where, field, 'must not combine ipBlock with podSelector or namespaceSelector');
    const block = p.ipBlock;
    if (!isObj(block)) fail(where, `${field}.ipBlock`, 'must be an object');
    const [net, len] = validateCidr(where, `${field}.ipBlock.cidr`, block.cidr);
    optionalArray(where, `${field}.ipBlock.except`, block.except).forEach((ex, i) => {
      const f = `${field}.ipBlock.except[${i}]`;
      const [exNet, exLen] = validateCidr(where, f, ex);
      if (exNet.kind() !== net.kind() || exLen <= len || !exNet.match(net, len)) {
        fail(where, f, `must be a strict subnet of ${String(block.cidr)}`);
      }
    });
    return;
  }
  if (!hasSel) fail(where, field, 'must set podSelector, namespaceSelector or ipBlock');
  if (p.podSelector !== undefined) validateSelector(where, `${field}.podSelector`, p.podSelector);
  if (p.namespaceSelector !== undefined) validateSelector(where, `${field}.namespaceSelector`, p.namespaceSelector);
}

function validatePort(where: string, field: string, p: unknown): void {
  if (!isObj(p)) fail(where, field, 'must be an object');
  if (p.protocol !== undefined && !(PROTOCOLS as readonly unknown[]).includes(p.protocol)) {
    fail(where, `${field}.protocol`, `must be one of ${PROTOCOLS.join(', ')} (got ${JSON.stringify(p.protocol)})`);
  }
  const port = p.port;
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      fail(where, `${field}.port`, `must be 1-65535 (got ${port})`);
  } else if (typeof port === 'string') {
    if (!PORT_NAME.test(port)) fail(where, `${field}.port`, `is not a valid port name: ${JSON.stringify(port)}`);
  } else if (port !== undefined) {
    fail(where, `${field}.port`, 'must be a number or a port name');
  }
  if (p.endPort !== undefined) {
    // Rule 11: endPort needs a numeric port and is >= port.
    const end = p.endPort;
    if (typeof end !== 'number' || !Number.isInteger(end) || end > 65535)
      fail(where, `${field}.endPort`, 'must be an integer up to 65535');
    if (typeof port !== 'number') fail(where, `${field}.endPort`, 'requires a numeric port');
    if (end < port) fail(where, `${field}.endPort`, `must be >= port (${end} < ${port})`);
  }
}

/** Throws EngineInputError naming the field when `obj` is not a valid NetworkPolicy. */
export function validateNetworkPolicy(where: string, obj: Obj): void {
  const meta = obj.metadata;
  if (!isObj(meta) || typeof meta.name !== 'string' || meta.name === '') fail(where, 'metadata.name', 'is required');
  const spec = obj.spec;
  if (!isObj(spec)) fail(where, 'spec', 'is required');
  validateSelector(where, 'spec.podSelector', spec.podSelector ?? {});
  optionalArray(where, 'spec.policyTypes', spec.policyTypes).forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      fail(where, `spec.policyTypes[${i}]`, `must be Ingress or Egress (got ${JSON.stringify(t)})`);
  });
  for (const [dir, peersField] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    optionalArray(where, `spec.${dir}`, spec[dir]).forEach((rule, i) => {
      const f = `spec.${dir}[${i}]`;
      if (rule === null) return; // `- {}` written as an empty item: a rule matching everything
      if (!isObj(rule)) fail(where, f, 'must be an object');
      optionalArray(where, `${f}.${peersField}`, rule[peersField]).forEach((p, j) =>
        validatePeer(where, `${f}.${peersField}[${j}]`, p),
      );
      optionalArray(where, `${f}.ports`, rule.ports).forEach((p, j) => validatePort(where, `${f}.ports[${j}]`, p));
    });
  }
}
