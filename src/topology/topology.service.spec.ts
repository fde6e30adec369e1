import {
  FakeDatabase,
  fakeApplicationsService,
  fakeAuditRepository,
  fakeTopologyRepository,
  refusal,
  SOMEONE,
} from '../../test/support/fakes';
import { topologyDigest } from '../engine';
import { TopologyService } from './topology.service';
import { topologyEtag } from './topology.etag';

/** The service on fake repositories: the rules of a topology write, without Nest or a database. */
function newTestService() {
  const db = new FakeDatabase();
  const sut = new TopologyService(
    db.prisma,
    fakeApplicationsService(db),
    fakeTopologyRepository(db),
    fakeAuditRepository(db),
  );
  return { sut, db, app: db.addApplication('shop') };
}

const DOCUMENT = {
  components: [
    { name: 'web', labels: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
    { name: 'db', labels: { app: 'db' }, ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }] },
  ],
  externals: [{ name: 'internet', cidr: '0.0.0.0/0' }],
  flows: [
    { from: { external: 'internet' }, to: { component: 'web' }, ports: [{ port: 80 }] },
    { from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 'mysql' }] },
  ],
};

describe('TopologyService (fake repositories)', () => {
  describe('replace', () => {
    it('stores the document with the defaults filled in, and audits the digests before and after', async () => {
      const { sut, db, app } = newTestService();
      const empty = db.topologyOf(app.id);
      const emptyDigest = topologyDigest('shop', empty);
      const stored = await sut.replace({ app: 'shop', document: DOCUMENT, by: SOMEONE });
      expect(stored.components.map((c) => [c.name, c.namespace])).toEqual([
        ['db', 'shop'],
        ['web', 'shop'],
      ]);
      expect(stored.components.find((c) => c.name === 'web')!.ports).toEqual([
        { name: 'http', port: 80, protocol: 'TCP' },
      ]);
      expect(stored.externals).toEqual([{ name: 'internet', cidr: '0.0.0.0/0', except: [] }]);
      expect(stored.flows.map((f) => f.ports)).toEqual([
        [{ port: 80, protocol: 'TCP' }],
        [{ port: 'mysql', protocol: 'TCP' }],
      ]);
      expect(db.state.touched).toEqual([app.id]);
      expect(db.state.audit).toEqual([
        {
          by: SOMEONE,
          action: 'topology.put',
          application: 'shop',
          target: undefined,
          digestBefore: emptyDigest,
          digestAfter: topologyDigest('shop', stored),
        },
      ]);
    });

    it('takes the document namespace for components that name none', async () => {
      const { sut, db } = newTestService();
      const app = db.addApplication('store', {
        ownedNamespaces: ['shop', 'store'].map((namespace) => ({
          namespace,
          shared: false,
          conflict: false,
          grantedAt: new Date(0),
        })),
      });
      const stored = await sut.replace({ app: app.name, document: { ...DOCUMENT, namespace: 'store' }, by: SOMEONE });
      expect(new Set(stored.components.map((c) => c.namespace))).toEqual(new Set(['store']));
    });

    it('refuses a stale If-Match with 412 and writes nothing', async () => {
      const { sut, db } = newTestService();
      const first = await sut.replace({ app: 'shop', document: DOCUMENT, by: SOMEONE });
      const etag = topologyEtag('shop', first);
      await sut.replace({ app: 'shop', document: { ...DOCUMENT, flows: [] }, ifMatch: etag, by: SOMEONE });
      const before = structuredClone(db.state);
      const refused = await refusal(sut.replace({ app: 'shop', document: DOCUMENT, ifMatch: etag, by: SOMEONE }));
      expect(refused.code).toBe('topology/precondition_failed');
      expect(db.state).toEqual(before);
    });

    it('names the field of every problem: its name, its namespaces, the engine reader, the cross-references', async () => {
      const { sut, db } = newTestService();
      const before = structuredClone(db.state);
      expect(
        await refusal(sut.replace({ app: 'shop', document: { ...DOCUMENT, name: 'other' }, by: SOMEONE })),
      ).toMatchObject({
        code: 'validation/failed',
        fields: ['name'],
      });
      const elsewhere = {
        ...DOCUMENT,
        components: [{ ...DOCUMENT.components[0]!, namespace: 'kube-system' }, DOCUMENT.components[1]!],
      };
      expect((await refusal(sut.replace({ app: 'shop', document: elsewhere, by: SOMEONE }))).fields).toEqual([
        'components[0].namespace',
      ]);
      const unknown = { ...DOCUMENT, flows: [{ from: { component: 'web' }, to: { component: 'nosuch' } }] };
      expect(await refusal(sut.replace({ app: 'shop', document: unknown, by: SOMEONE }))).toMatchObject({
        code: 'topology/invalid',
        fields: ['flows[0].to.component'],
      });
      const range = {
        ...DOCUMENT,
        flows: [{ from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 'mysql', endPort: 3307 }] }],
      };
      expect(await refusal(sut.replace({ app: 'shop', document: range, by: SOMEONE }))).toMatchObject({
        code: 'topology/invalid',
        fields: ['flows[0].ports[0].endPort'],
      });
      expect(db.state).toEqual(before);
    });
  });

  describe('single objects', () => {
    it('puts a component (created, then replaced) with the application default namespace and TCP', async () => {
      const { sut, db, app } = newTestService();
      const created = await sut.putComponent({
        app: 'shop',
        name: 'web',
        input: { labels: { app: 'web' }, ports: [{ port: 80 }] },
        by: SOMEONE,
      });
      expect(created).toEqual({
        component: { name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] },
        created: true,
      });
      const replaced = await sut.putComponent({
        app: 'shop',
        name: 'web',
        input: { labels: { app: 'web2' } },
        by: SOMEONE,
      });
      expect(replaced.created).toBe(false);
      expect(db.topologyOf(app.id).components).toEqual([replaced.component]);
      expect(db.state.audit.map((e) => [e.action, e.target])).toEqual([
        ['component.put', 'web'],
        ['component.put', 'web'],
      ]);
    });

    it('names a problem of the component relative to its body, and one it causes by the flow it breaks', async () => {
      const { sut } = newTestService();
      await sut.replace({ app: 'shop', document: DOCUMENT, by: SOMEONE });
      expect(
        (
          await refusal(
            sut.putComponent({
              app: 'shop',
              name: 'web',
              input: { labels: { app: 'web' }, ports: [{ port: 0 }] },
              by: SOMEONE,
            }),
          )
        ).fields,
      ).toEqual(['ports[0].port']);
      const flows = await sut.listFlows({ app: 'shop' });
      const dropped = await refusal(
        sut.putComponent({ app: 'shop', name: 'db', input: { labels: { app: 'db' } }, by: SOMEONE }),
      );
      expect(dropped).toMatchObject({ code: 'topology/invalid', fields: [`flows[${flows[1]!.id}].ports[0].port`] });
    });

    it('refuses to delete a component a flow names (409, with the flows), and writes nothing', async () => {
      const { sut, db } = newTestService();
      await sut.replace({ app: 'shop', document: DOCUMENT, by: SOMEONE });
      const before = structuredClone(db.state);
      const flows = await sut.listFlows({ app: 'shop' });
      const refused = await refusal(sut.deleteComponent({ app: 'shop', name: 'db', by: SOMEONE }));
      expect(refused.code).toBe('component/in_use');
      expect(refused.fields).toEqual([`flows[${flows[1]!.id}].to.component`]);
      expect(db.state).toEqual(before);
      expect((await refusal(sut.deleteComponent({ app: 'shop', name: 'nosuch', by: SOMEONE }))).code).toBe(
        'component/not_found',
      );
    });

    it('creates a flow (TCP by default), naming its problems relative to its body', async () => {
      const { sut } = newTestService();
      await sut.replace({ app: 'shop', document: { ...DOCUMENT, flows: [] }, by: SOMEONE });
      const flow = await sut.createFlow({
        app: 'shop',
        input: { from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 3306 }] },
        by: SOMEONE,
      });
      expect(flow).toMatchObject({
        from: { component: 'web' },
        to: { component: 'db' },
        ports: [{ port: 3306, protocol: 'TCP' }],
      });
      expect(await sut.getFlow({ app: 'shop', id: flow.id })).toEqual(flow);
      expect(
        (
          await refusal(
            sut.createFlow({
              app: 'shop',
              input: { from: { component: 'web' }, to: { component: 'api' } },
              by: SOMEONE,
            }),
          )
        ).fields,
      ).toEqual(['to.component']);
      expect((await refusal(sut.getFlow({ app: 'shop', id: 'not-a-uuid' }))).code).toBe('flow/not_found');
    });
  });
});
