/**
 * A dense, seeded cluster for the engine benchmark: `size` workloads of every controller kind in a
 * dozen namespaces and about one NetworkPolicy per workload, with overlapping In/NotIn/Exists
 * selectors, namespace selectors and AND peers, ipBlocks with excepts, named ports whose names clash
 * across pods (other numbers, other protocols), port ranges and TCP/UDP/SCTP. It is produced as
 * Kubernetes manifests, so the same objects feed the in-process benchmark (through loadSnapshot) and
 * `flowpolicy analyze` (written as YAML files by `engine.bench.js --write-dense DIR`).
 */
import { stringify } from 'yaml';

export const DENSE_NAMESPACES = 12;

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;
const TIERS = ['web', 'api', 'db', 'cache', 'worker', 'gateway'] as const;
const VERSIONS = ['v1', 'v2', 'v3'] as const;
const ENVS = ['prod', 'staging', 'dev'] as const;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same snapshot. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Obj = Record<string, unknown>;

export interface DenseManifests {
  /** Namespace name -> the objects of that namespace (its Namespace object first). */
  readonly byNamespace: ReadonlyMap<string, readonly Obj[]>;
  readonly workloads: number;
  readonly policies: number;
}

/**
 * `guardrails`: also a dozen AdminNetworkPolicies (Allow, Deny and Pass; namespace and pod subjects
 * and peers, port numbers, ranges and named ports, egress `networks`) and a
 * BaselineAdminNetworkPolicy, as a platform team layers them over the teams' NetworkPolicies.
 */
