/**
 * A quick yes for the common shape of a topology document, so that a PUT of 1,000 components and 5,000
 * flows does not spend about 300 ms in class-transformer and class-validator, whose every rule the
 * engine's reader then checks again. It answers true only for documents that TopologyDocumentDto's
 * rules accept, built from the same rule functions (src/engine/k8s-syntax.ts) and the same LIMITS; on
 * anything else — a selector peer, a null, an unknown field, any invalid value — it answers false and
 * the ValidationPipe validates as always, so every refusal and its field-naming message stay
 * class-validator's. topology-document.quick-check.spec.ts holds it to that: whatever it accepts,
 * class-validator accepts.
 */
import {
  cidrContains,
  cidrError,
  dns1123LabelError,
  endPortError,
  isPlainObject,
  labelKeyError,
  labelValueError,
  portNameError,
  portNumberError,
} from '../../engine';
import { MAX_LABELS } from '../../common/validation/kubernetes.validators';
import { LIMITS } from './topology.limits';

type Fields = Readonly<Record<string, unknown>>;

const PROTOCOLS: ReadonlySet<unknown> = new Set(['TCP', 'UDP', 'SCTP']);
const DOCUMENT_KEYS = new Set(['name', 'namespace', 'components', 'externals', 'flows']);
const COMPONENT_KEYS = new Set(['name', 'namespace', 'labels', 'ports']);
const COMPONENT_PORT_KEYS = new Set(['name', 'port', 'protocol']);
const EXTERNAL_KEYS = new Set(['name', 'cidr', 'except']);
const FLOW_KEYS = new Set(['from', 'to', 'ports', 'description']);
const FLOW_PORT_KEYS = new Set(['port', 'endPort', 'protocol']);
const NAMED_PEER_KEYS = new Set(['component', 'external']);

/** True only when TopologyDocumentDto's validation would accept `value` unchanged. */
export function quickAcceptsTopologyDocument(value: unknown): boolean {
  return (
    fieldsOf(value, DOCUMENT_KEYS) !== undefined &&
    optional((value as Fields).name, isDns1123Label) &&
    optional((value as Fields).namespace, isDns1123Label) &&
    list((value as Fields).components, LIMITS.components, isComponent, 'name') &&
    optional((value as Fields).externals, (e) => list(e, LIMITS.externals, isExternal, 'name')) &&
    optional((value as Fields).flows, (f) => list(f, LIMITS.flows, isFlow))
  );
}

function isComponent(value: unknown): boolean {
  const c = fieldsOf(value, COMPONENT_KEYS);
  return (
    c !== undefined &&
    isDns1123Label(c.name) &&
    optional(c.namespace, isDns1123Label) &&
    isLabelMap(c.labels) &&
    optional(c.ports, (ports) => list(ports, LIMITS.portsPerComponent, isComponentPort, 'name'))
  );
}

function isComponentPort(value: unknown): boolean {
  const p = fieldsOf(value, COMPONENT_PORT_KEYS);
  return (
    p !== undefined &&
    optional(p.name, (name) => typeof name === 'string' && portNameError(name) === null) &&
    typeof p.port === 'number' &&
    portNumberError(p.port) === null &&
    optional(p.protocol, (protocol) => PROTOCOLS.has(protocol))
  );
}

function isExternal(value: unknown): boolean {
  const e = fieldsOf(value, EXTERNAL_KEYS);
  if (e === undefined || !isDns1123Label(e.name) || !isCidr(e.cidr)) return false;
  const cidr = e.cidr as string;
  return optional(e.except, (except) =>
    list(except, LIMITS.exceptPerExternal, (range) => isCidr(range) && cidrContains(cidr, range as string)),
  );
}

function isFlow(value: unknown): boolean {
  const f = fieldsOf(value, FLOW_KEYS);
  return (
    f !== undefined &&
    isNamedPeer(f.from) &&
    isNamedPeer(f.to) &&
    optional(f.ports, (ports) => list(ports, LIMITS.portsPerFlow, isFlowPort)) &&
    optional(f.description, (d) => typeof d === 'string' && d.length <= LIMITS.description)
  );
}

/** A peer naming a component or an external; selector peers are left to class-validator. */
function isNamedPeer(value: unknown): boolean {
  const peer = fieldsOf(value, NAMED_PEER_KEYS);
  if (peer === undefined) return false;
  const keys = Object.keys(peer);
  return keys.length === 1 && isDns1123Label(peer[keys[0]!]);
}

function isFlowPort(value: unknown): boolean {
  const p = fieldsOf(value, FLOW_PORT_KEYS);
  return (
    p !== undefined &&
    optional(p.port, isPortOrName) &&
    optional(p.endPort, (endPort) => endPortError(endPort, p.port) === null) &&
    optional(p.protocol, (protocol) => PROTOCOLS.has(protocol))
  );
}

function isPortOrName(value: unknown): boolean {
  if (typeof value === 'number') return portNumberError(value) === null;
  return typeof value === 'string' && !/^\d+$/.test(value) && portNameError(value) === null;
}

/** A label map of 1 to 64 labels (IsLabelMap({ nonEmpty: true })). */
function isLabelMap(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.length <= MAX_LABELS &&
    entries.every(([k, v]) => labelKeyError(k) === null && typeof v === 'string' && labelValueError(v) === null)
  );
}

function isDns1123Label(value: unknown): boolean {
  return typeof value === 'string' && dns1123LabelError(value) === null;
}

function isCidr(value: unknown): boolean {
  return typeof value === 'string' && cidrError(value) === null;
}

/**
 * An array of at most `max` items, each passing `item`, with distinct `unique` members when named
 * (HasUniqueKey).
 */
function list(value: unknown, max: number, item: (v: unknown) => boolean, unique?: string): boolean {
  if (!Array.isArray(value) || value.length > max || !value.every(item)) return false;
  if (unique === undefined) return true;
  const named = (value as Fields[]).map((v) => v[unique]).filter((k) => k !== undefined);
  return new Set(named).size === named.length;
}

/** Absent passes; null does not (the pipe answers for nulls, which some fields refuse by name). */
function optional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || (value !== null && check(value));
}

/** A plain object whose keys are all in `keys` (the DTO's whitelist), else undefined. */
function fieldsOf(value: unknown, keys: ReadonlySet<string>): Fields | undefined {
  if (!isPlainObject(value)) return undefined;
  return Object.keys(value).every((k) => keys.has(k)) ? value : undefined;
}
