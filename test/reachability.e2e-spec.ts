import { MAX_CACHE_TTL_MS } from '../src/config/config';
import { ReachabilityService } from '../src/reachability/reachability.service';
import { VersionsService } from '../src/versions/versions.service';
import { contractClient, type ContractClient } from './support/api';
import { createTestApp, type TestApp } from './support/app';
import { THREE_TIER, createApplication, createThreeTier } from './support/fixtures';
import { bodyOf, expectStatus, typedClient, type TypedClient } from './support/typed-api';
import { gql } from './support/graphql';
import { statementsDuring } from './support/queries';

describe('reachability and connectivity of an application (REST and GraphQL)', () => {
  let t: TestApp;
  let api: ContractClient;
  let typed: TypedClient;
  let app: string;
  /** A question as raw query text, for the malformed ones the types would refuse. */
  const reach = (query: string) => api.get(`/v1/applications/${app}/reachability?${query}`);
  type Question = NonNullable<Parameters<typeof typed.get<'/v1/applications/{app}/reachability'>>[1]['query']>;
  /** A well-formed question that must be answered (200): the answer, typed by openapi.yaml. */
  const ask = async (query: Question) =>
    bodyOf(await typed.get('/v1/applications/{app}/reachability', { path: { app }, query }), 200);
  const publish = (name: string) => t.app.get(VersionsService).publish({ app: name, by: { requestId: 'test' } });

  beforeAll(async () => {
    // The longest CACHE_TTL_MS: a version read in a test is still in memory when the same test asks
    // again, however slow the machine (the cache's expiry is read-cache.spec's to test).
    t = await createTestApp({ cacheTtlMs: MAX_CACHE_TTL_MS });
    api = contractClient(t.app);
    typed = typedClient(api);
    app = await createThreeTier(api);
    await publish(app);
  });
  afterAll(() => t.close());

  it('denies web -> db 3306: db is isolated for ingress and no rule admits web', async () => {
    const r = await ask({ from: 'web', to: 'db', port: '3306' });
    expect(r.allowed).toBe(false);
    expect(r.ingress).toMatchObject({ isolated: true, allowed: false, allowedBy: [] });
    expect(r.ingress.reason).toContain('shop/db[Component] is isolated for ingress');
    expect(r.ingress.reason).toContain('no rule allows TCP 3306 from shop/web[Component]');
    expect(r.ingress.policies.length).toBeGreaterThan(0);
    expect(r.from).toEqual({ kind: 'component', name: 'web', workload: 'shop/web[Component]', ip: null });
    expect(r.version).toEqual({ number: 1, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('allows api -> db 3306, naming the db policy and its rule index; the named port mysql works too', async () => {
    const r = await ask({ from: 'api', to: 'db', port: '3306', protocol: 'TCP', version: 'latest' });
    expect(r.allowed).toBe(true);
    expect(r.ingress.allowedBy).toHaveLength(1);
    const [rule] = r.ingress.allowedBy;
    expect(rule).toEqual({ policy: expect.stringMatching(/^shop\/.*db/), direction: 'ingress', rule: 0 });
    expect(r.ingress.policies).toContain(rule.policy);
    const named = await ask({ from: 'api', to: 'db', port: 'mysql' });
    expect(named).toEqual({ ...r, portName: 'mysql', decisionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('allows internet -> web 80, evaluating the external at a representative address it reports', async () => {
    const r = await ask({ from: 'internet', to: 'web', port: '80' });
    expect(r.allowed).toBe(true);
    expect(r.from).toEqual({ kind: 'external', name: 'internet', workload: null, ip: '0.0.0.1' });
    expect(r.egress.isolated).toBe(false);
    expect(r.ingress.allowedBy.length).toBe(1);
  });

  it('takes IP addresses as endpoints', async () => {
    const inbound = await ask({ from: '203.0.113.9', to: 'web', port: '80' });
    expect(inbound.allowed).toBe(true);
    expect(inbound.from).toEqual({ kind: 'ip', name: null, workload: null, ip: '203.0.113.9' });
    const outbound = await ask({ from: 'db', to: '203.0.113.9', port: '443' });
    expect(outbound.allowed).toBe(false);
    expect(outbound.egress.isolated).toBe(true);
  });

  it.each([
    ['from=nope&to=db&port=3306', 422, 'reachability/unknown_endpoint', 'from'],
    ['from=web&to=nope&port=3306', 422, 'reachability/unknown_endpoint', 'to'],
    ['from=web&to=db&port=postgres', 422, 'reachability/unknown_port', 'port'],
    ['from=internet&to=web&port=80&from=x', 400, 'validation/failed', 'from'],
    ['from=10.0.0.300&to=db&port=3306', 400, 'validation/failed', 'from'],
    ['from=web&to=1.2.3&port=3306', 400, 'validation/failed', 'to'],
    ['from=web&to=db&port=0', 400, 'validation/failed', 'port'],
    ['from=web&to=db&port=70000', 400, 'validation/failed', 'port'],
    ['from=web&to=db&port=3306&protocol=ICMP', 400, 'validation/failed', 'protocol'],
    ['from=web&to=db&port=3306&version=0', 400, 'validation/failed', 'version'],
    ['from=web&to=db&port=3306&version=abc', 400, 'validation/failed', 'version'],
    ['to=db&port=3306', 400, 'validation/failed', 'from'],
  ])('rejects %s with %i %s naming %s', async (query, status, code, field) => {
    const r = await reach(query);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('404s an unknown application and a version that is not published', async () => {
    const missing = await api.get('/v1/applications/nope/reachability?from=web&to=db&port=80');
    expect([missing.status, missing.body.code]).toEqual([404, 'application/not_found']);
    const v9 = await reach('from=web&to=db&port=80&version=9');
    expect([v9.status, v9.body.code]).toEqual([404, 'version/not_found']);
  });

  it('answers the draft while nothing is published, and a published version keeps its answer after edits', async () => {
    const other = await createThreeTier(api);
    const draft = await api.get(`/v1/applications/${other}/reachability?from=web&to=db&port=3306`);
    expect(draft.body.version.number).toBeNull();
    const latest = await api.get(`/v1/applications/${other}/reachability?from=web&to=db&port=3306&version=latest`);
    expect([latest.status, latest.body.code]).toEqual([404, 'version/not_found']);
    await publish(other);
    // The draft now also lets web reach db; version 1 still does not.
    const flow = await api.post(`/v1/applications/${other}/flows`, {
      from: { component: 'web' },
      to: { component: 'db' },
      ports: [{ port: 3306 }],
    });
    expect(flow.status).toBe(201);
    const v1 = await api.get(`/v1/applications/${other}/reachability?from=web&to=db&port=3306`);
    expect([v1.body.allowed, v1.body.version.number]).toEqual([false, 1]);
    const edited = await api.get(`/v1/applications/${other}/reachability?from=web&to=db&port=3306&version=draft`);
    expect([edited.body.allowed, edited.body.version.number]).toEqual([true, null]);
  });

  it('compiles a published version once: the second query is a cache hit', async () => {
    const other = await createThreeTier(api);
    await publish(other);
    const service = t.app.get(ReachabilityService);
    const before = service.cacheStats();
    await api.get(`/v1/applications/${other}/reachability?from=web&to=db&port=3306&version=1`);
    const after1 = service.cacheStats();
    expect([after1.misses - before.misses, after1.hits - before.hits]).toEqual([1, 0]);
    await api.get(`/v1/applications/${other}/reachability?from=api&to=db&port=3306`);
    const after2 = service.cacheStats();
    expect([after2.misses - after1.misses, after2.hits - after1.hits]).toEqual([0, 1]);
  });

  it('compiles a draft once per topology revision: again while unchanged, anew after a write', async () => {
    const other = await createThreeTier(api);
    const service = t.app.get(ReachabilityService);
    const ask = async () => {
      const before = service.cacheStats();
      const answer = await api.get(`/v1/applications/${other}/reachability?from=web&to=db&port=3306&version=draft`);
      const after = service.cacheStats();
      return { allowed: answer.body.allowed, misses: after.misses - before.misses, hits: after.hits - before.hits };
    };
    expect(await ask()).toEqual({ allowed: false, misses: 1, hits: 0 });
    expect(await ask()).toEqual({ allowed: false, misses: 0, hits: 1 });
    const flow = await api.post(`/v1/applications/${other}/flows`, {
      from: { component: 'web' },
      to: { component: 'db' },
      ports: [{ port: 3306 }],
    });
    expect(flow.status).toBe(201);
    // The write changed the topology's ETag: a new draft, compiled once more.
    expect(await ask()).toEqual({ allowed: true, misses: 1, hits: 0 });
    expect(await ask()).toEqual({ allowed: true, misses: 0, hits: 1 });
    // So does a change of the application's settings (ingress-only isolation leaves egress open).
    expect((await api.patch(`/v1/applications/${other}`, { settings: { isolation: 'ingress' } })).status).toBe(200);
    expect(await ask()).toMatchObject({ allowed: true, misses: 1 });
  });

  it('answers a question on a version number without any SQL query, and on the latest with one', async () => {
    const other = await createThreeTier(api);
    await publish(other);
    const cost = (query: string) =>
      statementsDuring(t.app, async () => {
        expect((await api.get(`/v1/applications/${other}/reachability?${query}`)).status).toBe(200);
      });
    await cost('from=web&to=db&port=3306&version=1');
    expect(await cost('from=api&to=db&port=3306&version=1')).toBe(0);
    expect(await cost('from=api&to=db&port=3306')).toBe(1);
  });

  it('forgets a deleted application at once: the same name created again answers its own version 1', async () => {
    const name = await createThreeTier(api);
    await publish(name);
    const before = await api.get(`/v1/applications/${name}/reachability?from=web&to=db&port=3306&version=1`);
    expect(before.body.allowed).toBe(false);
    expect((await api.delete(`/v1/applications/${name}`)).status).toBe(204);
    const gone = await api.get(`/v1/applications/${name}/reachability?from=web&to=db&port=3306&version=1`);
    expect([gone.status, gone.body.code]).toEqual([404, 'application/not_found']);
    await createThreeTier(api, name);
    const flow = await api.post(`/v1/applications/${name}/flows`, {
      from: { component: 'web' },
      to: { component: 'db' },
      ports: [{ port: 3306 }],
    });
    expect(flow.status).toBe(201);
    await publish(name);
    const again = await api.get(`/v1/applications/${name}/reachability?from=web&to=db&port=3306&version=1`);
    expect(again.body.allowed).toBe(true);
    expect(again.body.version.digest).not.toBe(before.body.version.digest);
  });

  it('serves the connectivity in the conformance format, with workload ids mapped to components', async () => {
    const r = await typed.get('/v1/applications/{app}/connectivity', { path: { app } });
    expectStatus(r, 200);
    expect(r.body.workloads).toEqual(['shop/api[Component]', 'shop/db[Component]', 'shop/web[Component]']);
    expect(r.body.components).toEqual({
      'shop/api[Component]': 'api',
      'shop/db[Component]': 'db',
      'shop/web[Component]': 'web',
    });
    const between = r.body.connections.filter(
      (c: { src: string; dst: string }) => c.src.includes('/') && c.dst.includes('/'),
    );
    expect(between).toEqual([
      { src: 'shop/api[Component]', dst: 'shop/db[Component]', conns: [{ protocol: 'TCP', ports: [[3306, 3306]] }] },
      { src: 'shop/web[Component]', dst: 'shop/api[Component]', conns: [{ protocol: 'TCP', ports: [[5000, 5000]] }] },
    ]);
    expect(r.body.connections).toContainEqual({
      src: '0.0.0.0-255.255.255.255',
      dst: 'shop/web[Component]',
      conns: [{ protocol: 'TCP', ports: [[80, 80]] }],
    });
  });

  it('filters the connectivity by from/to (component, namespace or workload), in connlist order', async () => {
    type C = { src: string; dst: string };
    const connectivity = (query: string) => api.get(`/v1/applications/${app}/connectivity?${query}`);
    const all = (await connectivity('')).body;
    const web = 'shop/web[Component]';
    const cases: [string, (c: C) => boolean][] = [
      ['from=web', (c) => c.src === web],
      ['from=component:web', (c) => c.src === web],
      ['to=component:db', (c) => c.dst === 'shop/db[Component]'],
      [
        `from=namespace:shop&to=${encodeURIComponent('workload:shop/api[Component]')}`,
        (c) => c.dst === 'shop/api[Component]',
      ],
      ['to=namespace:shop', (c) => c.dst.startsWith('shop/')],
    ];
    for (const [query, keep] of cases) {
      const r = await connectivity(query);
      expect([query, r.status]).toEqual([query, 200]);
      expect(r.body.connections).toEqual(all.connections.filter(keep));
      expect(r.body.connections.length).toBeGreaterThan(0);
      expect(r.body.workloads).toEqual(all.workloads);
    }
    // External ranges never match a filter: only web's own connections out, none from the internet.
    expect((await connectivity('from=web')).body.connections.every((c: C) => c.src === web)).toBe(true);
    expect((await connectivity('to=component:db')).body.connections).toEqual([
      { src: 'shop/api[Component]', dst: 'shop/db[Component]', conns: [{ protocol: 'TCP', ports: [[3306, 3306]] }] },
    ]);
  });

  it('refuses an unknown component, namespace or workload with 422, and a bad form with 400, naming the field', async () => {
    const connectivity = (query: string) => api.get(`/v1/applications/${app}/connectivity?${query}`);
    for (const [query, status, field, code] of [
      ['from=nope', 422, 'from', 'reachability/unknown_endpoint'],
      ['to=component:nope', 422, 'to', 'reachability/unknown_endpoint'],
      ['to=namespace:nowhere', 422, 'to', 'reachability/unknown_endpoint'],
      [`from=${encodeURIComponent('workload:shop/web[Deployment]')}`, 422, 'from', 'reachability/unknown_endpoint'],
      ['to=pod:web', 400, 'to', 'validation/failed'],
      ['from=namespace:', 400, 'from', 'validation/failed'],
      [`from=${'x'.repeat(331)}`, 400, 'from', 'validation/failed'],
    ] as const) {
      const r = await connectivity(query);
      expect([query, r.status, r.body.code]).toEqual([query, status, code]);
      expect(r.body.details[0].field).toBe(field);
    }
    const reason = (await connectivity('from=nope')).body.details[0].reason;
    expect(reason).toContain('no component named "nope"');
  });

  it('answers the same through GraphQL: reachability, allowedFlows and connectivity on Application', async () => {
    const result = await gql(
      t.app,
      `query($app: String!) { application(name: $app) {
        denied: reachability(from: "web", to: "db", port: 3306) { allowed ingress { isolated reason allowedBy { policy } } }
        allowed: reachability(from: "api", to: "db", port: "mysql", protocol: TCP, version: "1") {
          allowed egress { allowed } ingress { allowedBy { policy direction rule } } version { number } }
        allowedFlows { from { component external } to { component external } allConnections ports { protocol ranges { start end } } }
        intoDb: allowedFlows(to: "db") { from { component } }
        connectivity(version: "latest")
      } }`,
      { app },
    );
    expect(result.errors).toBeUndefined();
    const a = result.data!.application;
    expect(a.denied).toMatchObject({ allowed: false, ingress: { isolated: true, allowedBy: [] } });
    expect(a.allowed).toMatchObject({ allowed: true, egress: { allowed: true }, version: { number: 1 } });
    expect(a.allowed.ingress.allowedBy[0]).toMatchObject({ direction: 'ingress', rule: 0 });
    const tcp = (port: number) => [{ protocol: 'TCP', ranges: [{ start: port, end: port }] }];
    expect(a.allowedFlows).toEqual(
      expect.arrayContaining([
        {
          from: { component: null, external: 'internet' },
          to: { component: 'web', external: null },
          allConnections: false,
          ports: tcp(80),
        },
        {
          from: { component: 'web', external: null },
          to: { component: 'api', external: null },
          allConnections: false,
          ports: tcp(5000),
        },
        {
          from: { component: 'api', external: null },
          to: { component: 'db', external: null },
          allConnections: false,
          ports: tcp(3306),
        },
      ]),
    );
    expect(a.allowedFlows).toHaveLength(3);
    expect(a.intoDb).toEqual([{ from: { component: 'api' } }]);
    expect(a.connectivity.workloads).toHaveLength(3);
  });

  it('filters the GraphQL connectivity the same way, and names the field of an unknown peer', async () => {
    const result = await gql(
      t.app,
      `query($app: String!) { application(name: $app) {
        fromWeb: connectivity(from: "web")
        intoDb: connectivity(to: "namespace:shop", from: "component:api")
      } }`,
      { app },
    );
    expect(result.errors).toBeUndefined();
    const rest = bodyOf(
      await typed.get('/v1/applications/{app}/connectivity', { path: { app }, query: { from: 'web' } }),
      200,
    );
    expect(result.data!.application.fromWeb.connections).toEqual(rest.connections);
    expect(result.data!.application.intoDb.connections).toEqual([
      { src: 'shop/api[Component]', dst: 'shop/db[Component]', conns: [{ protocol: 'TCP', ports: [[3306, 3306]] }] },
    ]);
    const bad = await gql(t.app, `query($app: String!) { application(name: $app) { connectivity(to: "nope") } }`, {
      app,
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'reachability/unknown_endpoint',
      details: [{ field: 'to' }],
    });
  });

  it('names the field in GraphQL errors too', async () => {
    const result = await gql(
      t.app,
      `query($app: String!) { application(name: $app) { reachability(from: "nope", to: "db", port: 3306) { allowed } } }`,
      { app },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'reachability/unknown_endpoint',
      details: [{ field: 'from' }],
    });
  });

  describe('an IPv6 external (issue 11: connectivity, diff and drift were blind to it)', () => {
    const office6 = { name: 'office6', cidr: '2001:db8:1::/48', except: ['2001:db8:1:ff::/64'] };
    const withoutFlow = { ...THREE_TIER, externals: [...THREE_TIER.externals, office6] };
    const withFlow = {
      ...withoutFlow,
      flows: [
        ...THREE_TIER.flows,
        { from: { external: 'office6' }, to: { component: 'web' }, ports: [{ port: 443, protocol: 'TCP' }] },
      ],
    };
    const inside = '2001:db8:1::-2001:db8:1:fe:ffff:ffff:ffff:ffff';
    const tcp443 = [{ protocol: 'TCP', ports: [[443, 443]] }];
    let v6: string;
    let before: string;

    beforeAll(async () => {
      v6 = await createApplication(api);
      expect((await api.put(`/v1/applications/${v6}/topology`, withoutFlow)).status).toBe(200);
      await publish(v6);
      before = (await api.get(`/v1/applications/${v6}/policies`, { headers: { accept: 'application/yaml' } })).text;
      expect((await api.put(`/v1/applications/${v6}/topology`, withFlow)).status).toBe(200);
      await publish(v6);
    });

    it('shows the connection from the external in the version connectivity and its allowed flows', async () => {
      const r = await api.get(`/v1/applications/${v6}/connectivity?version=2`);
      expect(r.status).toBe(200);
      expect(r.body.connections).toContainEqual({ src: inside, dst: 'shop/web[Component]', conns: tcp443 });
      expect(r.body.externalPeers.asSource).toContain('2001:db8:1:ff::-2001:db8:1:ff:ffff:ffff:ffff:ffff');
      const v1 = await api.get(`/v1/applications/${v6}/connectivity?version=1`);
      expect(v1.body.connections.some((c: { src: string }) => c.src.includes(':'))).toBe(false);
      const flows = await gql(
        t.app,
        `query($app: String!) { application(name: $app) { allowedFlows(from: "office6") { to { component } ports { protocol ranges { start end } } } } }`,
        { app: v6 },
      );
      expect(flows.data!.application.allowedFlows).toEqual([
        { to: { component: 'web' }, ports: [{ protocol: 'TCP', ranges: [{ start: 443, end: 443 }] }] },
      ]);
      const reach = await api.get(`/v1/applications/${v6}/reachability?from=office6&to=web&port=443`);
      expect([reach.body.allowed, reach.body.from.ip]).toEqual([true, '2001:db8:1::1']);
    });

    it('lists the connection as added in the diff from version 1 to 2', async () => {
      const diff = await api.get(`/v1/applications/${v6}/versions/1/diff/2`);
      expect(diff.status).toBe(200);
      expect(diff.body.connections.added).toContainEqual({ from: inside, to: 'web', conns: tcp443 });
      expect(diff.body.connections.removed).toEqual([]);
    });

    it('checks the flow in drift: blocked under the old live policies, fine under the new ones', async () => {
      const stale = await api.post(`/v1/applications/${v6}/drift`, { manifests: before });
      expect(stale.status).toBe(200);
      expect(stale.body.unchecked).toEqual([]);
      expect(stale.body.blocked).toEqual([
        expect.objectContaining({ from: { external: 'office6' }, to: { component: 'web' }, blocked: tcp443 }),
      ]);
      const live = (await api.get(`/v1/applications/${v6}/policies`, { headers: { accept: 'application/yaml' } })).text;
      const current = await api.post(`/v1/applications/${v6}/drift`, { manifests: live });
      expect([current.body.blocked, current.body.unchecked]).toEqual([[], []]);
    });
  });
});
