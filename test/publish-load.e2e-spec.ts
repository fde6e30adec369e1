/**
 * A publish survives a busy machine: generating, linting and rendering 5,000 components takes
 * seconds when another process keeps a core busy, and none of it may run inside the transaction
 * (Prisma expires an interactive transaction after its timeout, which used to answer 500).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { useTestApp } from './support/app';
import { chainTopology, createApplication } from './support/fixtures';

const COMPONENTS = 5_000;

describe('publish under load', () => {
  const t = useTestApp();
  const api = t.api;
  let burner: ChildProcess | undefined;

  afterEach(async () => {
    if (burner && burner.exitCode === null && burner.signalCode === null) {
      const exited = once(burner, 'exit');
      burner.kill('SIGKILL');
      await exited;
    }
  });

  it(`publishes ${COMPONENTS.toLocaleString('en')} components while another process keeps the CPU busy`, async () => {
    const app = await createApplication(api);
    const put = await api.put(`/v1/applications/${app}/topology`, chainTopology(COMPONENTS, 'http'));
    expect(put.status).toBe(200);

    burner = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    await once(burner, 'spawn');

    const published = await api.post(`/v1/applications/${app}/versions`, { note: 'under load' });

    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ number: 1, note: 'under load' });
    // Each component gets its own policy (it is selected by its own labels).
    expect(published.body.policyCount).toBe(COMPONENTS);
    const latest = await api.get(`/v1/applications/${app}/versions/latest`);
    expect(latest.body.digest).toBe(published.body.digest);
  }, 300_000);
});
