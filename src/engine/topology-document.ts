/**
 * The topology document (YAML or JSON), as the CLI reads it:
 *
 *   name: shop                # optional; the caller's fallback (e.g. the file's base name)
 *   namespace: shop           # optional default namespace of components (else `default`)
 *   settings: { isolation: both, dnsEgress: true }
 *   components: [{ name, namespace?, labels, ports: [{ name?, port, protocol? }] }]
 *   externals:  [{ name, cidr, except? }]
 *   flows: [{ from: {component|external|selector}, to: ..., ports?: [{ port?, endPort?, protocol? }], description? }]
 *
 * Protocols default to TCP. Field syntax is checked here (k8s-syntax), cross-references by
 * validateTopology; every problem is reported at once in a TopologyError naming its field.
 */
import { parse } from 'yaml';
import {
  cidrError,
  dns1123LabelError,
  labelKeyError,
  labelValueError,
  portNameError,
  portNumberError,
} from './k8s-syntax';
import type {
  Component,
  External,
  Flow,
  FlowPeer,
  FlowPort,
  GenerationSettings,
  LabelSelector,
  Protocol,
  Topology,
} from './topology';
import { PROTOCOLS, SELECTOR_OPERATORS } from './topology';
import { TopologyError, type TopologyProblem } from './topology-error';
import { validateTopology } from './validate-topology';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Reader {
  readonly issues: TopologyProblem[] = [];
  fail(field: string, message: string): undefined {
    this.issues.push({ field, message });
    return undefined;
  }
  check(field: string, error: string | null): boolean {
    if (error) this.fail(field, error);
    return !error;
  }
  string(o: Obj, key: string, field: string, required = true): string | undefined {
    const v = o[key];
    if (v === undefined) return required ? this.fail(`${field}.${key}`, 'is required') : undefined;
    return typeof v === 'string' ? v : this.fail(`${field}.${key}`, 'must be a string');
  }
  list(o: Obj, key: string, field: string): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(`${field}${field ? '.' : ''}${key}`, 'must be a list');
      return [];
    }
    return v;
  }
  protocol(o: Obj, field: string): Protocol {
    const v = o.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(v as Protocol)) this.fail(`${field}.protocol`, `must be one of ${PROTOCOLS.join(', ')}`);
    return v as Protocol;
  }
  labels(v: unknown, field: string): Record<string, string> {
    if (v === undefined) return {};
    if (!isObj(v)) return this.fail(field, 'must be a map of label keys to values') ?? {};
    const out: Record<string, string> = {};
    for (const [k, value] of Object.entries(v)) {
      const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
      if (typeof text !== 'string') this.fail(`${field}.${k}`, 'label value must be a string');
      else if (this.check(`${field}.${k}`, labelKeyError(k) ?? labelValueError(text))) out[k] = text;
    }
    return out;
  }
  selector(v: unknown, field: string): LabelSelector | undefined {
    if (v === undefined) return undefined;
    if (!isObj(v)) return this.fail(field, 'must be a label selector');
    const matchLabels = v.matchLabels === undefined ? undefined : this.labels(v.matchLabels, `${field}.matchLabels`);
    const matchExpressions = this.list(v, 'matchExpressions', field).map((e, i) => {
      const at = `${field}.matchExpressions[${i}]`;
      if (!isObj(e)) return this.fail(at, 'must be an object');
      const key = this.string(e, 'key', at) ?? '';
      this.check(`${at}.key`, labelKeyError(key));
      const operator = e.operator as (typeof SELECTOR_OPERATORS)[number];
      if (!SELECTOR_OPERATORS.includes(operator))
        this.fail(`${at}.operator`, `must be one of ${SELECTOR_OPERATORS.join(', ')}`);
      const values = this.list(e, 'values', at).map(String);
      const needsValues = operator === 'In' || operator === 'NotIn';
      if (needsValues && values.length === 0) this.fail(`${at}.values`, `${operator} needs at least one value`);
      if (!needsValues && values.length > 0) this.fail(`${at}.values`, `${operator} takes no values`);
      return needsValues ? { key, operator, values } : { key, operator };
    });
    return {
      ...(matchLabels ? { matchLabels } : {}),
      ...(matchExpressions.length > 0 ? { matchExpressions: matchExpressions.filter((e) => e !== undefined) } : {}),
    };
  }
}

