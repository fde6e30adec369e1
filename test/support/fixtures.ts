import type { ContractClient } from './api';
import type { components } from './openapi-types';

/** The seed scenario as a topology document: web (80), api (5000), db (3306) in namespace shop. */
type TopologyDocumentInput = components['schemas']['TopologyDocumentInput'];
export const THREE_TIER: TopologyDocumentInput & Required<Pick<TopologyDocumentInput, 'externals' | 'flows'>> = {
  components: [
    { name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
    { name: 'api', namespace: 'shop', labels: { name: 'api-pod' }, ports: [{ name: 'api', port: 5000 }] },
    { name: 'db', namespace: 'shop', labels: { role: 'db' }, ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }] },
  ],
  externals: [{ name: 'internet', cidr: '0.0.0.0/0' }],
  flows: [
    { from: { external: 'internet' }, to: { component: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] },
    { from: { component: 'web' }, to: { component: 'api' }, ports: [{ port: 5000 }] },
    { from: { component: 'api' }, to: { component: 'db' }, ports: [{ port: 'mysql' }], description: 'orders' },
  ],
};

let counter = 0;
/** A unique application name per call, so tests in one file never collide. */
export function uniqueName(prefix = 'app'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/**
 * An application whose default namespace is `shop`, which every test application shares (an admin's
 * explicit `shared: true`), so tests in one file can each have their own shop. `extra` may add
 * namespaces (`ownedNamespaces`, granted besides shop) or change anything else.
 */
export async function createApplication(
  api: ContractClient,
  name = uniqueName(),
  extra: { ownedNamespaces?: object[]; [field: string]: unknown } = {},
): Promise<string> {
  const response = await api.post('/v1/applications', {
    name,
    defaultNamespace: 'shop',
    ...extra,
    ownedNamespaces: [{ namespace: 'shop', shared: true }, ...(extra.ownedNamespaces ?? [])],
  });
  if (response.status !== 201) throw new Error(`create application: ${response.status} ${response.text}`);
  return name;
}

export async function createThreeTier(api: ContractClient, name = uniqueName()): Promise<string> {
  await createApplication(api, name);
  const response = await api.put(`/v1/applications/${name}/topology`, THREE_TIER);
  if (response.status !== 200) throw new Error(`put topology: ${response.status} ${response.text}`);
  return name;
}

/** Everything stored about an application, to prove a rejected request wrote nothing. */
export async function stateOf(api: ContractClient, app: string): Promise<unknown> {
  const [application, topology] = await Promise.all([
    api.get(`/v1/applications/${app}`),
    api.get(`/v1/applications/${app}/topology`),
  ]);
  return { application: application.body, topology: topology.body };
}

/**
 * A topology document of `size` components in a chain of flows, each to the next on port 8080 (by
 * number, or by its name `http` when `port` is 'http'): large inputs for the load and shutdown specs.
 */
export function chainTopology(size: number, port: 8080 | 'http' = 8080) {
  const components = Array.from({ length: size }, (_, i) => ({
    name: `c${i}`,
    labels: { app: `c${i}` },
    ports: [{ name: 'http', port: 8080 }],
  }));
  const flows = components.slice(1).map((c, i) => ({
    from: { component: `c${i}` },
    to: { component: c.name },
    ports: [{ port }],
  }));
  return { components, externals: [], flows };
}
