import { adminPolicySet, EMPTY_ADMIN_POLICY_SET } from './admin-policy';
import { generateNetworkPolicies } from './generate';
import { checkFlowsAgainstGuardrails } from './guardrail-check';
import type { Topology } from './topology';

const API = 'policy.networking.k8s.io/v1alpha1';
const ALL = { namespaces: {} };

function threeTier(isolation: 'both' | 'ingress' = 'both'): Topology {
  return {
    name: 'shop',
    settings: { isolation },
    components: [
      { name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
      { name: 'api', namespace: 'shop', labels: { app: 'api' }, ports: [{ port: 5000, protocol: 'TCP' }] },
      { name: 'db', namespace: 'shop', labels: { app: 'db' }, ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }] },
    ],
    externals: [{ name: 'payments', cidr: '203.0.113.0/24', except: [] }],
    flows: [
      { from: { component: 'web' }, to: { component: 'api' }, ports: [{ port: 5000, protocol: 'TCP' }] },
      { from: { component: 'api' }, to: { component: 'db' }, ports: [{ port: 'mysql', protocol: 'TCP' }] },
      { from: { component: 'api' }, to: { external: 'payments' }, ports: [{ port: 443, protocol: 'TCP' }] },
    ],
  };
}

const anp = (name: string, priority: number, spec: object) => ({
  apiVersion: API,
  kind: 'AdminNetworkPolicy',
  metadata: { name },
  spec: { priority, subject: ALL, ...spec },
});
const banp = (spec: object) => ({
  apiVersion: API,
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name: 'default' },
  spec: { subject: ALL, ...spec },
});
const set = (...objects: object[]) =>
  adminPolicySet(objects.map((obj, i) => ({ obj: obj as Record<string, unknown>, where: `items[${i}]` })));

function check(topology: Topology, admin: ReturnType<typeof set>) {
  return checkFlowsAgainstGuardrails({ topology, policies: generateNetworkPolicies(topology), admin });
}

const PROTECT_DB = anp('protect-db', 20, {
  subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } },
  ingress: [
    { name: 'monitoring', action: 'Allow', from: [{ namespaces: { matchLabels: { team: 'monitoring' } } }] },
    { name: 'no-mysql', action: 'Deny', from: [ALL], ports: [{ portNumber: { protocol: 'TCP', port: 3306 } }] },
  ],
});

describe('checkFlowsAgainstGuardrails', () => {
  it('finds nothing without guardrails', () => {
    expect(check(threeTier(), EMPTY_ADMIN_POLICY_SET)).toEqual({ denied: [], undeclared: [] });
  });

  it('names the declared flow, the AdminNetworkPolicy and the rule that denies it', () => {
    expect(check(threeTier(), set(PROTECT_DB)).denied).toEqual([
      {
        flow: 1,
        from: 'api',
        to: 'db',
        protocol: 'TCP',
        port: 3306,
        direction: 'ingress',
        tier: 'admin',
        policy: 'protect-db',
        rule: 1,
        ruleName: 'no-mysql',
      },
    ]);
  });

  it('lets a Pass through to the NetworkPolicies, which allow the declared flow', () => {
    const pass = anp('pass-db', 5, { ingress: [{ name: 'delegate', action: 'Pass', from: [ALL] }] });
    expect(check(threeTier(), set(pass, PROTECT_DB)).denied).toEqual([]);
  });

  it('reports a baseline denial only where no NetworkPolicy isolates that direction', () => {
    const denyExternal = banp({ egress: [{ name: 'no-internet', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] });
    expect(check(threeTier('both'), set(denyExternal)).denied).toEqual([]);
    expect(check(threeTier('ingress'), set(denyExternal)).denied).toEqual([
      expect.objectContaining({
        flow: 2,
        from: 'api',
        to: 'payments',
        port: 443,
        direction: 'egress',
        tier: 'baseline',
        policy: 'default',
        rule: 0,
      }),
    ]);
  });

  it('warns about connections a guardrail allows that the application did not declare', () => {
    const allowDb = anp('db-from-anywhere', 30, {
      subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } },
      ingress: [{ name: 'any', action: 'Allow', from: [ALL] }],
    });
    const { denied, undeclared } = check(threeTier(), set(allowDb));
    expect(denied).toEqual([]);
    // web -> db is allowed by the ANP's ingress, but web's egress is isolated by its own policy:
    // only a connection both sides allow is reported.
    expect(undeclared).toEqual([]);
    const { undeclared: ingressOnly } = check(threeTier('ingress'), set(allowDb));
    expect(ingressOnly).toEqual([
      expect.objectContaining({ from: 'web', to: 'db', port: 3306, direction: 'ingress', policy: 'db-from-anywhere' }),
    ]);
  });
});