function readComponent(r: Reader, v: unknown, i: number, defaultNamespace: string): Component | undefined {
  const at = `components[${i}]`;
  if (!isObj(v)) return r.fail(at, 'must be an object');
  const name = r.string(v, 'name', at) ?? '';
  const namespace = r.string(v, 'namespace', at, false) ?? defaultNamespace;
  r.check(`${at}.namespace`, dns1123LabelError(namespace));
  const labels = r.labels(v.labels, `${at}.labels`);
  if (Object.keys(labels).length === 0) r.fail(`${at}.labels`, 'needs at least one label to select the pods');
  const ports = r.list(v, 'ports', at).map((p, j) => {
    const pat = `${at}.ports[${j}]`;
    if (!isObj(p)) return r.fail(pat, 'must be an object');
    if (typeof p.port !== 'number') r.fail(`${pat}.port`, 'must be a number');
    else r.check(`${pat}.port`, portNumberError(p.port));
    const portName = r.string(p, 'name', pat, false);
    if (portName !== undefined) r.check(`${pat}.name`, portNameError(portName));
    const protocol = r.protocol(p, pat);
    return portName === undefined
      ? { port: p.port as number, protocol }
      : { name: portName, port: p.port as number, protocol };
  });
  return { name, namespace, labels, ports: ports.filter((p) => p !== undefined) };
}

function readExternal(r: Reader, v: unknown, i: number): External | undefined {
  const at = `externals[${i}]`;
  if (!isObj(v)) return r.fail(at, 'must be an object');
  const name = r.string(v, 'name', at) ?? '';
  const cidr = r.string(v, 'cidr', at) ?? '';
  const cidrOk = r.check(`${at}.cidr`, cidrError(cidr));
  const except = r.list(v, 'except', at).map(String);
  const exceptOk = except.every((x, j) => r.check(`${at}.except[${j}]`, cidrError(x)));
  // validateTopology's containment check needs well-formed CIDRs.
  return { name, cidr: cidrOk ? cidr : '0.0.0.0/0', except: cidrOk && exceptOk ? except : [] };
}

function readPeer(r: Reader, v: unknown, at: string): FlowPeer | undefined {
  if (!isObj(v)) return r.fail(at, 'must be {component}, {external} or {selector}');
  const kinds = ['component', 'external', 'selector'].filter((k) => v[k] !== undefined);
  if (kinds.length !== 1) return r.fail(at, 'must have exactly one of component, external, selector');
  if (v.component !== undefined) return { component: String(v.component) };
  if (v.external !== undefined) return { external: String(v.external) };
  const s = v.selector;
  if (!isObj(s) || (s.namespaceSelector === undefined && s.podSelector === undefined)) {
    return r.fail(`${at}.selector`, 'needs a namespaceSelector, a podSelector or both');
  }
  const namespaceSelector = r.selector(s.namespaceSelector, `${at}.selector.namespaceSelector`);
  const podSelector = r.selector(s.podSelector, `${at}.selector.podSelector`);
  return { selector: { ...(namespaceSelector ? { namespaceSelector } : {}), ...(podSelector ? { podSelector } : {}) } };
}

