/**
 * GET /metrics: Prometheus text with request counts by route template (never the raw URL), the
 * domain metrics other features record, and the process metrics; and a test app with
 * `logger: false` writes nothing at all.
 */
import { MetricsService } from '../src/metrics/metrics.service';
import { contractClient, type ContractClient } from './support/api';
import { createTestApp, type TestApp } from './support/app';
import { createThreeTier } from './support/fixtures';

describe('GET /metrics', () => {
  let testApp: TestApp;
  let api: ContractClient;

  beforeAll(async () => {
    testApp = await createTestApp();
    api = contractClient(testApp.app);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('counts requests by method, route template and status, and times them', async () => {
    await api.get('/v1/applications/does-not-exist');
    await api.get('/v1/applications/another-one');
    await api.get('/v1/no/such/route');
    const metrics = await api.get('/metrics');
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.text).toContain('http_requests_total{method="GET",route="/v1/applications/:app",status="404"} 2');
    expect(metrics.text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(metrics.text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/v1\/applications\/:app"\} 2$/m,
    );
    expect(metrics.text).not.toContain('does-not-exist');
    expect(metrics.text).not.toContain('/v1/no/such/route');
  });

  it('exposes the process metrics', async () => {
    const metrics = await api.get('/metrics');
    expect(metrics.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(metrics.text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('records what features report through MetricsService', async () => {
    const service = testApp.app.get(MetricsService);
    service.countPublish('created');
    service.countPublish('created');
    service.countPublish('unchanged');
    expect(service.timeEngine('generate', () => 42)).toBe(42);
    service.observeEngine('evaluate', 0.003);
    const metrics = (await api.get('/metrics')).text;
    expect(metrics).toContain('flowpolicy_publishes_total{result="created"} 2');
    expect(metrics).toContain('flowpolicy_publishes_total{result="unchanged"} 1');
    expect(metrics).toContain('flowpolicy_engine_seconds_count{operation="generate"} 1');
    expect(metrics).toContain('flowpolicy_engine_seconds_bucket{le="0.005",operation="evaluate"} 1');
  });

  it('counts real publishes by result and times the engine work of publishes, questions and diffs', async () => {
    const sample = async (name: string) => {
      const text = (await api.get('/metrics')).text;
      return Number(new RegExp(`^${name.replace(/[{}"=,]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    };
    const counters = [
      'flowpolicy_publishes_total{result="created"}',
      'flowpolicy_publishes_total{result="unchanged"}',
      'flowpolicy_publishes_total{result="failed"}',
      'flowpolicy_engine_seconds_count{operation="generate"}',
      'flowpolicy_engine_seconds_count{operation="lint"}',
      'flowpolicy_engine_seconds_count{operation="evaluate"}',
      'flowpolicy_engine_seconds_count{operation="connectivity"}',
      'flowpolicy_engine_seconds_count{operation="load"}',
      'flowpolicy_engine_seconds_count{operation="diff"}',
    ];
    const read = async () => Promise.all(counters.map(sample));
    const before = await read();

    const app = await createThreeTier(api);
    expect((await api.post(`/v1/applications/${app}/versions`, {})).status).toBe(201);
    expect((await api.post(`/v1/applications/${app}/versions`, {})).status).toBe(200);
    expect((await api.post('/v1/applications/no-such-application/versions', {})).status).toBe(404);
    await api.get(`/v1/applications/${app}/reachability?from=web&to=db&port=3306&version=1`);
    await api.get(`/v1/applications/${app}/connectivity?version=1`);
    await api.get(`/v1/applications/${app}/versions/1/diff/latest`);

    const after = await read();
    const delta = Object.fromEntries(counters.map((name, i) => [name, after[i]! - before[i]!]));
    expect(delta).toMatchObject({
      'flowpolicy_publishes_total{result="created"}': 1,
      'flowpolicy_publishes_total{result="unchanged"}': 1,
      'flowpolicy_publishes_total{result="failed"}': 1,
      // The first publish generated and linted the draft; the second, of the same topology, found it in memory.
      'flowpolicy_engine_seconds_count{operation="generate"}': 1,
      'flowpolicy_engine_seconds_count{operation="evaluate"}': 1,
      'flowpolicy_engine_seconds_count{operation="diff"}': 1,
    });
    expect(delta['flowpolicy_engine_seconds_count{operation="lint"}']).toBe(1);
    expect(delta['flowpolicy_engine_seconds_count{operation="connectivity"}']).toBeGreaterThanOrEqual(1);
    expect(delta['flowpolicy_engine_seconds_count{operation="load"}']).toBeGreaterThanOrEqual(1);
  });

  it('writes no log line when the app is built with logger: false', async () => {
    const stdout = jest.spyOn(process.stdout, 'write');
    const stderr = jest.spyOn(process.stderr, 'write');
    try {
      await api.get('/health');
      await api.get('/v1/no/such/route');
      await api.post('/v1/applications', '{"name":', { contentType: 'application/json' });
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