export function denseManifests(size: number, seed = 11, guardrails = false): DenseManifests {
  const rnd = random(seed * 7919 + size);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const namespaces = Array.from({ length: DENSE_NAMESPACES }, (_, k) => `team-${k}`);
  // App names repeat in every namespace (each team runs its own `app-3`), about five pods each.
  const apps = Math.max(4, Math.round(size / DENSE_NAMESPACES / 5));
  const byNamespace = new Map<string, Obj[]>(
    namespaces.map((ns, k) => [
      ns,
      [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: ns,
            labels: { env: ENVS[k % 3]!, team: `t${k % 4}`, ...(k % 5 === 0 ? { pci: 'true' } : {}) },
          },
        },
      ],
    ]),
  );

  for (let i = 0; i < size; i++) {
    const namespace = namespaces[i % DENSE_NAMESPACES]!;
    const kind = KINDS[i % KINDS.length]!;
    const name = `w-${i}`;
    const labels: Record<string, string> = {
      app: `app-${int(apps)}`,
      tier: pick(TIERS),
      ...(chance(0.8) ? { version: pick(VERSIONS) } : {}),
      ...(chance(0.3) ? { metrics: 'true' } : {}),
      ...(chance(0.2) ? { release: pick(['canary', 'stable']) } : {}),
    };
    // Named ports clash on purpose: `http` is a different number here and there, `dns` is UDP on
    // some pods and TCP on others, `admin` is SCTP.
    const ports: Obj[] = [{ name: 'http', containerPort: pick([80, 8080, 8000 + (i % 40)]) }];
    if (chance(0.5)) ports.push({ name: 'metrics', containerPort: pick([9090, 9100]) });
    if (chance(0.3)) ports.push({ name: 'grpc', containerPort: 50051 + (i % 3) });
    if (chance(0.2)) ports.push({ name: 'dns', containerPort: 53, protocol: pick(['UDP', 'TCP']) });
    if (chance(0.1)) ports.push({ name: 'admin', containerPort: 7000 + (i % 5), protocol: 'SCTP' });
    if (chance(0.2)) ports.push({ containerPort: 6379 });
    byNamespace.get(namespace)!.push(workloadManifest(kind, name, namespace, labels, ports));
  }

  const podSelector = (): Obj => {
    const r = rnd();
    if (r < 0.45) return { matchLabels: { app: `app-${int(apps)}` } };
    if (r < 0.7) return { matchLabels: { tier: pick(TIERS) } };
    if (r < 0.85) return { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(TIERS), pick(TIERS)] }] };
    if (r < 0.95)
      return {
        matchLabels: { tier: pick(TIERS) },
        matchExpressions: [{ key: 'version', operator: 'NotIn', values: [pick(VERSIONS)] }],
      };
    if (r < 0.98) return { matchExpressions: [{ key: 'metrics', operator: 'Exists' }] };
    return {
      matchExpressions: [
        { key: 'release', operator: 'DoesNotExist' },
        { key: 'tier', operator: 'NotIn', values: [pick(TIERS)] },
      ],
    };
  };
  // Peers are narrower than the pods policies select, as in clusters where most pods are isolated
  // and each admits a few callers: mostly one app or one tier, in the own or a labelled namespace.
  const peerSelector = (): Obj => {
    const r = rnd();
    if (r < 0.5) return { matchLabels: { app: `app-${int(apps)}` } };
    if (r < 0.7)
      return {
        matchLabels: { tier: pick(TIERS) },
        matchExpressions: [{ key: 'version', operator: 'NotIn', values: [pick(VERSIONS)] }],
      };
    if (r < 0.85) return { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(TIERS), pick(TIERS)] }] };
    if (r < 0.95)
      return { matchLabels: { tier: pick(TIERS) }, matchExpressions: [{ key: 'metrics', operator: 'Exists' }] };
    return {
      matchExpressions: [
        { key: 'release', operator: 'DoesNotExist' },
        { key: 'tier', operator: 'NotIn', values: [pick(TIERS)] },
      ],
    };
  };
  const namespaceSelector = (): Obj => {
    const r = rnd();
    if (r < 0.1) return {};
    if (r < 0.5) return { matchLabels: { env: pick(ENVS) } };
    if (r < 0.8) return { matchLabels: { team: `t${int(4)}` } };
    if (r < 0.9) return { matchExpressions: [{ key: 'pci', operator: 'Exists' }] };
    return { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] };
  };
  const peer = (k: number): Obj => {
    const r = rnd();
    if (r < 0.35) return { podSelector: peerSelector() };
    if (r < 0.75) return { namespaceSelector: namespaceSelector(), podSelector: peerSelector() };
    if (r < 0.8) return { namespaceSelector: namespaceSelector() };
    const [cidr, except] = pick([
      [`10.${k % 16}.0.0/16`, `10.${k % 16}.${k % 4}.0/24`],
      [`10.${k % 16}.0.0/16`, undefined],
      ['0.0.0.0/0', '10.0.0.0/8'],
      ['172.16.0.0/12', `172.${16 + (k % 4)}.0.0/16`],
      [`192.168.${k % 8}.0/24`, undefined],
    ] as const);
    return { ipBlock: { cidr, ...(except ? { except: [except] } : {}) } };
  };
  // Ingress rules open service ports; egress rules mostly DNS, databases and node ports, as clusters
  // write them. Both name ports that clash across pods, and ranges, and every protocol.
  const ingressPort = (): Obj =>
    pick<Obj>([
      { port: 'http' },
      { port: 'metrics' },
      { port: 'grpc' },
      { port: 'dns', protocol: 'TCP' },
      { port: 'admin', protocol: 'SCTP' },
      { port: pick([80, 443, 8080]) },
      { port: 8000, endPort: 8000 + int(60) },
      { protocol: 'SCTP' },
    ]);
  const egressPort = (): Obj =>
    pick<Obj>([
      { port: 53, protocol: 'UDP' },
      { port: 'dns', protocol: 'UDP' },
      { port: pick([5432, 6379]) },
      { port: 'grpc' },
      { port: 30000, endPort: 32767, protocol: pick(['TCP', 'UDP']) },
      { port: 443 },
    ]);
  const rule = (k: number, field: 'from' | 'to'): Obj => {
    const out: Obj = {};
    if (!chance(0.03)) out[field] = Array.from({ length: 1 + int(3) }, () => peer(k));
    if (!chance(0.05)) out.ports = Array.from({ length: 1 + int(3) }, field === 'from' ? ingressPort : egressPort);
    return out;
  };

  const policies = Math.round(size * 0.96);
  for (let k = 0; k < policies; k++) {
    const namespace = namespaces[k % DENSE_NAMESPACES]!;
    const types = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress'], undefined]);
    const spec: Obj = { podSelector: chance(0.03) ? {} : podSelector() };
    if (types) spec.policyTypes = types;
    if (types === undefined || types.includes('Ingress'))
      spec.ingress = Array.from({ length: int(4) }, () => rule(k, 'from'));
    if (types === undefined ? chance(0.5) : types.includes('Egress'))
      spec.egress = Array.from({ length: int(4) }, () => rule(k, 'to'));
    byNamespace.get(namespace)!.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np-${k}`, namespace },
      spec,
    });
  }
  if (guardrails) {
    const admin: Obj[] = [];
    const anpPorts = (): Obj[] =>
      pick<Obj[]>([
        [{ portNumber: { protocol: 'TCP', port: pick([80, 443, 5432]) } }],
        [{ namedPort: pick(['http', 'metrics', 'grpc']) }],
        [{ portRange: { protocol: pick(['TCP', 'UDP']), start: 30000, end: 32767 } }],
        [{ portNumber: { protocol: 'UDP', port: 53 } }, { namedPort: 'dns' }],
      ]);
    const anpPeer = (): Obj =>
      chance(0.5)
        ? { namespaces: namespaceSelector() }
        : { pods: { namespaceSelector: namespaceSelector(), podSelector: peerSelector() } };
    const subject = (): Obj =>
      chance(0.5)
        ? { namespaces: namespaceSelector() }
        : { pods: { namespaceSelector: {}, podSelector: podSelector() } };
    const actions = ['Allow', 'Deny', 'Pass'] as const;
    for (let k = 0; k < 12; k++) {
      const gress = (field: 'from' | 'to', j: number): Obj => ({
        name: `${field}-${j}`,
        action: pick(actions),
        [field]: [anpPeer(), ...(field === 'to' && chance(0.3) ? [{ networks: [`10.${k % 16}.0.0/16`] }] : [])],
        ...(chance(0.7) ? { ports: anpPorts() } : {}),
      });
      admin.push({
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'AdminNetworkPolicy',
        metadata: { name: `guardrail-${k}` },
        spec: {
          priority: 10 + k * 5,
          subject: subject(),
          ingress: Array.from({ length: 1 + int(3) }, (_, j) => gress('from', j)),
          egress: Array.from({ length: int(3) }, (_, j) => gress('to', j)),
        },
      });
    }
    admin.push({
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'BaselineAdminNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        subject: { namespaces: { matchLabels: { env: 'prod' } } },
        ingress: [{ name: 'deny-from-dev', action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'dev' } } }] }],
        egress: [
          {
            name: 'allow-dns',
            action: 'Allow',
            to: [{ namespaces: {} }],
            ports: [{ portNumber: { protocol: 'UDP', port: 53 } }],
          },
        ],
      },
    });
    byNamespace.get(namespaces[0]!)!.push(...admin);
  }
  return { byNamespace, workloads: size, policies };
}

function workloadManifest(kind: string, name: string, namespace: string, labels: Obj, ports: Obj[]): Obj {
  const podSpec = { containers: [{ name: 'main', image: `registry.example/${name}:1`, ports }] };
  const metadata = { name, namespace };
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { ...metadata, labels }, spec: podSpec };
  const template = { metadata: { labels }, spec: podSpec };
  if (kind === 'Job') return { apiVersion: 'batch/v1', kind, metadata, spec: { template } };
  if (kind === 'CronJob')
    return {
      apiVersion: 'batch/v1',
      kind,
      metadata,
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } },
    };
  return { apiVersion: 'apps/v1', kind, metadata, spec: { selector: { matchLabels: labels }, template } };
}

/** The manifests of one namespace as a multi-document YAML file. */
export function toYamlDocuments(objects: readonly Obj[]): string {
  return objects.map((o) => stringify(o)).join('---\n');
}