function readFlowPort(r: Reader, v: unknown, at: string): FlowPort | undefined {
  if (!isObj(v)) return r.fail(at, 'must be an object');
  const protocol = r.protocol(v, at);
  const { port, endPort } = v;
  if (port !== undefined && typeof port !== 'number' && typeof port !== 'string') {
    return r.fail(`${at}.port`, 'must be a number or a port name');
  }
  if (typeof port === 'number') r.check(`${at}.port`, portNumberError(port));
  if (typeof port === 'string') r.check(`${at}.port`, portNameError(port));
  if (endPort !== undefined) {
    if (typeof endPort !== 'number' || portNumberError(endPort))
      r.fail(`${at}.endPort`, 'must be an integer from 1 to 65535');
    else if (typeof port !== 'number') r.fail(`${at}.endPort`, 'needs a numeric port');
    else if (endPort < port) r.fail(`${at}.endPort`, `must not be below port ${port}`);
  }
  return {
    ...(port !== undefined ? { port } : {}),
    ...(typeof endPort === 'number' ? { endPort } : {}),
    protocol,
  };
}

function readSettings(r: Reader, v: unknown): GenerationSettings | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) return r.fail('settings', 'must be an object');
  if (v.isolation !== undefined && v.isolation !== 'both' && v.isolation !== 'ingress') {
    r.fail('settings.isolation', 'must be both or ingress');
  }
  if (v.dnsEgress !== undefined && typeof v.dnsEgress !== 'boolean')
    r.fail('settings.dnsEgress', 'must be true or false');
  return {
    ...(v.isolation !== undefined ? { isolation: v.isolation as 'both' | 'ingress' } : {}),
    ...(v.dnsEgress !== undefined ? { dnsEgress: v.dnsEgress as boolean } : {}),
  };
}

export interface ParseTopologyOptions {
  /** Run validateTopology's cross-reference checks too (default true); lint turns it off to report them itself. */
  readonly crossReferences?: boolean;
}

/**
 * Parses and validates a topology document. `fallbackName` names the application when the
 * document has no `name`; `source` (a file name) prefixes the error message.
 * Throws TopologyError listing every problem.
 */
export function parseTopologyDocument(
  text: string,
  fallbackName: string,
  source?: string,
  options: ParseTopologyOptions = {},
): Topology {
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    throw new TopologyError(
      [{ field: '(document)', message: `not valid YAML or JSON: ${(e as Error).message}` }],
      source,
    );
  }
  const r = new Reader();
  if (!isObj(value)) throw new TopologyError([{ field: '(document)', message: 'must be a mapping' }], source);
  const name = r.string(value, 'name', '', false) ?? fallbackName;
  r.check('name', dns1123LabelError(name));
  const defaultNamespace = r.string(value, 'namespace', '', false) ?? 'default';
  if (!Array.isArray(value.components)) r.fail('components', 'must be a list');
  const components = r.list(value, 'components', '').map((c, i) => readComponent(r, c, i, defaultNamespace));
  const externals = r.list(value, 'externals', '').map((e, i) => readExternal(r, e, i));
  const flows = r.list(value, 'flows', '').map((f, i): Flow | undefined => {
    const at = `flows[${i}]`;
    if (!isObj(f)) return r.fail(at, 'must be an object');
    const from = readPeer(r, f.from, `${at}.from`);
    const to = readPeer(r, f.to, `${at}.to`);
    const ports = r.list(f, 'ports', at).map((p, j) => readFlowPort(r, p, `${at}.ports[${j}]`));
    const description = r.string(f, 'description', at, false);
    if (!from || !to) return undefined;
    return {
      from,
      to,
      ports: ports.filter((p) => p !== undefined),
      ...(description !== undefined ? { description } : {}),
    };
  });
  const settings = readSettings(r, value.settings);
  const topology: Topology = {
    name,
    components: components.filter((c) => c !== undefined),
    externals: externals.filter((e) => e !== undefined),
    flows: flows.filter((f) => f !== undefined),
    ...(settings ? { settings } : {}),
  };
  const crossReferences = options.crossReferences !== false && r.issues.length === 0;
  const issues = [...r.issues, ...(crossReferences ? validateTopology(topology) : [])];
  if (issues.length > 0) throw new TopologyError(issues, source);
  return topology;
}
