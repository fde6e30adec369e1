import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNetworkPolicies, loadAdminPolicies, parseTopologyDocument } from '.';
import { diffVersions } from './version-diff';

const topology = parseTopologyDocument(
  readFileSync(join(__dirname, '..', '..', 'examples', 'three-tier.yaml'), 'utf8'),
  'three-tier',
);
const policies = generateNetworkPolicies(topology);
/** An ANP that denies web -> api before any NetworkPolicy can allow it. */
const guardrails = loadAdminPolicies([
  {
    name: 'guardrails.yaml',
    content: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: no-web-to-api}
spec:
  priority: 1
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {name: api-pod}}}}
  ingress:
  - name: deny-web
    action: Deny
    from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]
`,
  },
]);

describe('diffVersions under guardrails', () => {
  it('computes each side under its own guardrails: an ANP Deny removes a connection the NetworkPolicies allow', () => {
    const diff = diffVersions({ number: 1, topology, policies }, { number: 2, topology, policies, admin: guardrails });
    expect(diff.policies).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.connections.added).toEqual([]);
    expect(diff.connections.removed).toEqual([
      { from: 'web', to: 'api', conns: [{ protocol: 'TCP', ports: [[5000, 5000]] }] },
    ]);
  });
});
