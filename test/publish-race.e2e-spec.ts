/**
 * A publish generates its draft outside any transaction, then commits only if the topology is still
 * what it read. The race (a topology write between the read and the commit) is made by construction:
 * PublishHooks.beforeCommit runs exactly there, and the test writes the topology from it. The last
 * attempt generates under the application's lock, so a publish never fails for edits alone.
 */
import { PublishHooks } from '../src/versions/publish-hooks';
import { useTestApp } from './support/app';
import { createThreeTier } from './support/fixtures';

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
});
