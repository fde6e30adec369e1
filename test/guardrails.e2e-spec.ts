/**
 * The cluster's guardrails in the service: one document (AdminNetworkPolicies and the baseline),
 * replaced by admins with If-Match, published as numbered versions, read over REST and GraphQL, every
 * change audited.
 */
import { createThreeTier } from './support/fixtures';
import { requestExample } from './support/openapi';
import { useTestApp } from './support/app';
import { gql } from './support/graphql';
import { issueToken } from './support/tokens';

const GUARDRAILS = '/v1/guardrails';
type Item = Record<string, unknown>;
const API = 'policy.networking.k8s.io/v1alpha1';
/** An AdminNetworkPolicy (with a priority) or the BaselineAdminNetworkPolicy `default`. */
const adminObject = (kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy', name: string, spec: Item) => ({
  apiVersion: API,
  kind,
  metadata: { name },
  spec,
});
const withSpec = (item: Item, spec: Item): Item => ({ ...item, spec: { ...(item.spec as Item), ...spec } });
const example = () => requestExample(GUARDRAILS, 'put', 'denyByDefault') as { items: Record<string, unknown>[] };

describe('guardrails', () => {
  const t = useTestApp();

  describe('the document', () => {
    it('is an empty List with an ETag before anything is stored', async () => {
      const response = await t.api.get(GUARDRAILS);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ apiVersion: 'v1', kind: 'List', items: [] });
      expect(response.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    });

    it('is replaced by PUT (JSON), honours If-Match, and answers the same document and ETag on GET', async () => {
      const before = await t.api.get(GUARDRAILS);
      const put = await t.api.put(GUARDRAILS, example(), { headers: { 'if-match': before.headers.etag } });
      expect(put.status).toBe(200);
      expect(put.headers.etag).not.toBe(before.headers.etag);
      expect(put.body.items.map((i: { kind: string }) => i.kind)).toEqual([
        'AdminNetworkPolicy',
        'BaselineAdminNetworkPolicy',
      ]);
      const get = await t.api.get(GUARDRAILS);
      expect(get.body).toEqual(put.body);
      expect(get.headers.etag).toBe(put.headers.etag);

      const stale = await t.api.put(GUARDRAILS, { items: [] }, { headers: { 'if-match': before.headers.etag } });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({
        code: 'guardrails/precondition_failed',
        details: { etag: put.headers.etag },
      });
      expect((await t.api.get(GUARDRAILS)).body).toEqual(put.body);
    });

    it('takes YAML and answers YAML when asked, with the ETag of the same document', async () => {
      const yaml = requestExample(GUARDRAILS, 'put', 'denyByDefault', 'application/yaml') as string;
      const put = await t.api.put(GUARDRAILS, yaml, { contentType: 'application/yaml' });
      expect(put.status).toBe(200);
      const asYaml = await t.api.get(GUARDRAILS, { headers: { accept: 'application/yaml' } });
      expect(asYaml.headers['content-type']).toMatch(/^application\/yaml/);
      expect(asYaml.text).toContain('kind: BaselineAdminNetworkPolicy');
      expect(asYaml.headers.etag).toBe(put.headers.etag);
    });

    it('refuses a body that is not a List of objects, naming the field, and writes nothing', async () => {
      const before = await t.api.get(GUARDRAILS);
      const response = await t.api.put(GUARDRAILS, { kind: 'Pod', items: [1] });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation/failed');
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['items', 'kind']);
      expect((await t.api.get(GUARDRAILS)).headers.etag).toBe(before.headers.etag);
    });

    it.each([
      [
        'a priority out of 0-1000',
        (items: Item[]) => [withSpec(items[0], { priority: 1001 }), items[1]],
        'items[0].spec.priority',
      ],
      [
        'two AdminNetworkPolicies with one priority',
        (items: Item[]) => [items[0], { ...items[0], metadata: { name: 'again' } }],
        'items[1].spec.priority',
      ],
      [
        'a baseline not named default',
        (items: Item[]) => [{ ...items[1], metadata: { name: 'base' } }],
        'items[0].metadata.name',
      ],
      ['a second baseline', (items: Item[]) => [items[1], items[1]], 'items[1].kind'],
      [
        'an unknown action',
        (items: Item[]) => [withSpec(items[0], { egress: [{ name: 'x', action: 'Drop', to: [{ namespaces: {} }] }] })],
        'items[0].spec.egress[0].action',
      ],
      ['another kind', (items: Item[]) => [{ ...items[0], kind: 'NetworkPolicy' }], 'items[0].kind'],
    ])('refuses %s with 422 naming the item and field, and writes nothing', async (_label, change, field) => {
      const before = await t.api.get(GUARDRAILS);
      const response = await t.api.put(GUARDRAILS, { items: change(example().items) });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('guardrails/invalid');
      expect(response.body.details[0].field).toBe(field);
      expect(response.body.message).toContain(field);
      expect((await t.api.get(GUARDRAILS)).headers.etag).toBe(before.headers.etag);
    });

    it('is written only by an admin token for all applications, and read by any viewer', async () => {
      const scopedAdmin = await issueToken(t.api, { role: 'admin', applications: ['someone'] });
      const publisher = await issueToken(t.api, { role: 'publisher' });
      const viewer = await issueToken(t.api, { role: 'viewer', applications: ['someone'] });
      expect((await t.api.put(GUARDRAILS, { items: [] }, { token: scopedAdmin })).status).toBe(403);
      expect((await t.api.put(GUARDRAILS, { items: [] }, { token: publisher })).status).toBe(403);
      expect((await t.api.post(`${GUARDRAILS}/versions`, {}, { token: publisher })).status).toBe(403);
      expect((await t.api.get(GUARDRAILS, { token: viewer })).status).toBe(200);
    });
  });

  describe('versions', () => {
    it('publishes the stored document as numbered, immutable versions; unchanged answers the latest', async () => {
      expect((await t.api.get(`${GUARDRAILS}/versions/latest`)).status).toBe(404);
      await t.api.put(GUARDRAILS, example());
      const first = await t.api.post(`${GUARDRAILS}/versions`, { note: 'deny by default' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        number: 1,
        note: 'deny by default',
        adminNetworkPolicies: ['allow-dns'],
        baseline: true,
      });
      const again = await t.api.post(`${GUARDRAILS}/versions`, {});
      expect(again.status).toBe(200);
      expect(again.body.number).toBe(1);

      await t.api.put(GUARDRAILS, { items: example().items.slice(0, 1) });
      const second = await t.api.post(`${GUARDRAILS}/versions`);
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ number: 2, baseline: false });
      // Version 1 is unchanged by the later write.
      expect((await t.api.get(`${GUARDRAILS}/versions/1`)).body).toEqual(first.body);
      expect((await t.api.get(`${GUARDRAILS}/versions/latest`)).body.number).toBe(2);
      const list = await t.api.get(`${GUARDRAILS}/versions?limit=1`);
      expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 0, items: [{ number: 2 }] });
      const missing = await t.api.get(`${GUARDRAILS}/versions/9`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('guardrails/version_not_found');
    });

    it('records every change in the audit log', async () => {
      const audit = await t.api.get('/v1/audit?limit=100');
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      expect(actions.filter((a: string) => a === 'guardrails.publish')).toHaveLength(2);
      expect(actions.filter((a: string) => a === 'guardrails.put').length).toBeGreaterThanOrEqual(3);
      const publish = audit.body.items.find((e: { action: string }) => e.action === 'guardrails.publish');
      expect(publish).toMatchObject({ target: '2', application: null, digestAfter: expect.any(String) });
    });

    it('are read-only in GraphQL, for viewers', async () => {
      const viewer = await issueToken(t.api, { role: 'viewer' });
      const result = await gql(
        t.app,
        `{ guardrails { digest adminNetworkPolicies baseline document }
           guardrailVersions(limit: 5) { number baseline }
           guardrailVersion(number: 1) { number adminNetworkPolicies baseline document } }`,
        {},
        { token: viewer },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.guardrails).toMatchObject({ adminNetworkPolicies: ['allow-dns'], baseline: false });
      expect(result.data?.guardrailVersions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
      expect(result.data?.guardrailVersion).toMatchObject({ number: 1, baseline: true });
      const mutation = await gql(t.app, '{ __schema { mutationType { fields { name } } } }');
      const names = mutation.data?.__schema.mutationType.fields.map((f: { name: string }) => f.name);
      expect(names.filter((n: string) => /guardrail/i.test(n))).toEqual([]);
    });
  });

  describe('publishing an application', () => {
    // db's pods take no MySQL from anyone (the three-tier fixture declares api -> db on mysql).
    const dbPods = { pods: { namespaceSelector: {}, podSelector: { matchLabels: { role: 'db' } } } };
    const protectDb = adminObject('AdminNetworkPolicy', 'protect-db', {
      priority: 20,
      subject: dbPods,
      ingress: [
        {
          name: 'no-mysql',
          action: 'Deny',
          from: [{ namespaces: {} }],
          ports: [{ portNumber: { protocol: 'TCP', port: 3306 } }],
        },
      ],
    });
    const publishGuardrails = async (items: object[]) => {
      expect((await t.api.put(GUARDRAILS, { items })).status).toBe(200);
      const published = await t.api.post(`${GUARDRAILS}/versions`, {});
      expect([200, 201]).toContain(published.status);
      return published.body.number as number;
    };

    it('refuses a declared flow a guardrail denies, naming the flow, the ANP and its rule; writes nothing', async () => {
      const app = await createThreeTier(t.api);
      const version = await publishGuardrails([protectDb]);
      const refused = await t.api.post(`/v1/applications/${app}/versions`, {});
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('version/guardrail_denied');
      expect(refused.body.message).toContain('flows[2] api -> db (TCP 3306)');
      expect(refused.body.message).toContain('AdminNetworkPolicy "protect-db" ingress rule 0 ("no-mysql")');
      expect(refused.body.details).toEqual({
        guardrailVersion: version,
        denied: [
          {
            flow: 2,
            from: 'api',
            to: 'db',
            protocol: 'TCP',
            port: 3306,
            direction: 'ingress',
            tier: 'admin',
            policy: 'protect-db',
            rule: 0,
            ruleName: 'no-mysql',
          },
        ],
      });
      expect((await t.api.get(`/v1/applications/${app}/versions`)).body.total).toBe(0);
    });

    it('publishes with acceptGuardrailDenials, recording the denial as a warning and the guardrail version', async () => {
      const app = await createThreeTier(t.api);
      const version = await publishGuardrails([protectDb]);
      const published = await t.api.post(`/v1/applications/${app}/versions`, { acceptGuardrailDenials: true });
      expect(published.status).toBe(201);
      expect(published.body.guardrailVersion).toBe(version);
      expect(published.body.findings).toContainEqual({
        code: 'guardrail-denies-flow',
        severity: 'warning',
        object: 'flows[2]',
        message: expect.stringContaining('denied by AdminNetworkPolicy "protect-db" ingress rule 0'),
      });
      const read = await gql(
        t.app,
        `{ application(name: "${app}") { latestVersion { number guardrailVersion findings { code object } } } }`,
      );
      expect(read.errors).toBeUndefined();
      expect(read.data?.application.latestVersion).toMatchObject({
        number: 1,
        guardrailVersion: version,
        findings: expect.arrayContaining([{ code: 'guardrail-denies-flow', object: 'flows[2]' }]),
      });
    });

    it('warns when a guardrail allows what the application did not declare', async () => {
      const app = await createThreeTier(t.api);
      await t.api.patch(`/v1/applications/${app}`, { settings: { isolation: 'ingress' } });
      const openDb = adminObject('AdminNetworkPolicy', 'db-from-anywhere', {
        priority: 20,
        subject: dbPods,
        ingress: [{ name: 'any', action: 'Allow', from: [{ namespaces: {} }] }],
      });
      const version = await publishGuardrails([openDb]);
      const published = await t.api.post(`/v1/applications/${app}/versions`, {});
      expect(published.status).toBe(201);
      expect(published.body.guardrailVersion).toBe(version);
      expect(published.body.findings).toContainEqual({
        code: 'guardrail-allows-undeclared',
        severity: 'warning',
        object: 'web -> db',
        message: expect.stringContaining('AdminNetworkPolicy "db-from-anywhere" ingress rule 0 ("any")'),
      });
    });

    it('checks a GraphQL publish against the latest guardrail version too', async () => {
      await publishGuardrails([]);
      const app = await createThreeTier(t.api);
      const result = await gql(
        t.app,
        `mutation { publishVersion(application: "${app}", acceptGuardrailDenials: false) { number guardrailVersion } }`,
      );
      expect(result.errors).toBeUndefined();
      // The latest guardrail version is the empty one: checked against it, nothing to find.
      expect(result.data?.publishVersion).toEqual({ number: 1, guardrailVersion: expect.any(Number) });
    });
  });

  describe("an application's analyses", () => {
    // Egress to outside networks is denied unless a NetworkPolicy allows it; api may always reach 198.51.100.0/24.
    const baseline = adminObject('BaselineAdminNetworkPolicy', 'default', {
      subject: { namespaces: {} },
      egress: [{ name: 'no-outside', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }],
    });
    const partners = adminObject('AdminNetworkPolicy', 'partners', {
      priority: 5,
      subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { name: 'api-pod' } } } },
      egress: [{ name: 'to-partners', action: 'Allow', to: [{ networks: ['198.51.100.0/24'] }] }],
    });
    let app = '';
    let guarded = 0;

    beforeAll(async () => {
      app = await createThreeTier(t.api);
      await t.api.patch(`/v1/applications/${app}`, { settings: { isolation: 'ingress' } });
      await t.api.put(`/v1/applications/${app}/externals/partners`, { cidr: '198.51.100.0/24' });
      expect((await t.api.put(GUARDRAILS, { items: [baseline, partners] })).status).toBe(200);
      guarded = (await t.api.post(`${GUARDRAILS}/versions`, {})).body.number;
      expect((await t.api.post(`/v1/applications/${app}/versions`, {})).status).toBe(201);
      // A later guardrail version without the baseline: the default (latest) moves to it.
      expect((await t.api.put(GUARDRAILS, { items: [partners] })).status).toBe(200);
      expect((await t.api.post(`${GUARDRAILS}/versions`, {})).status).toBe(201);
    });

    const reach = (query: string) => t.api.get(`/v1/applications/${app}/reachability?${query}`);

    it('answers reachability under the latest guardrail version, a named one, or none, with the deciding tier', async () => {
      const latest = await reach('from=web&to=internet&port=443');
      expect(latest.body).toMatchObject({ allowed: true, tier: 'default', guardrailVersion: guarded + 1 });
      const named = await reach(`from=web&to=internet&port=443&guardrails=${guarded}`);
      expect(named.body).toMatchObject({
        allowed: false,
        tier: 'baseline',
        guardrailVersion: guarded,
        egress: {
          allowed: false,
          decision: { tier: 'baseline', action: 'Deny', policy: 'default', rule: 0, ruleName: 'no-outside' },
        },
      });
      expect(named.body.egress.reason).toContain('BaselineAdminNetworkPolicy');
      const admin = await reach(`from=api&to=partners&port=443&guardrails=${guarded}`);
      expect(admin.body).toMatchObject({
        allowed: true,
        tier: 'admin',
        egress: { decision: { tier: 'admin', action: 'Allow', policy: 'partners', rule: 0 } },
      });
      const none = await reach('from=web&to=internet&port=443&guardrails=none');
      expect(none.body).toMatchObject({ allowed: true, tier: 'default', guardrailVersion: null });
      const flow = await reach(`from=web&to=api&port=5000&guardrails=${guarded}`);
      expect(flow.body).toMatchObject({ allowed: true, tier: 'networkpolicy' });
    });

    it('keeps an answer per version and guardrails: the same question asked in turn under each gets its own', async () => {
      // Version 1 isolates ingress only; version 2 egress too, so api no longer reaches partners on its own.
      const other = await createThreeTier(t.api);
      await t.api.patch(`/v1/applications/${other}`, { settings: { isolation: 'ingress' } });
      await t.api.put(`/v1/applications/${other}/externals/partners`, { cidr: '198.51.100.0/24' });
      expect((await t.api.post(`/v1/applications/${other}/versions`, {})).status).toBe(201);
      await t.api.patch(`/v1/applications/${other}`, { settings: { isolation: 'both' } });
      expect((await t.api.post(`/v1/applications/${other}/versions`, {})).status).toBe(201);
      const asked: [string, object][] = [
        [`version=1&guardrails=${guarded}`, { allowed: true, tier: 'admin', version: 1, guardrailVersion: guarded }],
        ['version=1&guardrails=none', { allowed: true, tier: 'default', version: 1, guardrailVersion: null }],
        [`version=2&guardrails=${guarded}`, { allowed: true, tier: 'admin', version: 2, guardrailVersion: guarded }],
        ['version=2&guardrails=none', { allowed: false, tier: 'networkpolicy', version: 2, guardrailVersion: null }],
        ['guardrails=none', { allowed: false, tier: 'networkpolicy', version: 2, guardrailVersion: null }],
      ];
      const first = new Map<string, unknown>();
      // Each in turn, then all again: every second answer is a kept one, and must be its own question's.
      for (const round of [1, 2]) {
        for (const [selector, expected] of asked) {
          const response = await t.api.get(
            `/v1/applications/${other}/reachability?from=api&to=partners&port=443&${selector}`,
          );
          const { decisionId, ...rest } = response.body;
          expect(decisionId).toMatch(/^[0-9a-f-]{36}$/);
          const seen = { selector, status: response.status, ...rest, version: rest.version?.number };
          expect(seen).toMatchObject({ selector, status: 200, ...expected });
          if (round === 1) first.set(selector, rest);
          else expect({ selector, ...rest }).toEqual({ selector, ...(first.get(selector) as object) });
        }
      }
    });

    it('refuses a malformed or unknown guardrail version, naming it', async () => {
      const malformed = await reach('from=web&to=api&port=5000&guardrails=0');
      expect(malformed.status).toBe(400);
      expect(malformed.body.details).toEqual([
        { field: 'guardrails', reason: expect.stringContaining('latest or none') },
      ]);
      const unknown = await reach('from=web&to=api&port=5000&guardrails=999');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('guardrails/version_not_found');
    });

    it('lists connectivity under the guardrails', async () => {
      const under = await t.api.get(`/v1/applications/${app}/connectivity?guardrails=${guarded}&from=web`);
      const without = await t.api.get(`/v1/applications/${app}/connectivity?guardrails=none&from=web`);
      expect(under.body.guardrailVersion).toBe(guarded);
      expect(without.body.guardrailVersion).toBeNull();
      const external = (body: { connections: { dst: string }[] }) =>
        body.connections.filter((c) => !c.dst.includes('/'));
      expect(external(without.body).length).toBeGreaterThan(0);
      expect(external(under.body)).toEqual([]);
    });

    it('answers GraphQL reachability with the tier and the guardrail version', async () => {
      const result = await gql(
        t.app,
        `{ application(name: "${app}") {
            reachability(from: "web", to: "internet", port: 443, guardrails: "${guarded}") {
              allowed tier guardrailVersion egress { decision { tier action policy rule ruleName } } }
            allowedFlows(from: "web", guardrails: "${guarded}") { to { component external } } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.application.reachability).toEqual({
        allowed: false,
        tier: 'baseline',
        guardrailVersion: guarded,
        egress: { decision: { tier: 'baseline', action: 'Deny', policy: 'default', rule: 0, ruleName: 'no-outside' } },
      });
      expect(result.data?.application.allowedFlows).toEqual([{ to: { component: 'api', external: null } }]);
    });

    it('checks drift and diff under the guardrails too', async () => {
      // A draft flow api -> internet: no live policy isolates api's egress, so only the baseline can block it.
      const flow = await t.api.post(`/v1/applications/${app}/flows`, {
        from: { component: 'api' },
        to: { external: 'internet' },
        ports: [{ port: 443 }],
      });
      expect(flow.status).toBe(201);
      const live =
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: none, namespace: elsewhere }\nspec: { podSelector: {} }';
      const driftOf = (guardrails: string) =>
        t.api.post(`/v1/applications/${app}/drift?version=draft&guardrails=${guardrails}`, live, {
          contentType: 'application/yaml',
        });
      const under = await driftOf(String(guarded));
      expect(under.body.guardrailVersion).toBe(guarded);
      expect(under.body.blocked).toEqual([
        expect.objectContaining({
          from: { component: 'api' },
          to: { external: 'internet' },
          reason: expect.stringContaining('BaselineAdminNetworkPolicy'),
        }),
      ]);
      const without = await driftOf('none');
      expect(without.body).toMatchObject({ guardrailVersion: null, blocked: [] });

      const diff = await t.api.get(`/v1/applications/${app}/versions/1/diff/latest?guardrails=${guarded}`);
      expect(diff.status).toBe(200);
      expect(diff.body.guardrailVersion).toBe(guarded);
    });
  });
});
