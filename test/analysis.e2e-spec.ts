import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { useTestApp } from './support/app';
import { createThreeTier } from './support/fixtures';

const CASE = path.join(__dirname, 'fixtures', 'conformance', 'netpol-analysis-example-minimal');
/** AdminNetworkPolicies, a BaselineAdminNetworkPolicy and a NetworkPolicy (test/fixtures/conformance-anp). */
const ANP_CASE = path.join(__dirname, 'fixtures', 'conformance-anp', 'anp_banp_blog_demo');

/** The case's input files as one multi-document YAML text, in name order. */
function caseManifests(dir = path.join(CASE, 'input')): string {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/^---\s*\n/, ''))
    .join('\n---\n');
}

/** Pods with status.podIP(s) inside the ipBlocks of the other pod's policy (test/fixtures/engine-rules). */
const POD_IPS = fs.readFileSync(
  path.join(__dirname, 'fixtures', 'engine-rules', 'pod-ip-in-ip-block-matched', 'input.yaml'),
  'utf8',
);

const keys = (connections: { src: string; dst: string; conns: unknown }[]) =>
  connections.map((c) => JSON.stringify([c.src, c.dst, c.conns])).sort();

/** The db accepts TCP 3306 from web only: it blocks the declared api -> db and allows the undeclared web -> db. */
const LIVE_POLICIES = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { role: db } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
      ports: [{ port: 3306 }]
