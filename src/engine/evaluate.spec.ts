import { compileSnapshot } from './compile';
import { EngineInputError } from './errors';
import { evaluate } from './evaluate';
import { policy, snapshot, workload } from '../../test/support/snapshot-builders';

describe('evaluate', () => {
  const web = workload('web', { app: 'web' }, 'default', [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  const db = workload('db', { app: 'db' });
  const s = snapshot(
    [web, db],
    [
      policy('db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
      }),
    ],
  );

  it('explains both sides with the admitting rule and the selecting policies', () => {
    const v = evaluate(s, { from: { workload: web.id }, to: { workload: db.id }, protocol: 'TCP', port: 5432 });
    expect(v.allowed).toBe(true);
    expect(v.tier).toBe('networkpolicy');
    expect(v.egress).toEqual({
      decision: { tier: 'default', action: 'Allow' },
      isolated: false,
      allowed: true,
      allowedBy: [],
      reason: 'no policy selects default/web[Deployment] for egress',
      policies: [],
    });
    expect(v.ingress).toMatchObject({
      decision: { tier: 'networkpolicy', action: 'Allow', policy: 'default/db', rule: 0 },
      isolated: true,
      allowed: true,
      allowedBy: [{ policy: 'default/db', direction: 'ingress', rule: 0 }],
      policies: ['default/db'],
    });
    expect(v.ingress.reason).toContain('default/db ingress[0]');
  });

  it('says which policies isolate a denied side', () => {
    const v = evaluate(s, { from: { workload: web.id }, to: { workload: db.id }, protocol: 'UDP', port: 5432 });
    expect(v.allowed).toBe(false);
    expect(v.ingress.reason).toBe(
      'default/db[Deployment] is isolated for ingress by default/db and no rule allows UDP 5432 from default/web[Deployment]',
    );
  });

  it('never isolates IP endpoints, and accepts the same engine answer precompiled', () => {
    const compiled = compileSnapshot(s);
    const v = evaluate(compiled, { from: { workload: db.id }, to: { ip: '8.8.8.8' }, protocol: 'UDP', port: 53 });
    expect(v.allowed).toBe(true);
    expect(v.ingress.isolated).toBe(false);
    expect(
      evaluate(compiled, { from: { ip: '8.8.8.8' }, to: { workload: db.id }, protocol: 'TCP', port: 5432 }).allowed,
    ).toBe(false);
  });

  it('resolves a named query port on the destination', () => {
    expect(
      evaluate(s, { from: { workload: db.id }, to: { workload: web.id }, protocol: 'TCP', port: 'http' }).allowed,
    ).toBe(true);
  });

  it.each([
    [
      { from: { workload: 'default/nope[Pod]' }, to: { workload: 'default/db[Deployment]' }, protocol: 'TCP', port: 1 },
      /unknown workload/,
    ],
    [{ from: { ip: '300.1.1.1' }, to: { workload: 'default/db[Deployment]' }, protocol: 'TCP', port: 1 }, /invalid IP/],
    // Octal as ipaddr.js would read it (8.0.0.1): refused, as Kubernetes refuses it.
    [{ from: { ip: '010.0.0.1' }, to: { workload: 'default/db[Deployment]' }, protocol: 'TCP', port: 1 }, /invalid IP/],
    [
      {
        from: { workload: 'default/web[Deployment]' },
        to: { workload: 'default/db[Deployment]' },
        protocol: 'TCP',
        port: 'http',
      },
      /not a TCP container port of default\/db/,
    ],
    [
      {
        from: { workload: 'default/web[Deployment]' },
        to: { workload: 'default/db[Deployment]' },
        protocol: 'TCP',
        port: 0,
      },
      /port must be 1-65535/,
    ],
  ] as const)('rejects a bad query %#', (query, message) => {
    expect(() => evaluate(s, query)).toThrow(EngineInputError);
    expect(() => evaluate(s, query)).toThrow(message);
  });
});
