import { AppError } from '../common/errors/app-error';
import { canonicalGuardrails } from './guardrail-document';

const API = 'policy.networking.k8s.io/v1alpha1';
const anp = (name: string, priority: number) => ({
  apiVersion: API,
  kind: 'AdminNetworkPolicy',
  metadata: { name, uid: `uid-${name}`, resourceVersion: '7', labels: { team: 'platform' } },
  spec: {
    priority,
    subject: { namespaces: {} },
    ingress: [{ name: 'all', action: 'Pass', from: [{ namespaces: {} }] }],
  },
  status: { conditions: [] },
});
const banp = {
  apiVersion: API,
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name: 'default' },
  spec: { subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] },
};

describe('canonicalGuardrails', () => {
  it('orders AdminNetworkPolicies by priority and the baseline last, whatever the order sent', () => {
    const a = canonicalGuardrails([banp, anp('late', 50), anp('early', 5)]);
    const b = canonicalGuardrails([anp('early', 5), banp, anp('late', 50)]);
    expect(a).toEqual(b);
    expect(a.items.map((i) => (i.metadata as { name: string }).name)).toEqual(['early', 'late', 'default']);
  });

  it('keeps the name, labels and spec, and drops what the cluster adds (uid, resourceVersion, status)', () => {
    const [item] = canonicalGuardrails([anp('early', 5)]).items;
    expect(item).toEqual({
      apiVersion: API,
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'early', labels: { team: 'platform' } },
      spec: anp('early', 5).spec,
    });
  });

  it('refuses a wrong apiVersion or kind, naming each item', () => {
    const refusal = (() => {
      try {
        canonicalGuardrails([{ ...banp, apiVersion: 'v1' }, { kind: 'Pod' }]);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('accepted');
    })();
    expect(refusal.code).toBe('guardrails/invalid');
    expect(refusal.details).toEqual([
      { field: 'items[0].apiVersion', reason: `must be ${API}` },
      { field: 'items[1].kind', reason: 'must be AdminNetworkPolicy or BaselineAdminNetworkPolicy' },
    ]);
  });
});
