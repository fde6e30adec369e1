/**
 * Namespaces belong to applications (issue 10, section 1): a component lives, and a policy lands,
 * only in a namespace its application owns; two applications own one namespace only when an admin
 * says `shared`; reserved namespaces only when an admin says `reserved`. REST and GraphQL both.
 */
import { PrismaService } from '../src/database/prisma.service';
import { useTestApp } from './support/app';
import { uniqueName } from './support/fixtures';
import { gql } from './support/graphql';
import { issueToken } from './support/tokens';

describe('namespace ownership', () => {
  const t = useTestApp();
  const api = t.api;

  /** An application owning its own namespace (named like it) and nothing else. */
  async function createOwned(prefix: string, extra: object = {}): Promise<string> {
    const name = uniqueName(prefix);
    const response = await api.post('/v1/applications', { name, ...extra });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: expect.anything() });
    return name;
  }

  const stateOf = async (app: string) => ({
    application: (await api.get(`/v1/applications/${app}`)).body,
    topology: (await api.get(`/v1/applications/${app}/topology`)).body,
  });

  describe('the reproductions of the issue', () => {
    it('a token scoped to shop cannot put a component, with an external flow, into another application namespace', async () => {
      const payroll = await createOwned('payroll', { defaultNamespace: uniqueName('secret-app') });
      const secretNamespace = (await api.get(`/v1/applications/${payroll}`)).body.defaultNamespace as string;
      const shop = await createOwned('shop');
      const editor = await issueToken(api, { role: 'publisher', applications: [shop] });
      const before = await stateOf(shop);

      const put = await api.put(
        `/v1/applications/${shop}/components/steal`,
        { namespace: secretNamespace, labels: { role: 'db' }, ports: [{ port: 3306 }] },
        { token: editor },
      );
      expect(put.status).toBe(422);
      expect(put.body.code).toBe('namespace/not_owned');
      expect(put.body.details).toEqual([
        {
          field: 'namespace',
          reason: expect.stringContaining(`"${secretNamespace}" is not a namespace of application`),
        },
      ]);
      // A scoped token learns nothing about who owns it.
      expect(put.text).not.toContain(payroll);

      // The same through a whole document, with the external and the flow that would open 3306 to the world.
      const document = {
        components: [{ name: 'steal', namespace: secretNamespace, labels: { role: 'db' }, ports: [{ port: 3306 }] }],
        externals: [{ name: 'world', cidr: '0.0.0.0/0' }],
        flows: [{ from: { external: 'world' }, to: { component: 'steal' }, ports: [{ port: 3306 }] }],
      };
      const replaced = await api.put(`/v1/applications/${shop}/topology`, document, { token: editor });
      expect(replaced.status).toBe(422);
      expect(replaced.body.code).toBe('namespace/not_owned');
      expect(replaced.body.details).toEqual([{ field: 'components[0].namespace', reason: expect.any(String) }]);
      const inherited = await api.put(
        `/v1/applications/${shop}/topology`,
        { ...document, namespace: secretNamespace, components: [{ ...document.components[0], namespace: undefined }] },
        { token: editor },
      );
      expect(inherited.body.details).toEqual([{ field: 'namespace', reason: expect.any(String) }]);

      const viaGraphql = await gql(
        t.app,
        `mutation($app: String!, $ns: String!) { putComponent(application: $app, name: "steal", input: { namespace: $ns, labels: { role: "db" }, ports: [{ port: 3306 }] }) { name } }`,
        { app: shop, ns: secretNamespace },
        { token: editor },
      );
      expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('namespace/not_owned');
      expect(JSON.stringify(viaGraphql.errors)).not.toContain(payroll);
      const documentViaGraphql = await gql(
        t.app,
        `mutation($app: String!, $input: TopologyInput!) { putTopology(application: $app, input: $input) { etag } }`,
        { app: shop, input: document },
        { token: editor },
      );
      expect(documentViaGraphql.errors?.[0]?.extensions?.code).toBe('namespace/not_owned');

      expect(await stateOf(shop)).toEqual(before);
      // And what the shop publishes lands in the shop's namespace only.
      expect(
        (
          await api.put(
            `/v1/applications/${shop}/topology`,
            { ...document, namespace: undefined, components: [{ ...document.components[0], namespace: undefined }] },
            { token: editor },
          )
        ).status,
      ).toBe(200);
      const published = await api.post(`/v1/applications/${shop}/versions`, {}, { token: editor });
      expect(published.status).toBe(201);
      const manifests = await api.get(`/v1/applications/${shop}/versions/1/manifests`, {
        headers: { accept: 'application/json' },
      });
      const namespaces = new Set(
        manifests.body.items.map((p: { metadata: { namespace: string } }) => p.metadata.namespace),
      );
      expect([...namespaces]).toEqual([shop]);
    });

    it('nobody puts a component into kube-system (k8s-app: kube-dns) without owning it, admin included', async () => {
      const shop = await createOwned('shop');
      const editor = await issueToken(api, { role: 'editor', applications: [shop] });
      const dns = {
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns' },
        ports: [{ port: 53, protocol: 'UDP' }],
      };
      for (const token of [editor, undefined]) {
        const put = await api.put(`/v1/applications/${shop}/components/dns`, dns, { token });
        expect({ status: put.status, code: put.body.code }).toEqual({ status: 422, code: 'namespace/not_owned' });
        expect(put.body.details[0].field).toBe('namespace');
      }
      const viaGraphql = await gql(
        t.app,
        `mutation($app: String!, $input: ComponentInput!) { putComponent(application: $app, name: "dns", input: $input) { name } }`,
        { app: shop, input: dns },
        { token: editor },
      );
      expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('namespace/not_owned');
      expect((await api.get(`/v1/applications/${shop}/components`)).body.items).toEqual([]);
    });

    it('a shop editor cannot PATCH defaultNamespace to another application namespace', async () => {
      const other = await createOwned('other');
      const shop = await createOwned('shop');
      const editor = await issueToken(api, { role: 'editor', applications: [shop] });
      const before = await stateOf(shop);
      const patched = await api.patch(`/v1/applications/${shop}`, { defaultNamespace: other }, { token: editor });
      expect(patched.status).toBe(422);
      expect(patched.body.code).toBe('namespace/not_owned');
      expect(patched.body.details).toEqual([{ field: 'defaultNamespace', reason: expect.any(String) }]);
      const viaGraphql = await gql(
        t.app,
        `mutation($app: String!, $ns: String!) { updateApplication(name: $app, input: { defaultNamespace: $ns }) { defaultNamespace } }`,
        { app: shop, ns: other },
        { token: editor },
      );
      expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('namespace/not_owned');
      expect(await stateOf(shop)).toEqual(before);

      // To a namespace it owns, it may.
      expect((await api.put(`/v1/applications/${shop}/namespaces/${shop}-jobs`, {})).status).toBe(201);
      const moved = await api.patch(
        `/v1/applications/${shop}`,
        { defaultNamespace: `${shop}-jobs` },
        { token: editor },
      );
      expect(moved.status).toBe(200);
      expect(moved.body.defaultNamespace).toBe(`${shop}-jobs`);
    });
  });

  describe('creating an application', () => {
    it('grants its default namespace (its name when not given) and ownedNamespaces, shown on the application', async () => {
      const name = uniqueName('billing');
      const created = await api.post('/v1/applications', {
        name,
        ownedNamespaces: [{ namespace: `${name}-jobs` }],
      });
      expect(created.status).toBe(201);
      expect(created.body.defaultNamespace).toBe(name);
      expect(created.body.ownedNamespaces).toEqual([
        { namespace: name, shared: false, conflict: false, grantedAt: expect.any(String) },
        { namespace: `${name}-jobs`, shared: false, conflict: false, grantedAt: expect.any(String) },
      ]);
      expect((await api.get(`/v1/applications/${name}/namespaces`)).body.items).toEqual(created.body.ownedNamespaces);
      const put = await api.put(`/v1/applications/${name}/components/cron`, {
        namespace: `${name}-jobs`,
        labels: { app: 'cron' },
      });
      expect(put.status).toBe(201);
    });

    it('refuses a namespace another application owns (409 namespace/taken), unless shared: true', async () => {
      const first = await createOwned('first');
      const second = uniqueName('second');
      const taken = await api.post('/v1/applications', { name: second, defaultNamespace: first });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('namespace/taken');
      expect(taken.body.details).toEqual([{ field: 'defaultNamespace', reason: expect.stringContaining(first) }]);
      const listed = await api.post('/v1/applications', { name: second, ownedNamespaces: [{ namespace: first }] });
      expect(listed.status).toBe(409);
      expect(listed.body.details[0].field).toBe('ownedNamespaces[0].namespace');
      expect((await api.get(`/v1/applications/${second}`)).status).toBe(404);

      const shared = await api.post('/v1/applications', {
        name: second,
        defaultNamespace: first,
        ownedNamespaces: [{ namespace: first, shared: true }],
      });
      expect(shared.status).toBe(201);
      expect(shared.body.ownedNamespaces).toEqual([expect.objectContaining({ namespace: first, shared: true })]);
      // The first owner's grant became shared too: the admin said so.
      expect((await api.get(`/v1/applications/${first}`)).body.ownedNamespaces).toEqual([
        expect.objectContaining({ namespace: first, shared: true }),
      ]);

      const viaGraphql = await gql(
        t.app,
        `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { name } }`,
        { input: { name: uniqueName('third'), defaultNamespace: first } },
      );
      expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('namespace/taken');
    });

    it('refuses reserved namespaces without reserved: true, even to an admin, and grants them with it', async () => {
      for (const reserved of ['kube-system', 'kube-public', 'kube-node-lease', t.config.serviceNamespace]) {
        const refused = await api.post('/v1/applications', { name: uniqueName('dns'), defaultNamespace: reserved });
        expect({ reserved, status: refused.status, code: refused.body.code }).toEqual({
          reserved,
          status: 422,
          code: 'namespace/reserved',
        });
        expect(refused.body.details).toEqual([
          { field: 'defaultNamespace', reason: expect.stringContaining('reserved: true') },
        ]);
      }
      const flagless = await api.post('/v1/applications', {
        name: uniqueName('dns'),
        ownedNamespaces: [{ namespace: 'kube-system', shared: true }],
      });
      expect(flagless.status).toBe(422);
      expect(flagless.body.details[0].field).toBe('ownedNamespaces[0].namespace');
      const viaGraphql = await gql(
        t.app,
        `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { name } }`,
        { input: { name: uniqueName('dns'), defaultNamespace: 'kube-system' } },
      );
      expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('namespace/reserved');

      const name = uniqueName('dns');
      const granted = await api.post('/v1/applications', {
        name,
        defaultNamespace: 'kube-system',
        ownedNamespaces: [{ namespace: 'kube-system', reserved: true }],
      });
      expect(granted.status).toBe(201);
      const put = await api.put(`/v1/applications/${name}/components/dns`, {
        labels: { 'k8s-app': 'kube-dns' },
        ports: [{ port: 53, protocol: 'UDP' }],
      });
      expect(put.status).toBe(201);
      expect(put.body.namespace).toBe('kube-system');
      // Reserved does not mean shared: a second application still needs shared: true.
      const second = await api.post('/v1/applications', {
        name: uniqueName('dns'),
        ownedNamespaces: [{ namespace: 'kube-system', reserved: true }],
      });
      expect(second.status).toBe(409);
    });

    it('names a namespace listed twice', async () => {
      const twice = await api.post('/v1/applications', {
        name: uniqueName('twice'),
        ownedNamespaces: [{ namespace: 'a-ns' }, { namespace: 'a-ns', shared: true }],
      });
      expect(twice.status).toBe(400);
      expect(twice.body.details).toEqual([{ field: 'ownedNamespaces[1].namespace', reason: expect.any(String) }]);
    });
  });

  describe('granting and revoking (admin, for all applications)', () => {
    it('grants (201), confirms (200), shares, makes exclusive again, and revokes, each audited', async () => {
      const a = await createOwned('a');
      const b = await createOwned('b');
      const ns = uniqueName('tools');
      const granted = await api.put(`/v1/applications/${a}/namespaces/${ns}`, {});
      expect(granted.status).toBe(201);
      expect(granted.body).toEqual({ namespace: ns, shared: false, conflict: false, grantedAt: expect.any(String) });
      expect((await api.put(`/v1/applications/${a}/namespaces/${ns}`, {})).status).toBe(200);

      const taken = await api.put(`/v1/applications/${b}/namespaces/${ns}`, {});
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('namespace/taken');
      expect(taken.body.details).toEqual([{ field: 'namespace', reason: expect.stringContaining(a) }]);

      const shared = await api.put(`/v1/applications/${b}/namespaces/${ns}`, { shared: true });
      expect(shared.status).toBe(201);
      expect(shared.body.shared).toBe(true);
      const listed = await api.get(`/v1/namespaces?limit=500`);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toContainEqual({
        namespace: ns,
        shared: true,
        reserved: false,
        conflict: false,
        owners: [
          { application: a, conflict: false, grantedAt: expect.any(String) },
          { application: b, conflict: false, grantedAt: expect.any(String) },
        ],
      });
      // Exclusive again only once one owner is left.
      const exclusive = await api.put(`/v1/applications/${a}/namespaces/${ns}`, { shared: false });
      expect(exclusive.status).toBe(409);
      expect((await api.delete(`/v1/applications/${b}/namespaces/${ns}`)).status).toBe(204);
      expect((await api.put(`/v1/applications/${a}/namespaces/${ns}`, { shared: false })).body.shared).toBe(false);

      const events = (await api.get(`/v1/audit?application=${b}`)).body.items;
      expect(events.map((e: { action: string }) => e.action)).toEqual([
        'namespace.revoke',
        'namespace.grant',
        'application.create',
      ]);
      const aEvents = (await api.get(`/v1/audit?application=${a}`)).body.items;
      expect(aEvents[0]).toEqual(
        expect.objectContaining({
          action: 'namespace.grant',
          target: ns,
          details: expect.objectContaining({ shared: false }),
        }),
      );
    });

    it('refuses to revoke the default namespace, one holding components, or one not granted', async () => {
      const app = await createOwned('rev');
      const ns = `${app}-extra`;
      expect((await api.put(`/v1/applications/${app}/namespaces/${ns}`, {})).status).toBe(201);
      expect(
        (await api.put(`/v1/applications/${app}/components/w`, { namespace: ns, labels: { a: 'w' } })).status,
      ).toBe(201);

      const isDefault = await api.delete(`/v1/applications/${app}/namespaces/${app}`);
      expect({ status: isDefault.status, code: isDefault.body.code }).toEqual({
        status: 409,
        code: 'namespace/in_use',
      });
      expect(isDefault.body.details).toEqual([{ field: 'namespace', reason: expect.any(String) }]);
      const holding = await api.delete(`/v1/applications/${app}/namespaces/${ns}`);
      expect(holding.status).toBe(409);
      expect(holding.body.details).toEqual([{ field: 'components[w].namespace', reason: expect.stringContaining(ns) }]);
      const notGranted = await api.delete(`/v1/applications/${app}/namespaces/never-granted`);
      expect({ status: notGranted.status, code: notGranted.body.code }).toEqual({
        status: 404,
        code: 'namespace/not_granted',
      });
      expect((await api.delete(`/v1/applications/${app}/components/w`)).status).toBe(204);
      expect((await api.delete(`/v1/applications/${app}/namespaces/${ns}`)).status).toBe(204);
      expect(
        (await api.get(`/v1/applications/${app}`)).body.ownedNamespaces.map((o: { namespace: string }) => o.namespace),
      ).toEqual([app]);
    });

    it('grants a reserved namespace only with reserved: true', async () => {
      const app = await createOwned('sys');
      const refused = await api.put(`/v1/applications/${app}/namespaces/kube-public`, { shared: true });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'namespace/reserved' });
      expect(refused.body.details).toEqual([{ field: 'namespace', reason: expect.any(String) }]);
      const withoutIt = await api.put(`/v1/applications/${app}/namespaces/kube-public`, { reserved: false });
      expect(withoutIt.body.details).toEqual([{ field: 'reserved', reason: expect.any(String) }]);
      expect((await api.put(`/v1/applications/${app}/namespaces/kube-public`, { reserved: true })).status).toBe(201);
      const listed = (await api.get('/v1/namespaces?limit=500')).body.items;
      expect(listed).toContainEqual(expect.objectContaining({ namespace: 'kube-public', reserved: true }));
    });

    it('is admin work for all applications: editors get 403, scoped admins too', async () => {
      const app = await createOwned('acl');
      const editor = await issueToken(api, { role: 'editor' });
      const scopedAdmin = await issueToken(api, { role: 'admin', applications: [app] });
      for (const token of [editor, scopedAdmin]) {
        expect((await api.put(`/v1/applications/${app}/namespaces/x-${app}`, {}, { token })).status).toBe(403);
        expect((await api.get('/v1/namespaces', { token })).status).toBe(403);
        const viaGraphql = await gql(
          t.app,
          `mutation($app: String!) { grantNamespace(application: $app, namespace: "anything") { namespace } }`,
          { app },
          { token },
        );
        expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('auth/forbidden');
      }
    });

    it('works the same over GraphQL: grant, list, revoke', async () => {
      const app = await createOwned('gq');
      const ns = `${app}-batch`;
      const granted = await gql(
        t.app,
        `mutation($app: String!, $ns: String!) { grantNamespace(application: $app, namespace: $ns, shared: true) { namespace shared conflict } }`,
        { app, ns },
      );
      expect(granted.errors).toBeUndefined();
      expect(granted.data?.grantNamespace).toEqual({ namespace: ns, shared: true, conflict: false });
      const listed = await gql(
        t.app,
        `{ namespaces(limit: 500) { total items { namespace shared reserved conflict owners { application } } } }`,
      );
      expect(listed.data?.namespaces.items).toContainEqual({
        namespace: ns,
        shared: true,
        reserved: false,
        conflict: false,
        owners: [{ application: app }],
      });
      const owned = await gql(
        t.app,
        `query($app: String!) { application(name: $app) { ownedNamespaces { namespace } } }`,
        {
          app,
        },
      );
      expect(owned.data?.application.ownedNamespaces).toEqual([{ namespace: app }, { namespace: ns }]);
      const revoked = await gql(
        t.app,
        `mutation($app: String!, $ns: String!) { revokeNamespace(application: $app, namespace: $ns) }`,
        { app, ns },
      );
      expect(revoked.data?.revokeNamespace).toBe(true);
      const again = await gql(
        t.app,
        `mutation($app: String!) { revokeNamespace(application: $app, namespace: "kube-system") }`,
        { app },
      );
      expect(again.errors?.[0]?.extensions?.code).toBe('namespace/not_granted');
    });
  });

  describe('in the database', () => {
    it('two concurrent exclusive grants of one namespace: exactly one wins', async () => {
      const a = await createOwned('race');
      const b = await createOwned('race');
      const ns = uniqueName('contested');
      const answers = await Promise.all([
        api.put(`/v1/applications/${a}/namespaces/${ns}`, {}),
        api.put(`/v1/applications/${b}/namespaces/${ns}`, {}),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(answers.find((r) => r.status === 409)?.body.code).toBe('namespace/taken');
    });

    it('refuses, whatever the service checks, a second exclusive grant and an exclusive grant beside shared ones', async () => {
      const prisma = t.app.get(PrismaService);
      const a = await createOwned('db');
      const b = await createOwned('db');
      const [idA, idB] = await Promise.all(
        [a, b].map(async (name) => (await prisma.application.findUniqueOrThrow({ where: { name } })).id),
      );
      // b's own namespace is exclusive to b: a second exclusive grant breaks the unique index.
      await expect(
        prisma.namespaceGrant.create({ data: { applicationId: idA, namespace: b, shared: false, exclusiveKey: '' } }),
      ).rejects.toMatchObject({ code: 'P2002' });
      // A shared grant of an exclusive namespace breaks the foreign key on (namespace, shared).
      await expect(
        prisma.namespaceGrant.create({ data: { applicationId: idA, namespace: b, shared: true, exclusiveKey: idA } }),
      ).rejects.toMatchObject({ code: 'P2003' });
      // And an exclusive grant that claims to be keyed like a shared one breaks the CHECK constraint.
      await expect(
        prisma.$executeRawUnsafe(
          `INSERT INTO "NamespaceGrant" ("applicationId", "namespace", "shared", "exclusiveKey") VALUES ($1::uuid, $2, false, $1)`,
          idA,
          b,
        ),
      ).rejects.toThrow(/NamespaceGrant_exclusiveKey_check/);
      expect(await prisma.namespaceGrant.count({ where: { namespace: b } })).toBe(1);
      expect(idB).toBeDefined();
    });

    it('refuses at publish (422, naming the component) a component stored in a namespace the application does not own', async () => {
      const prisma = t.app.get(PrismaService);
      const victim = await createOwned('victim');
      const app = await createOwned('sneaky');
      const row = await prisma.application.findUniqueOrThrow({ where: { name: app } });
      // Written around the API, as data from before ownership (or a bug) could be.
      await prisma.component.create({
        data: { applicationId: row.id, name: 'db', namespace: victim, labels: { role: 'db' }, ports: [] },
      });
      await prisma.external.create({ data: { applicationId: row.id, name: 'world', cidr: '0.0.0.0/0', except: [] } });
      await prisma.flow.create({
        data: {
          applicationId: row.id,
          from: { external: 'world' },
          to: { component: 'db' },
          fromName: 'world',
          toName: 'db',
          ports: [{ port: 3306, protocol: 'TCP' }],
        },
      });
      const published = await api.post(`/v1/applications/${app}/versions`, {});
      expect(published.status).toBe(422);
      expect(published.body.code).toBe('version/invalid');
      expect(published.body.message).toContain(`component "db" is in namespace "${victim}"`);
      expect(published.body.details.findings).toEqual([
        expect.objectContaining({ object: 'components[0].namespace', severity: 'error' }),
      ]);
      const viaGraphql = await gql(t.app, `mutation($app: String!) { publishVersion(application: $app) { number } }`, {
        app,
      });
      expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('version/invalid');
      expect((await api.get(`/v1/applications/${app}/versions`)).body.total).toBe(0);
    });
  });
});
