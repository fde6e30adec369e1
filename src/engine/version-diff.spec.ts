import { generateNetworkPolicies } from './generate';
import { parseTopologyDocument } from './topology-document';
import { diffVersions } from './version-diff';

const side = (number: number, text: string) => {
  const topology = parseTopologyDocument(text, 'shop');
  return { number, topology, policies: generateNetworkPolicies(topology) };
};

const components = `
namespace: shop
components:
  - { name: web, labels: { app: web }, ports: [{ port: 80 }] }
  - { name: api, labels: { app: api }, ports: [{ port: 5000 }] }
  - { name: db, labels: { app: db }, ports: [{ port: 3306 }] }
`;

describe('diffVersions', () => {
  const flows = (webToApi: string) => `flows:
  - { from: { component: web }, to: { component: api }, ports: [${webToApi}] }
  - { from: { component: api }, to: { component: db }, ports: [{ port: 3306 }] }
`;
  const v1 = side(1, components + flows('{ port: 5000 }'));
  const v2 = side(2, components + flows('{ port: 5000, endPort: 5001 }'));

  it('names no change between a version and itself', () => {
    expect(diffVersions(v1, v1)).toEqual({
      from: 1,
      to: 1,
      policies: { added: [], removed: [], changed: [] },
      connections: { added: [], removed: [] },
    });
  });

  it('lists the connections added and removed, components by name', () => {
    const diff = diffVersions(v1, v2);
    expect(diff.connections.added).toEqual([
      { from: 'web', to: 'api', conns: [{ protocol: 'TCP', ports: [[5000, 5001]] }] },
    ]);
    expect(diff.connections.removed).toEqual([
      { from: 'web', to: 'api', conns: [{ protocol: 'TCP', ports: [[5000, 5000]] }] },
    ]);
    expect(diffVersions(v2, v1).connections.added).toEqual(diff.connections.removed);
  });

  it('gives each changed policy a unified diff of its YAML between the two version numbers', () => {
    const diff = diffVersions(v1, v2);
    expect(diff.policies.added).toEqual([]);
    expect(diff.policies.removed).toEqual([]);
    expect(diff.policies.changed.length).toBeGreaterThan(0);
    const api = diff.policies.changed.find((c) => c.diff.includes('5001'))!;
    expect(api.diff).toContain(`--- v1/${api.name}`);
    expect(api.diff).toContain(`+++ v2/${api.name}`);
    expect(api.diff).toMatch(/^\+ +- endPort: 5001$/m);
  });

  it('lists policies by namespace/name that only one side has', () => {
    const empty = { ...v1, number: 0, policies: [] };
    const diff = diffVersions(empty, v1);
    expect(diff.policies.added).toEqual(v1.policies.map((p) => `shop/${p.metadata?.name}`).sort());
    expect(diffVersions(v1, empty).policies.removed).toEqual(diff.policies.added);
  });
});
