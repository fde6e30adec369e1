/**
 * A publish generates its draft outside any transaction, then commits only if the topology is still
 * what it read. The race (a topology write between the read and the commit) is made by construction:
 * PublishHooks.beforeCommit runs exactly there, and the test writes the topology from it. The last
 * attempt generates under the application's lock, so a publish never fails for edits alone.
 */
import { PublishHooks } from '../src/versions/publish-hooks';
import { useTestApp } from './support/app';
import { createThreeTier, THREE_TIER } from './support/fixtures';

describe('publish racing a topology write', () => {
  const t = useTestApp();
  const api = t.api;
  let hooks: PublishHooks;

  beforeAll(() => {
    hooks = t.app.get(PublishHooks);
  });
  afterEach(() => {
    hooks.beforeCommit = () => Promise.resolve();
  });

  const addComponent = async (app: string, name: string) => {
    const put = await api.put(`/v1/applications/${app}/components/${name}`, {
      labels: { app: name },
      ports: [{ port: 6379 }],
    });
    expect(put.status).toBe(201);
    const flow = await api.post(`/v1/applications/${app}/flows`, {
      from: { component: 'api' },
      to: { component: name },
      ports: [{ port: 6379 }],
    });
    expect(flow.status).toBe(201);
  };

  const publishEvents = async (app: string) => {
    const events = await api.get(`/v1/audit?application=${app}&limit=100`);
    expect(events.status).toBe(200);
    return (events.body.items as { action: string }[]).filter((e) => e.action === 'version.publish');
  };

  it('runs again and publishes the topology as it is at the commit', async () => {
    const app = await createThreeTier(api);
    const attempts: string[] = [];
    hooks.beforeCommit = async (name) => {
      attempts.push(name);
      // Only during the first attempt: the draft it generated lacks the cache.
      if (attempts.length === 1) await addComponent(app, 'cache');
    };

    const published = await api.post(`/v1/applications/${app}/versions`, { note: 'raced' });

    expect(published.status).toBe(201);
    expect(attempts).toEqual([app, app]);
    expect(published.body).toMatchObject({ number: 1, note: 'raced' });
    const manifests = await api.get(`/v1/applications/${app}/versions/1/manifests`);
    expect(manifests.text).toContain('app: cache');
    expect(manifests.text).toContain('port: 6379');
    // Exactly what a publish now, with nothing in between, would make.
    const draft = await api.get(`/v1/applications/${app}/policies`);
    expect(draft.headers.etag).toBe(`"${published.body.digest}"`);
    expect(await publishEvents(app)).toHaveLength(1);
  });

  it('still publishes when the topology changes during every attempt: the last one generates under the lock', async () => {
    const app = await createThreeTier(api);
    let attempt = 0;
    hooks.beforeCommit = async () => {
      attempt += 1;
      await addComponent(app, `cache${attempt}`);
    };

    const published = await api.post(`/v1/applications/${app}/versions`);

    expect(published.status).toBe(201);
    expect(attempt).toBe(5);
    // What the topology was at the commit: every component added, the last one included.
    const manifests = await api.get(`/v1/applications/${app}/versions/1/manifests`);
    for (let i = 1; i <= 5; i++) expect(manifests.text).toContain(`app: cache${i}`);
    const draft = await api.get(`/v1/applications/${app}/policies`);
    expect(draft.headers.etag).toBe(`"${published.body.digest}"`);
    expect(await publishEvents(app)).toHaveLength(1);
  });

  /**
   * The commit skips reading the topology again when the application's row is at the write it was at
   * before the read: so every kind of write must write that row. One case per writer, each made once
   * between the read and the commit: the publish must notice and run again.
   */
  const spareFlow = { from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 3306 }] };
  const writers: {
    kind: string;
    /** Before the publish: what the write needs. */
    setup?: (app: string) => Promise<unknown>;
    write: (app: string, ready: unknown) => Promise<{ status: number }>;
  }[] = [
    {
      kind: 'the whole topology (PUT)',
      write: (app) =>
        api.put(`/v1/applications/${app}/topology`, { ...THREE_TIER, externals: [], flows: THREE_TIER.flows.slice(1) }),
    },
    {
      kind: 'a component (PUT)',
      write: (app) => api.put(`/v1/applications/${app}/components/spare`, { labels: { app: 'spare' }, ports: [] }),
    },
    {
      kind: 'a component (DELETE)',
      setup: (app) => api.put(`/v1/applications/${app}/components/spare`, { labels: { app: 'spare' }, ports: [] }),
      write: (app) => api.delete(`/v1/applications/${app}/components/spare`),
    },
    {
      kind: 'an external (PUT)',
      write: (app) => api.put(`/v1/applications/${app}/externals/corp`, { cidr: '10.0.0.0/8' }),
    },
    {
      kind: 'an external (DELETE)',
      setup: (app) => api.put(`/v1/applications/${app}/externals/corp`, { cidr: '10.0.0.0/8' }),
      write: (app) => api.delete(`/v1/applications/${app}/externals/corp`),
    },
    { kind: 'a flow (POST)', write: (app) => api.post(`/v1/applications/${app}/flows`, spareFlow) },
    {
      kind: 'a flow (DELETE)',
      setup: async (app) => (await api.post(`/v1/applications/${app}/flows`, spareFlow)).body.id as string,
      write: (app, id) => api.delete(`/v1/applications/${app}/flows/${id as string}`),
    },
    {
      kind: 'the settings (PATCH)',
      write: (app) => api.patch(`/v1/applications/${app}`, { settings: { dnsEgress: false } }),
    },
  ];

  it.each(writers)('runs again after a write of $kind between the read and the commit', async ({ setup, write }) => {
    const app = await createThreeTier(api);
    const ready = await setup?.(app);
    let attempts = 0;
    hooks.beforeCommit = async () => {
      attempts += 1;
      if (attempts === 1) expect((await write(app, ready)).status).toBeLessThan(300);
    };

    const published = await api.post(`/v1/applications/${app}/versions`);

    expect(published.status).toBe(201);
    expect(attempts).toBe(2);
    const draft = await api.get(`/v1/applications/${app}/policies`);
    expect(draft.headers.etag).toBe(`"${published.body.digest}"`);
  });

  it('commits at once when nothing was written between the read and the commit', async () => {
    const app = await createThreeTier(api);
    let attempts = 0;
    hooks.beforeCommit = () => {
      attempts += 1;
      return Promise.resolve();
    };
    expect((await api.post(`/v1/applications/${app}/versions`)).status).toBe(201);
    expect(attempts).toBe(1);
  });
});
