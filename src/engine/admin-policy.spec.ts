import { SHOP_PODS } from '../../test/support/shop-pods';
import { AdminPolicyError, loadAdminPolicies, loadSnapshot, evaluate, withAdminPolicies } from './index';

const anp = (name: string, priority: unknown, extra = '') => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: ${name}
spec:
  priority: ${JSON.stringify(priority)}
  subject:
    namespaces: {}
${extra}`;

const banp = (name: string, extra = '') => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: ${name}
spec:
  subject:
    namespaces: {}
${extra}`;

const load = (...docs: string[]) => loadAdminPolicies([{ name: 'guardrails.yaml', content: docs.join('\n---\n') }]);

function refusal(fn: () => unknown): AdminPolicyError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AdminPolicyError);
    return e as AdminPolicyError;
  }
  throw new Error('not refused');
}

describe('loadAdminPolicies', () => {
  it('orders ANPs by ascending priority and keeps the BANP apart', () => {
    const set = load(anp('b', 20), banp('default'), anp('a', 3));
    expect(set.anps.map((p) => [p.name, p.priority])).toEqual([
      ['a', 3],
      ['b', 20],
    ]);
    expect(set.banp?.name).toBe('default');
  });

  it.each([
    ['priority above 1000', [anp('x', 1001)], 'spec.priority', /between 0 and 1000/],
    ['negative priority', [anp('x', -1)], 'spec.priority', /between 0 and 1000/],
    ['two ANPs with one priority', [anp('x', 5), anp('y', 5)], 'spec.priority', /same priority conflict/],
    ['two ANPs with one name', [anp('x', 5), anp('x', 6)], 'metadata.name', /unique name/],
    ['a BANP not named default', [banp('other')], 'metadata.name', /must be "default"/],
    ['two BANPs', [banp('default'), banp('default')], 'kind', /at most one baseline/],
    [
      'an unknown action',
      [anp('x', 1, '  egress:\n  - action: Block\n    to: [{namespaces: {}}]')],
      'spec.egress[0].action',
      /not a known action/,
    ],
    [
      'Pass in a BANP',
      [banp('default', '  egress:\n  - action: Pass\n    to: [{namespaces: {}}]')],
      'spec.egress[0].action',
      /not a known action/,
    ],
    [
      'a reversed port range',
      [
        anp(
          'x',
          1,
          '  ingress:\n  - action: Allow\n    from: [{namespaces: {}}]\n    ports: [{portRange: {start: 10, end: 1}}]',
        ),
      ],
      'spec.ingress[0].ports[0].portRange',
      /not a valid port range/,
    ],
    [
      'a port with two fields',
      [
        anp(
          'x',
          1,
          '  ingress:\n  - action: Allow\n    from: [{namespaces: {}}]\n    ports: [{namedPort: web, portNumber: {port: 80}}]',
        ),
      ],
      'spec.ingress[0].ports[0]',
      /exactly one field/,
    ],
    ['an empty to', [anp('x', 1, '  egress:\n  - action: Deny\n    to: []')], 'spec.egress[0].to', /at least one peer/],
    [
      'networks in an ingress peer',
      [anp('x', 1, '  ingress:\n  - action: Deny\n    from: [{networks: [10.0.0.0/8]}]')],
      'spec.ingress[0].from[0]',
      /exactly one field of a rule peer/,
    ],
    [
      'a bad CIDR',
      [anp('x', 1, '  egress:\n  - action: Deny\n    to: [{networks: [10.0.0.0/40]}]')],
      'spec.egress[0].to[0].networks[0]',
      /not a valid CIDR/,
    ],
  ])('refuses %s, naming the file, the object and the field', (_what, docs, field, reason) => {
    const e = refusal(() => load(...docs));
    expect(e.field).toBe(field);
    expect(e.reason).toMatch(reason);
    expect(e.message).toMatch(/^guardrails\.yaml: document \d+: (Baseline)?AdminNetworkPolicy "/);
    expect(e.message).toContain(field);
  });

  it('refuses a subject with both namespaces and pods', () => {
    const doc = anp('x', 1).replace(
      '    namespaces: {}',
      '    namespaces: {}\n    pods: {namespaceSelector: {}, podSelector: {}}',
    );
    expect(refusal(() => load(doc)).field).toBe('spec.subject');
  });

  it('refuses other kinds in a guardrails document', () => {
    expect(() => load('kind: Namespace\nmetadata: {name: x}')).toThrow(/kind "Namespace" is not AdminNetworkPolicy/);
  });

  it('validates guardrails merged into a snapshot as one upload', () => {
    const snapshot = loadSnapshot([{ name: 'app.yaml', content: anp('mine', 7) }]);
    expect(snapshot.admin?.anps).toHaveLength(1);
    expect(() => withAdminPolicies(snapshot, load(anp('theirs', 7)))).toThrow(/same priority/);
    expect(withAdminPolicies(snapshot, load(anp('theirs', 8))).admin?.anps.map((p) => p.name)).toEqual([
      'mine',
      'theirs',
    ]);
  });
});

describe('evaluate under admin tiers', () => {
  const pods = SHOP_PODS;
  const q = (port: number) => ({
    from: { workload: 'shop/web[Pod]' },
    to: { workload: 'shop/db[Pod]' },
    protocol: 'TCP' as const,
    port,
  });

  it('names the deciding tier, policy, rule and action; Pass falls through to the baseline', () => {
    const guard = load(
      anp(
        'pass-db',
        10,
        '  egress:\n  - name: pass-5432\n    action: Pass\n    to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}]\n    ports: [{portNumber: {port: 5432}}]\n  - name: deny-rest\n    action: Deny\n    to: [{namespaces: {}}]',
      ),
      banp('default', '  egress:\n  - name: deny-all\n    action: Deny\n    to: [{namespaces: {}}]'),
    );
    const snapshot = withAdminPolicies(loadSnapshot([{ name: 'pods.yaml', content: pods }]), guard);
    const denied = evaluate(snapshot, q(80));
    expect(denied).toMatchObject({
      allowed: false,
      tier: 'admin',
      egress: { decision: { tier: 'admin', action: 'Deny', policy: 'pass-db', rule: 1, ruleName: 'deny-rest' } },
    });
    const passed = evaluate(snapshot, q(5432));
    expect(passed).toMatchObject({
      allowed: false,
      tier: 'baseline',
      egress: {
        decision: {
          tier: 'baseline',
          action: 'Deny',
          policy: 'default',
          rule: 0,
          passedBy: { policy: 'pass-db', rule: 0, ruleName: 'pass-5432' },
        },
      },
    });
    // Without guardrails nothing isolates: the default decides.
    expect(evaluate(loadSnapshot([{ name: 'pods.yaml', content: pods }]), q(80))).toMatchObject({
      allowed: true,
      tier: 'default',
    });
  });
});
