/**
 * A request field is left out, never null: openapi.yaml allows null in no request field but a selector
 * expression's `values`, so a null elsewhere is a 400 naming the field, not a value taken for absent.
 * This spec walks the write endpoints field by field, JSON and YAML; the fuzz spec sets every field of
 * every documented body to null, with openapi.yaml as the oracle.
 */
import { useTestApp } from './support/app';
import { createThreeTier, stateOf, THREE_TIER, uniqueName } from './support/fixtures';

type Body = Record<string, unknown>;

/** A copy of `body` with the field at `field` (`flows[0].ports`, `settings.isolation`) set to null. */
function withNull(body: Body, field: string): Body {
  const copy = structuredClone(body);
  const keys = field.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Body, copy);
  parent[keys[keys.length - 1]!] = null;
  return copy;
}

const APP = uniqueName('nulls');
const IN_A_YEAR = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

const SETTINGS_FIELDS = ['displayName', 'description', 'defaultNamespace', 'settings', 'settings.isolation'];
const APPLICATION = {
  displayName: 'Shop',
  description: 'The shop',
  defaultNamespace: 'shop',
  settings: { isolation: 'both', dnsEgress: true },
};
const SELECTOR_FLOW = {
  from: {
    selector: {
      namespaceSelector: { matchLabels: { team: 'payments' } },
      podSelector: { matchLabels: { app: 'billing' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
    },
  },
  to: { component: 'api' },
};
const DOCUMENT = {
  name: APP,
  namespace: 'shop',
  ...THREE_TIER,
  externals: [...THREE_TIER.externals, { name: 'partner', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }],
};

/** [write, body, fields]: each field in turn is sent as null, the rest of the body as given (valid). */
const WRITES: [string, Body, string[]][] = [
  [
    'POST /v1/applications',
    { name: uniqueName('nulls'), ...APPLICATION, ownedNamespaces: [{ namespace: 'shop', shared: true }] },
    [...SETTINGS_FIELDS, 'settings.dnsEgress', 'ownedNamespaces', 'ownedNamespaces[0].shared'],
  ],
  ['PATCH /v1/applications/{app}', APPLICATION, [...SETTINGS_FIELDS, 'settings.dnsEgress']],
  [
    'PUT /v1/applications/{app}/components/cache',
    { namespace: 'shop', labels: { app: 'cache' }, ports: [{ name: 'redis', port: 6379, protocol: 'TCP' }] },
    ['namespace', 'ports', 'ports[0].name', 'ports[0].protocol'],
  ],
  ['PUT /v1/applications/{app}/externals/partner', { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, ['except']],
  [
    'POST /v1/applications/{app}/flows',
    { from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 3306, endPort: 3307, protocol: 'TCP' }] },
    ['ports', 'ports[0].port', 'ports[0].endPort', 'ports[0].protocol'],
  ],
  ['POST /v1/applications/{app}/flows', { ...SELECTOR_FLOW, description: 'billing' }, ['description']],
  [
    'POST /v1/applications/{app}/flows',
    SELECTOR_FLOW,
    [
      'from.selector.namespaceSelector',
      'from.selector.podSelector.matchLabels',
      'from.selector.podSelector.matchExpressions',
    ],
  ],
  [
    'PUT /v1/applications/{app}/topology',
    DOCUMENT,
    [
      'name',
      'namespace',
      'externals',
      'flows',
      'components[0].namespace',
      'components[0].ports',
      'components[2].ports[0].protocol',
      'externals[1].except',
      'flows[0].ports[0].protocol',
      'flows[2].description',
    ],
  ],
  ['POST /v1/applications/{app}/versions', { note: 'first' }, ['note']],
  [
    'POST /v1/tokens',
    { name: 'ci', role: 'viewer', applications: [APP], expiresAt: IN_A_YEAR },
    ['applications', 'expiresAt'],
  ],
];

describe('null in a request field', () => {
  const t = useTestApp();
  const api = t.api;

  beforeAll(async () => {
    await createThreeTier(api, APP);
    expect((await api.post(`/v1/applications/${APP}/versions`, {})).status).toBe(201);
  });

  /** Everything a write could change, to prove a refused one changed nothing. */
  const everything = async () => ({
    ...((await stateOf(api, APP)) as object),
    applications: (await api.get('/v1/applications?limit=500')).body,
    versions: (await api.get(`/v1/applications/${APP}/versions`)).body,
    channels: (await api.get(`/v1/applications/${APP}/channels`)).body,
    tokens: ((await api.get('/v1/tokens')).body.items as { id: string }[]).map((token) => token.id),
  });

  const send = (write: string, body: unknown, contentType = 'application/json') => {
    const [method, path] = write.split(' ') as [string, string];
    const url = path.replace('{app}', APP);
    const options = { contentType };
    if (method === 'POST') return api.post(url, body, options);
    if (method === 'PUT') return api.put(url, body, options);
    return api.patch(url, body, options);
  };

  it.each(WRITES.flatMap(([write, body, fields]) => fields.map((field) => [write, field, body] as const)))(
    '%s refuses %s: null with 400 naming the field, and writes nothing',
    async (write, field, body) => {
      const before = await everything();
      const response = await send(write, withNull(body, field));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation/failed');
      expect(response.body.details).toEqual([{ field, reason: expect.stringMatching(/must not be null/) }]);
      expect(await everything()).toEqual(before);
    },
  );

  it.each(['namespace', 'components[1].ports', 'externals[1].except', 'flows[2].description'])(
    'PUT /v1/applications/{app}/topology as YAML refuses %s: null naming the field',
    async (field) => {
      const before = await everything();
      const response = await send('PUT /v1/applications/{app}/topology', withNull(DOCUMENT, field), 'application/yaml');
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field, reason: expect.stringMatching(/must not be null/) }]);
      expect(await everything()).toEqual(before);
    },
  );

  it('PUT /v1/applications/{app}/topology as YAML refuses a key written without a value (YAML null)', async () => {
    const before = await everything();
    const document = `components:\n  - name: web\n    namespace:\n    labels: { app: web }\n`;
    const response = await send('PUT /v1/applications/{app}/topology', document, 'application/yaml');
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'components[0].namespace', reason: expect.stringMatching(/must not be null/) },
    ]);
    expect(await everything()).toEqual(before);
  });

  it('refuses null in a required field too, naming it (PUT a channel with version: null)', async () => {
    const before = await everything();
    const response = await send('PUT /v1/applications/{app}/channels/stable', { version: null });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'version', reason: expect.stringMatching(/must not be null/) }]);
    expect(await everything()).toEqual(before);
  });

  it('every body above is valid as written, so the null is what gets refused', async () => {
    const app = uniqueName('nulls-valid');
    await createThreeTier(api, app);
    for (const [write, body] of WRITES) {
      const url = write.replace('{app}', app);
      const valid = write === 'PUT /v1/applications/{app}/topology' ? { ...body, name: app } : body;
      const response = await send(url, url.includes('/tokens') ? { ...valid, applications: [app] } : valid);
      expect(`${response.status} ${write}`).toMatch(/^2\d\d /);
    }
  });

  describe('the one null openapi.yaml documents: values of an Exists or DoesNotExist expression', () => {
    const existsFlow = (operator: string) => ({
      from: { selector: { podSelector: { matchExpressions: [{ key: 'tier', operator, values: null }] } } },
      to: { component: 'web' },
    });

    it.each(['Exists', 'DoesNotExist'])('POST a flow with %s and values: null is accepted', async (operator) => {
      const response = await send('POST /v1/applications/{app}/flows', existsFlow(operator));
      expect(response.status).toBe(201);
      expect(response.body.from.selector.podSelector.matchExpressions).toEqual([{ key: 'tier', operator }]);
      expect((await api.delete(`/v1/applications/${APP}/flows/${response.body.id}`)).status).toBe(204);
    });

    it('a topology document in YAML with values: ~ is accepted', async () => {
      const app = uniqueName('nulls-yaml');
      await createThreeTier(api, app);
      const document = [
        'components: [{ name: web, labels: { app: web } }]',
        'flows:',
        '  - from: { selector: { podSelector: { matchExpressions: [{ key: tier, operator: Exists, values: ~ }] } } }',
        '    to: { component: web }',
        '',
      ].join('\n');
      const response = await send(`PUT /v1/applications/${app}/topology`, document, 'application/yaml');
      expect(response.status).toBe(200);
      expect(response.body.flows[0].from.selector.podSelector.matchExpressions).toEqual([
        { key: 'tier', operator: 'Exists' },
      ]);
    });

    it('values: null for In is refused as missing, naming the field', async () => {
      const flow = {
        from: { selector: { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: null }] } } },
        to: { component: 'web' },
      };
      const response = await send('POST /v1/applications/{app}/flows', flow);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'from.selector.podSelector.matchExpressions[0].values', reason: 'are required for operator In' },
      ]);
    });
  });
});
