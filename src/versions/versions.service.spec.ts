import {
  FakeDatabase,
  fakeApplicationsService,
  fakeAuditRepository,
  fakeGuardrailsService,
  fakeTopologyRepository,
  fakeVersionsRepository,
  SOMEONE,
} from '../../test/support/fakes';
import { ApplicationLifecycle } from '../applications/application-lifecycle';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import { generateNetworkPolicies, renderManifests, type TopologyDocumentInput } from '../engine';
import { MetricsService } from '../metrics/metrics.service';
import { TopologyService } from '../topology/topology.service';
import { PublishHooks } from './publish-hooks';
import { VersionsService } from './versions.service';

/** The publish pipeline on fake repositories: no Nest, no database. */
function newTestService() {
  const db = new FakeDatabase();
  const applications = fakeApplicationsService(db);
  const audit = fakeAuditRepository(db);
  const topology = new TopologyService(db.prisma, applications, fakeTopologyRepository(db), audit);
  const hooks = new PublishHooks();
  const sut = new VersionsService(
    db.prisma,
    applications,
    topology,
    fakeVersionsRepository(db),
    audit,
    new MetricsService(),
    hooks,
    fakeGuardrailsService(),
    new ApplicationLifecycle(),
    { cacheTtlMs: 60_000 } as AppConfig,
  );
  return { sut, db, topology, hooks, app: db.addApplication('shop') };
}

const DOCUMENT: TopologyDocumentInput = {
  components: [
    { name: 'web', labels: { app: 'web' }, ports: [{ port: 80 }] },
    { name: 'db', labels: { app: 'db' }, ports: [{ port: 3306 }] },
  ],
  flows: [{ from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 3306 }] }],
};

const publishes = (db: FakeDatabase) => db.state.audit.filter((e) => e.action === 'version.publish');

describe('VersionsService.publish (fake repositories)', () => {
  it('publishes the generated policies as version 1, and audits it', async () => {
    const { sut, db, topology } = newTestService();
    const stored = await topology.replace({ app: 'shop', document: DOCUMENT, by: SOMEONE });
    const { version, created } = await sut.publish({ app: 'shop', note: 'first', by: SOMEONE });
    const expected = renderManifests(
      generateNetworkPolicies({ name: 'shop', ...stored, settings: { isolation: 'both', dnsEgress: true } }),
    );
    expect(created).toBe(true);
    expect(version).toMatchObject({ number: 1, digest: expected.digest, manifests: expected.manifests, note: 'first' });
    expect(version.policyCount).toBeGreaterThan(0);
    expect(publishes(db)).toEqual([
      {
        by: SOMEONE,
        action: 'version.publish',
        application: 'shop',
        target: '1',
        digestBefore: undefined,
        digestAfter: expected.digest,
        details: { note: 'first' },
      },
    ]);
  });

  it('answers the latest version, not a new one, while the draft is unchanged', async () => {
    const { sut, db, topology } = newTestService();
    await topology.replace({ app: 'shop', document: DOCUMENT, by: SOMEONE });
    const first = await sut.publish({ app: 'shop', by: SOMEONE });
    const again = await sut.publish({ app: 'shop', by: SOMEONE });
    expect(again).toEqual({ version: first.version, created: false });
    expect(publishes(db)).toHaveLength(1);
    await topology.putComponent({
      app: 'shop',
      name: 'db',
      input: { labels: { app: 'database' }, ports: [{ port: 3306 }] },
      by: SOMEONE,
    });
    const second = await sut.publish({ app: 'shop', by: SOMEONE });
    expect(second.version.number).toBe(2);
    expect(publishes(db).map((e) => [e.digestBefore, e.digestAfter])).toEqual([
      [undefined, first.version.digest],
      [first.version.digest, second.version.digest],
    ]);
  });

  it('refuses with 422 version/invalid what the engine will not generate, and stores nothing', async () => {
    const { sut, db, app } = newTestService();
    // Written around the API: a component in a namespace the application does not own.
    db.topologyOf(app.id).components.push({ name: 'web', namespace: 'kube-system', labels: { app: 'web' }, ports: [] });
    const error = await sut.publish({ app: 'shop', by: SOMEONE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('version/invalid');
    expect(db.state.versions).toEqual([]);
    expect(publishes(db)).toEqual([]);
  });

  it('publishes what is stored at the commit when the topology changes after it was read', async () => {
    const { sut, db, topology, hooks } = newTestService();
    await topology.replace({ app: 'shop', document: DOCUMENT, by: SOMEONE });
    let edits = 0;
    hooks.beforeCommit = async () => {
      edits += 1;
      await topology.putComponent({
        app: 'shop',
        name: `c${edits}`,
        input: { labels: { app: `c${edits}` } },
        by: SOMEONE,
      });
    };
    const { version } = await sut.publish({ app: 'shop', by: SOMEONE });
    // Every attempt saw an edit land after its read; the last one generated under the lock.
    expect(edits).toBe(5);
    expect(version.topology.components.map((c) => c.name)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'db', 'web']);
    expect(db.state.versions).toHaveLength(1);
  });

  it('takes the next number when a concurrent publish took its own (a unique violation), and tries again', async () => {
    const { sut, db, topology, hooks, app } = newTestService();
    await topology.replace({ app: 'shop', document: DOCUMENT, by: SOMEONE });
    let raced = false;
    hooks.beforeCommit = async () => {
      if (raced) return;
      raced = true;
      db.state.versions.push({
        id: 'other',
        applicationId: app.id,
        number: 1,
        digest: 'someone-else',
        manifests: '',
        policyCount: 0,
        topology: { name: 'shop', components: [], externals: [], flows: [] },
        findings: [],
        guardrailVersion: null,
        actor: 'other',
        note: '',
        createdAt: new Date(),
      });
    };
    const { version, created } = await sut.publish({ app: 'shop', by: SOMEONE });
    expect(created).toBe(true);
    expect(version.number).toBe(2);
    expect(db.state.versions.map((v) => v.number)).toEqual([1, 2]);
  });
});
