import { SHOP_PODS } from '../../test/support/shop-pods';
import { lint, loadSnapshot } from './index';

const manifests = `${SHOP_PODS}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 5432}]
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 9000}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: guard}
spec:
  priority: 5
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}
  ingress:
  - name: deny-5432
    action: Deny
    from: [{namespaces: {}}]
    ports: [{portNumber: {port: 5432}}]
  - name: nobody
    action: Allow
    from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: ghost}}}}]
  - name: again
    action: Allow
    from: [{namespaces: {}}]
    ports: [{portNumber: {port: 5432}}]
  - name: no-such-port
    action: Allow
    from: [{namespaces: {}}]
    ports: [{namedPort: grpc}]
  egress:
  - name: pass-all
    action: Pass
    to: [{namespaces: {}}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: empty-subject}
spec:
  priority: 6
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: ghost}}}}
  egress:
  - action: Deny
    to: [{namespaces: {}}]
`;

const codes = (m: string) =>
  lint({ snapshot: loadSnapshot([{ name: 'm.yaml', content: m }]) })
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.code} ${f.object}`);

describe('lint of the admin tiers', () => {
  it('finds rules that never match, a Pass with nothing below, and a NetworkPolicy rule an ANP Deny shadows', () => {
    expect(codes(manifests)).toEqual([
      'admin-rule-never-matches AdminNetworkPolicy empty-subject',
      'admin-pass-nothing-below AdminNetworkPolicy guard egress[0]',
      'admin-rule-never-matches AdminNetworkPolicy guard ingress[1]',
      'admin-rule-never-matches AdminNetworkPolicy guard ingress[2]',
      'admin-rule-never-matches AdminNetworkPolicy guard ingress[3]',
      'networkpolicy-rule-shadowed policy shop/db ingress[0]',
    ]);
  });

  it('says nothing once a BANP sits below the Pass and the Deny no longer covers the rule', () => {
    const fixed = manifests
      .replace(
        'ports: [{portNumber: {port: 5432}}]\n  - name: nobody',
        'ports: [{portNumber: {port: 5433}}]\n  - name: nobody',
      )
      .concat(
        '---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  egress:\n  - action: Deny\n    to: [{namespaces: {}}]\n',
      );
    const found = codes(fixed);
    expect(found.filter((c) => c.startsWith('admin-pass') || c.startsWith('networkpolicy-rule'))).toEqual([]);
  });
});