`;

describe('analysis of uploaded manifests, and drift (REST)', () => {
  const t = useTestApp();
  const api = t.api;

  describe('POST /v1/analysis/connectivity', () => {
    const expected = JSON.parse(fs.readFileSync(path.join(CASE, 'expected.json'), 'utf8'));

    it('answers a conformance case as its expected.json (as sets), from YAML and from JSON', async () => {
      for (const response of [
        await api.post('/v1/analysis/connectivity', caseManifests(), { contentType: 'application/yaml' }),
        await api.post('/v1/analysis/connectivity', { manifests: caseManifests() }),
      ]) {
        expect(response.status).toBe(200);
        expect(response.body.workloads.sort()).toEqual([...expected.workloads].sort());
        expect(keys(response.body.connections)).toEqual(keys(expected.connections));
        expect(response.body.externalPeers).toEqual(expected.externalPeers);
        // The case's Services are skipped, with one warning for the kind.
        expect(response.body.warnings).toEqual([expect.stringMatching(/^request body: kind Service skipped/)]);
      }
    });

    it('takes podIps and enforcement in the JSON body or, beside a YAML body, in the query string', async () => {
      const clientToServer = {
        src: 'default/client[Pod]',
        dst: 'default/server[Pod]',
        conns: [{ protocol: 'TCP', ports: [[8080, 8080]] }],
      };
      const plain = await api.post('/v1/analysis/connectivity', { manifests: POD_IPS });
      expect(plain.body.connections).not.toContainEqual(clientToServer);
      for (const response of [
        await api.post('/v1/analysis/connectivity', { manifests: POD_IPS, podIps: 'match' }),
        await api.post('/v1/analysis/connectivity?podIps=match', POD_IPS, { contentType: 'application/yaml' }),
      ]) {
        expect(response.status).toBe(200);
        expect(response.body.connections).toContainEqual(clientToServer);
        expect(response.body.externalPeers.asSource).toContain('10.244.1.6-10.244.1.255');
      }
      const none = await api.post('/v1/analysis/connectivity?enforcement=none', POD_IPS, {
        contentType: 'application/yaml',
      });
      expect(none.status).toBe(200);
      expect(none.body.connections.every((c: { conns: unknown }) => c.conns === 'All Connections')).toBe(true);
      expect(none.body.warnings).toEqual([expect.stringContaining('NetworkPolicy is not enforced')]);
    });

    it('rejects an unknown option value with 400 naming the field', async () => {
      const body = await api.post('/v1/analysis/connectivity', { manifests: POD_IPS, podIps: 'sometimes' });
      expect([body.status, body.body.details]).toEqual([
        400,
        [{ field: 'podIps', reason: 'must be one of ignore, match' }],
      ]);
      const query = await api.post('/v1/analysis/connectivity?enforcement=off', POD_IPS, {
        contentType: 'application/yaml',
      });
      expect([query.status, query.body.details[0].field]).toEqual([400, 'enforcement']);
    });

    it('filters by from/to in the JSON body or, beside a YAML body, in the query string', async () => {
      const frontend = 'default/frontend[Deployment]';
      const fromFrontend = expected.connections.filter((c: { src: string }) => c.src === frontend);
      const json = await api.post('/v1/analysis/connectivity', {
        manifests: caseManifests(),
        from: `workload:${frontend}`,
      });
      expect(json.status).toBe(200);
      expect(keys(json.body.connections)).toEqual(keys(fromFrontend));
      const yaml = await api.post(
        `/v1/analysis/connectivity?from=namespace:default&to=${encodeURIComponent('workload:default/backend[Deployment]')}`,
        caseManifests(),
        { contentType: 'application/yaml' },
      );
      expect(yaml.status).toBe(200);
      expect(yaml.body.connections).toEqual([
        { src: frontend, dst: 'default/backend[Deployment]', conns: [{ protocol: 'TCP', ports: [[9090, 9090]] }] },
      ]);
      expect(yaml.body.workloads).toHaveLength(2);
      for (const [body, status, field] of [
        [{ manifests: caseManifests(), to: 'web' }, 422, 'to'],
        [{ manifests: caseManifests(), from: 'namespace:nowhere' }, 422, 'from'],
        [{ manifests: caseManifests(), from: 'svc:web' }, 400, 'from'],
      ] as const) {
        const r = await api.post('/v1/analysis/connectivity', body);
        expect([r.status, r.body.details[0].field]).toEqual([status, field]);
      }
      const noComponents = await api.post('/v1/analysis/connectivity', { manifests: caseManifests(), to: 'web' });
      expect(noComponents.body.details[0].reason).toContain('manifests have no components');
    });

    it('applies podIps and enforcement together with from/to filters', async () => {
      const client = 'default/client[Pod]';
      const server = 'default/server[Pod]';
      const clientToServer = { src: client, dst: server, conns: [{ protocol: 'TCP', ports: [[8080, 8080]] }] };
      const json = await api.post('/v1/analysis/connectivity', {
        manifests: POD_IPS,
        podIps: 'match',
        from: `workload:${client}`,
        to: `workload:${server}`,
      });
      expect(json.status).toBe(200);
      expect(json.body.connections).toEqual([clientToServer]);
      const yaml = await api.post(
        `/v1/analysis/connectivity?enforcement=none&to=${encodeURIComponent(`workload:${server}`)}`,
        POD_IPS,
        { contentType: 'application/yaml' },
      );
      expect(yaml.status).toBe(200);
      expect(yaml.body.connections.length).toBeGreaterThan(1);
      expect(
        yaml.body.connections.every(
          (c: { dst: string; conns: unknown }) => c.dst === server && c.conns === 'All Connections',
        ),
      ).toBe(true);
      expect(yaml.body.warnings).toEqual([expect.stringContaining('NetworkPolicy is not enforced')]);
    });

    it('refuses a bad document with 400 naming its index, and an alias bomb with 413', async () => {
      const bad = await api.post('/v1/analysis/connectivity', `${caseManifests()}\n---\nkind: [unclosed\n`, {
        contentType: 'application/yaml',
      });
      expect([bad.status, bad.body.code]).toEqual([400, 'analysis/invalid_manifests']);
      const index = (parseAllDocuments(caseManifests()) as unknown[]).length + 1;
      expect(bad.body.message).toContain(`request body: document ${index}: invalid YAML`);
      expect(bad.body.details).toEqual([{ field: 'manifests', reason: expect.stringMatching(/^document \d+: /) }]);
      const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 0; i < 9; i++) {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        lol.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      const bomb = await api.post('/v1/analysis/connectivity', { manifests: lol.join('\n') });
      expect([bomb.status, bomb.body.code]).toEqual([413, 'request/payload_too_large']);
      expect(bomb.body.message).toMatch(/alias/i);
    });

    it('caps the manifests size and rejects unknown fields', async () => {
      const big = await api.post('/v1/analysis/connectivity', { manifests: 'x'.repeat(4 * 1024 * 1024 + 1) });
      expect([big.status, big.body.details[0].field]).toEqual([400, 'manifests']);
      const extra = await api.post('/v1/analysis/connectivity', { manifests: '', policies: [] });
      expect(extra.status).toBe(400);
    });
  });

  describe('POST /v1/analysis/reachability', () => {
    it('answers from a JSON body and from a YAML body with the question in the query string', async () => {
      const json = await api.post('/v1/analysis/reachability', {
        manifests: caseManifests(),
        from: 'default/frontend[Deployment]',
        to: 'default/backend[Deployment]',
        port: 9090,
      });
      expect(json.status).toBe(200);
      expect(json.body.allowed).toBe(true);
      expect(json.body.ingress.allowedBy.length).toBeGreaterThan(0);
      const yaml = await api.post(
        `/v1/analysis/reachability?from=${encodeURIComponent('default/backend[Deployment]')}&to=default/frontend[Deployment]&port=8080&protocol=TCP`,
        caseManifests(),
        { contentType: 'application/yaml' },
      );
      expect(yaml.status).toBe(200);
      expect(yaml.body.allowed).toBe(false);
      expect(yaml.body.egress.reason).toMatch(/isolated for egress/);
    });

    it('reads a pod IP as the pod under podIps: match, and says why everything is allowed under enforcement: none', async () => {
      const question = { manifests: POD_IPS, from: '10.244.1.5', to: 'default/server[Pod]', port: 'http' };
      const external = await api.post('/v1/analysis/reachability', question);
      expect([external.body.allowed, external.body.egress.isolated]).toEqual([true, false]);
      const pod = await api.post('/v1/analysis/reachability', { ...question, podIps: 'match' });
      expect(pod.status).toBe(200);
      expect(pod.body.egress).toMatchObject({
        isolated: true,
        allowedBy: [{ policy: 'default/client-egress', direction: 'egress', rule: 0 }],
      });
      const none = await api.post(
        `/v1/analysis/reachability?enforcement=none&from=${encodeURIComponent('default/other[Pod]')}&to=default/server[Pod]&port=9`,
        POD_IPS,
        { contentType: 'application/yaml' },
      );
      expect(none.body.allowed).toBe(true);
      expect(none.body.ingress.reason).toContain('NetworkPolicy is not enforced');
      expect(none.body.warnings).toEqual([expect.stringContaining('NetworkPolicy is not enforced')]);
    });

    it.each([
      [{ from: 'default/nope[Deployment]', to: '10.0.0.1', port: 80 }, 422, 'from'],
      [{ from: 'default/frontend[Deployment]', to: '10.0.0.300', port: 80 }, 400, 'to'],
      [{ from: 'default/frontend[Deployment]', to: 'default/backend[Deployment]', port: 'nope' }, 422, 'port'],
      [{ from: 'default/frontend[Deployment]', to: 'default/backend[Deployment]', port: 70000 }, 400, 'port'],
      [{ from: 'default/frontend[Deployment]', to: 'default/backend[Deployment]' }, 400, 'port'],
    ])('rejects %j with %i naming %s', async (question, status, field) => {
      const r = await api.post('/v1/analysis/reachability', { manifests: caseManifests(), ...question });
      expect(r.status).toBe(status);
      expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('AdminNetworkPolicies and the BaselineAdminNetworkPolicy among the uploaded manifests', () => {
    const manifests = caseManifests(path.join(ANP_CASE, 'input'));

    it('answers connectivity through the three tiers, as the conformance case expects', async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(ANP_CASE, 'expected.json'), 'utf8'));
      const r = await api.post('/v1/analysis/connectivity', manifests, { contentType: 'application/yaml' });
      expect(r.status).toBe(200);
      expect(keys(r.body.connections)).toEqual(keys(expected.connections));
      expect(r.body.connections).not.toContainEqual(
        expect.objectContaining({ src: 'baz/mybaz[Pod]', dst: 'bar/mybar[Pod]' }),
      );
    });

    it('names the deciding tier, policy, rule and action, and the Pass a connection came through', async () => {
      const denied = await api.post('/v1/analysis/reachability', {
        manifests,
        from: 'baz/mybaz[Pod]',
        to: 'bar/mybar[Pod]',
        port: 80,
      });
      expect(denied.status).toBe(200);
      expect(denied.body).toMatchObject({
        allowed: false,
        tier: 'baseline',
        ingress: {
          decision: {
            tier: 'baseline',
            action: 'Deny',
            policy: 'default',
            rule: 0,
            ruleName: 'deny-ingress-from-all-namespaces',
            passedBy: null,
          },
        },
        egress: { decision: { tier: 'default', action: 'Allow', policy: null, rule: null } },
      });
      const passed = await api.post('/v1/analysis/reachability', {
        manifests,
        from: 'monitoring/mymonitoring[Pod]',
        to: 'foo/myfoo[Pod]',
        port: 80,
      });
      expect(passed.body).toMatchObject({
        allowed: true,
        tier: 'networkpolicy',
        ingress: {
          decision: {
            tier: 'networkpolicy',
            action: 'Allow',
            policy: 'foo/allow-monitoring',
            rule: 0,
            passedBy: { policy: 'pass-monitoring', rule: 0, ruleName: 'pass-ingress-from-monitoring' },
          },
        },
      });
    });

    it('refuses an invalid AdminNetworkPolicy with 400 naming the object and the field', async () => {
      const bad = manifests.replace('priority: 9', 'priority: 1001');
      const r = await api.post('/v1/analysis/connectivity', { manifests: bad });
      expect([r.status, r.body.code]).toEqual([400, 'analysis/invalid_manifests']);
      expect(r.body.details).toEqual([
        {
          field: 'manifests',
          reason: expect.stringMatching(
            /^document \d+: AdminNetworkPolicy "allow-monitoring": spec\.priority 1001 is out of range/,
          ),
        },
      ]);
    });
  });

  describe('POST /v1/applications/:app/drift', () => {
    it('reports the declared api -> db as blocked and web -> db as undeclared', async () => {
      const app = await createThreeTier(api);
      for (const response of [
        await api.post(`/v1/applications/${app}/drift`, LIVE_POLICIES, { contentType: 'application/yaml' }),
        await api.post(`/v1/applications/${app}/drift?version=draft`, { manifests: LIVE_POLICIES }),
      ]) {
        expect(response.status).toBe(200);
        const apiToDb = (await api.get(`/v1/applications/${app}/flows?from=api&to=db`)).body.items[0];
        expect(response.body.blocked).toEqual([
          {
            id: apiToDb.id,
            from: { component: 'api' },
            to: { component: 'db' },
            blocked: [{ protocol: 'TCP', ports: [[3306, 3306]] }],
            reason: expect.stringContaining('shop/db[Component] is isolated for ingress'),
          },
        ]);
        expect(response.body.undeclared).toContainEqual({
          from: 'web',
          to: 'db',
          conns: [{ protocol: 'TCP', ports: [[3306, 3306]] }],
        });
        expect(
          response.body.undeclared.find((u: { from: string; to: string }) => u.from === 'api' && u.to === 'db'),
        ).toBeUndefined();
        expect(response.body.version.number).toBeNull();
      }
    });

    it('reports nothing when the live policies are the generated ones', async () => {
      const app = await createThreeTier(api);
      const generated = await api.get(`/v1/applications/${app}/policies`, { headers: { accept: 'application/yaml' } });
      expect(generated.status).toBe(200);
      const r = await api.post(`/v1/applications/${app}/drift`, { manifests: generated.text });
      expect(r.body.blocked).toEqual([]);
      expect(r.body.undeclared).toEqual([]);
    });
  });
});
