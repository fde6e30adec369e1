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
import type { YAMLError } from 'yaml';
import {
  cidrError,
  dns1123LabelError,
  endPortError,
  exactlyOneOfError,
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
import { parseYamlDocuments, yamlToValue, YAML_LIMITS, type YamlLimits } from './yaml-limits';

/**
 * The document as written, before the reader fills in defaults: what the API's request bodies (REST
 * and GraphQL) carry. A null is the same as a field left out.
 */
export interface ComponentPortInput {
  readonly name?: string | null;
  readonly port: number;
  readonly protocol?: string | null;
}
export interface ComponentInput {
  readonly namespace?: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports?: readonly ComponentPortInput[] | null;
}
export interface ExternalInput {
  readonly cidr: string;
  readonly except?: readonly string[] | null;
}
export interface LabelSelectorInput {
  readonly matchLabels?: Readonly<Record<string, string>> | null;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] | null }[] | null;
}
export interface FlowPeerInput {
  readonly component?: string | null;
  readonly external?: string | null;
  readonly selector?: { namespaceSelector?: LabelSelectorInput | null; podSelector?: LabelSelectorInput | null } | null;
}
export interface FlowPortInput {
  readonly port?: number | string | null;
  readonly endPort?: number | null;
  readonly protocol?: string | null;
}
export interface FlowInput {
  readonly from: FlowPeerInput;
  readonly to: FlowPeerInput;
  readonly ports?: readonly FlowPortInput[] | null;
  readonly description?: string | null;
}
export interface TopologyDocumentInput {
  readonly name?: string | null;
  readonly namespace?: string | null;
  readonly components: readonly (ComponentInput & { readonly name: string })[];
  readonly externals?: readonly (ExternalInput & { readonly name: string })[] | null;
  readonly flows?: readonly FlowInput[] | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `field.key`, or `key` at the top (a single component's body). */
const join = (field: string, key: string) => (field ? `${field}.${key}` : key);

/** Object properties that are null are left out (a GraphQL client's "no value"); list items stay. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = withoutNulls(child);
  return out;
}

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
    if (v === undefined) return required ? this.fail(join(field, key), 'is required') : undefined;
    return typeof v === 'string' ? v : this.fail(join(field, key), 'must be a string');
  }
  list(o: Obj, key: string, field: string): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(join(field, key), 'must be a list');
      return [];
    }
    return v;
  }
  protocol(o: Obj, field: string): Protocol {
    const v = o.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(v as Protocol))
      this.fail(join(field, 'protocol'), `must be one of ${PROTOCOLS.join(', ')}`);
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

function readComponent_(
  r: Reader,
  v: unknown,
  at: string,
  defaultNamespace: string,
  name?: string,
): Component | undefined {
  if (!isObj(v)) return r.fail(at || 'body', 'must be an object');
  name ??= r.string(v, 'name', at) ?? '';
  const namespace = r.string(v, 'namespace', at, false) ?? defaultNamespace;
  r.check(join(at, 'namespace'), dns1123LabelError(namespace));
  const labels = r.labels(v.labels, join(at, 'labels'));
  if (Object.keys(labels).length === 0) r.fail(join(at, 'labels'), 'needs at least one label to select the pods');
  const ports = r.list(v, 'ports', at).map((p, j) => {
    const pat = join(at, `ports[${j}]`);
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

function readExternal_(r: Reader, v: unknown, at: string, name?: string): External | undefined {
  if (!isObj(v)) return r.fail(at || 'body', 'must be an object');
  name ??= r.string(v, 'name', at) ?? '';
  const cidr = r.string(v, 'cidr', at) ?? '';
  const cidrOk = r.check(join(at, 'cidr'), cidrError(cidr));
  const except = r.list(v, 'except', at).map(String);
  const exceptOk = except.every((x, j) => r.check(join(at, `except[${j}]`), cidrError(x)));
  // validateTopology's containment check needs well-formed CIDRs.
  return { name, cidr: cidrOk ? cidr : '0.0.0.0/0', except: cidrOk && exceptOk ? except : [] };
}

const PEER_KINDS = ['component', 'external', 'selector'] as const;

function readPeer(r: Reader, v: unknown, at: string): FlowPeer | undefined {
  const problem = exactlyOneOfError(v, PEER_KINDS);
  if (problem !== null || !isObj(v)) return r.fail(at, problem ?? 'must be an object');
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
    return r.fail(join(at, 'port'), 'must be a number or a port name');
  }
  if (typeof port === 'number') r.check(join(at, 'port'), portNumberError(port));
  if (typeof port === 'string') r.check(join(at, 'port'), portNameError(port));
  if (endPort !== undefined) r.check(join(at, 'endPort'), endPortError(endPort, port));
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

function readFlow_(r: Reader, f: unknown, at: string): Flow | undefined {
  if (!isObj(f)) return r.fail(at || 'body', 'must be an object');
  const from = readPeer(r, f.from, join(at, 'from'));
  const to = readPeer(r, f.to, join(at, 'to'));
  const ports = r.list(f, 'ports', at).map((p, j) => readFlowPort(r, p, join(at, `ports[${j}]`)));
  const description = r.string(f, 'description', at, false);
  if (!from || !to) return undefined;
  return {
    from,
    to,
    ports: ports.filter((p) => p !== undefined),
    ...(description !== undefined ? { description } : {}),
  };
}

/** Runs one reading; throws a TopologyError naming every problem, or answers what was read. */
function reading<T>(read: (r: Reader) => T | undefined, source?: string): T {
  const r = new Reader();
  const value = read(r);
  if (r.issues.length > 0 || value === undefined) throw new TopologyError(r.issues, source);
  return value;
}

/** One component as written (its name given apart, as a REST path names it); problems named relative to it. */
export function readComponent(input: unknown, name: string, defaultNamespace: string): Component {
  return reading((r) => readComponent_(r, withoutNulls(input), '', defaultNamespace, name));
}

/** One external as written; problems named relative to it. */
export function readExternal(input: unknown, name: string): External {
  return reading((r) => readExternal_(r, withoutNulls(input), '', name));
}

/** One flow as written (TCP where no protocol is given); problems named relative to it. */
export function readFlow(input: unknown): Flow {
  return reading((r) => readFlow_(r, withoutNulls(input), ''));
}

export interface ReadTopologyOptions {
  /** The application's name when the document has none (e.g. the file's base name). */
  readonly fallbackName: string;
  /** The namespace of components that name none, when the document names no `namespace` (default `default`). */
  readonly defaultNamespace?: string;
  /** Run validateTopology's cross-reference checks too (default true); lint turns it off to report them itself. */
  readonly crossReferences?: boolean;
  /** Prefixes the error message (a file name). */
  readonly source?: string;
}

/**
 * Reads and validates a topology document already parsed (a request body, a YAML or JSON value),
 * filling in the defaults: TCP, the default namespace, empty lists. The one place the document's rules
 * live; the CLI reaches it through parseTopologyDocument, the API with the validated request body.
 * Throws TopologyError listing every problem.
 */
export function readTopologyDocument(input: unknown, options: ReadTopologyOptions): Topology {
  const { source } = options;
  const value = withoutNulls(input);
  const r = new Reader();
  if (!isObj(value)) throw new TopologyError([{ field: '(document)', message: 'must be a mapping' }], source);
  const name = r.string(value, 'name', '', false) ?? options.fallbackName;
  r.check('name', dns1123LabelError(name));
  const defaultNamespace = r.string(value, 'namespace', '', false) ?? options.defaultNamespace ?? 'default';
  if (!Array.isArray(value.components)) r.fail('components', 'must be a list');
  const components = r
    .list(value, 'components', '')
    .map((c, i) => readComponent_(r, c, `components[${i}]`, defaultNamespace));
  const externals = r.list(value, 'externals', '').map((e, i) => readExternal_(r, e, `externals[${i}]`));
  const flows = r.list(value, 'flows', '').map((f, i) => readFlow_(r, f, `flows[${i}]`));
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

/** A YAML syntax error as one line: the parser's message and where (`at line 3, column 12`). */
export function yamlErrorText(error: YAMLError, text: string): string {
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const offset = Math.min(error.pos[0], text.length);
  const before = text.slice(0, offset).split('\n');
  return `${message} at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * One YAML (or JSON) document as a value, within `limits`: undefined for an empty text. Throws a
 * TopologyError naming the line and column of a syntax error, or when the text holds several documents.
 */
export function parseYamlDocument(text: string, limits: YamlLimits = YAML_LIMITS, source?: string): unknown {
  const fail = (message: string) => new TopologyError([{ field: '(document)', message }], source);
  const documents = parseYamlDocuments(text, { uniqueKeys: true }, limits);
  const problem = documents.flatMap((d) => d.errors)[0];
  if (problem) throw fail(`not valid YAML or JSON: ${yamlErrorText(problem, text)}`);
  if (documents.length > 1) throw fail('must be one YAML document, not several');
  return documents[0] === undefined ? undefined : yamlToValue(documents[0], limits);
}

export interface ParseTopologyOptions {
  /** Run validateTopology's cross-reference checks too (default true); lint turns it off to report them itself. */
  readonly crossReferences?: boolean;
}

/**
 * Parses and validates a topology document's text (readTopologyDocument after the YAML). `fallbackName`
 * names the application when the document has no `name`; `source` (a file name) prefixes the error message.
 * Throws TopologyError listing every problem.
 */
export function parseTopologyDocument(
  text: string,
  fallbackName: string,
  source?: string,
  options: ParseTopologyOptions = {},
): Topology {
  const value = parseYamlDocument(text, YAML_LIMITS, source);
  return readTopologyDocument(value, { fallbackName, source, ...options });
}
