/**
 * deploy/: every manifest parses and validates against the Kubernetes schemas, the Deployment's
 * probes point at documented routes, and deploy/networkpolicies.yaml is exactly what the engine
 * generates from deploy/topology.yaml today.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { generateNetworkPolicies, parseTopologyDocument, toYaml } from '../src/engine';
import { schemaProblems } from './support/kubernetes-schema';
import { documentedOperations } from './support/openapi';

const DEPLOY = join(__dirname, '..', 'deploy');
const REGENERATE = 'npm run deploy:policies';

interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: unknown;
}

function manifests(): { file: string; object: KubeObject }[] {
  return readdirSync(DEPLOY)
    .filter((file) => file.endsWith('.yaml') && file !== 'topology.yaml')
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(DEPLOY, file), 'utf8')).map((document) => {
        if (document.errors.length > 0) throw new Error(`deploy/${file}: ${document.errors[0].message}`);
        return { file, object: document.toJS() as KubeObject };
      }),
    );
}

describe('deploy/', () => {
  it('holds the namespace, deployment, service, disruption budget and network policies', () => {
    const kinds = manifests().map(({ object }) => object.kind);
    expect(new Set(kinds)).toEqual(
      new Set(['Namespace', 'Deployment', 'Service', 'PodDisruptionBudget', 'NetworkPolicy']),
    );
  });

  it('validates every object against its Kubernetes schema, all in namespace flowpolicy', () => {
    const objects = manifests().map(({ object }) => object);
    expect(schemaProblems(objects)).toEqual([]);
    for (const object of objects) {
      expect(object.kind === 'Namespace' ? object.metadata.name : object.metadata.namespace).toBe('flowpolicy');
    }
  });

  it('the schema check does reject a malformed object', () => {
    const deployment = manifests().find(({ object }) => object.kind === 'Deployment')!.object;
    expect(schemaProblems([{ ...deployment, spec: { replicas: 'three' } }])).toHaveLength(1);
  });

  it('probes routes that openapi.yaml documents, on the named port the policies allow', () => {
    const deployment = manifests().find(({ object }) => object.kind === 'Deployment')!.object as unknown as {
      spec: { template: { spec: { containers: Record<string, any>[] } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const [container] = deployment.spec.template.spec.containers;
    const gets = new Set(
      documentedOperations()
        .filter((o) => o.method === 'get')
        .map((o) => o.path),
    );
    const probes = ['readinessProbe', 'livenessProbe', 'startupProbe'].map((name) => container[name].httpGet);
    expect(probes.map((probe) => probe.path)).toEqual(['/health/ready', '/health', '/health']);
    for (const probe of probes) {
      expect(gets.has(probe.path)).toBe(true);
      expect(probe.port).toBe('http');
    }
    expect(container.ports).toContainEqual({ name: 'http', containerPort: 8080, protocol: 'TCP' });
    expect(container.env).toContainEqual(
      expect.objectContaining({
        name: 'DATABASE_URL',
        valueFrom: expect.objectContaining({ secretKeyRef: expect.anything() }),
      }),
    );
  });

  it(`networkpolicies.yaml is generated from topology.yaml (else run \`${REGENERATE}\`)`, () => {
    const path = join(DEPLOY, 'topology.yaml');
    const topology = parseTopologyDocument(readFileSync(path, 'utf8'), 'topology', path);
    const expected = toYaml(generateNetworkPolicies(topology, {}));
    const committed = readFileSync(join(DEPLOY, 'networkpolicies.yaml'), 'utf8');
    if (committed !== expected) {
      throw new Error(`deploy/networkpolicies.yaml differs from deploy/topology.yaml; run \`${REGENERATE}\``);
    }
  });
});
