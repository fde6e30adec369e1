import { resolve } from 'node:path';
import { ConfigError, loadConfig, reservedNamespaces } from './config';

describe('loadConfig', () => {
  it('defaults every variable when the environment is empty', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: resolve('.data'),
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
      shutdownDelayMs: 0,
      rateLimitPerMinute: 600,
      adminToken: undefined,
      cacheTtlMs: 2000,
      serviceNamespace: 'flowpolicy',
      bodyTimeoutMs: 30_000,
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '3000',
        HOST: 'api.internal',
        DATABASE_URL: 'postgresql://flow@db:5432/flowpolicy',
        DATA_DIR: '/var/lib/flowpolicy',
        LOG_LEVEL: 'debug',
        SHUTDOWN_TIMEOUT_MS: '25000',
        SHUTDOWN_DELAY_MS: '5000',
        RATE_LIMIT_PER_MINUTE: '120',
        FLOWPOLICY_ADMIN_TOKEN: 'fp_0123456789abcdefghijklmnopqrstuvwxyz',
        CACHE_TTL_MS: '500',
        FLOWPOLICY_NAMESPACE: 'platform-netpol',
        BODY_TIMEOUT_MS: '5000',
      }),
    ).toEqual({
      port: 3000,
      host: 'api.internal',
      databaseUrl: 'postgresql://flow@db:5432/flowpolicy',
      dataDir: '/var/lib/flowpolicy',
      logLevel: 'debug',
      shutdownTimeoutMs: 25_000,
      shutdownDelayMs: 5000,
      rateLimitPerMinute: 120,
      adminToken: 'fp_0123456789abcdefghijklmnopqrstuvwxyz',
      cacheTtlMs: 500,
      serviceNamespace: 'platform-netpol',
      bodyTimeoutMs: 5000,
    });
  });

  it('reserves the cluster namespaces and FLOWPOLICY_NAMESPACE, and names it when it is not a namespace', () => {
    expect(reservedNamespaces(loadConfig({ FLOWPOLICY_NAMESPACE: 'netpol' }))).toEqual([
      'kube-system',
      'kube-public',
      'kube-node-lease',
      'netpol',
    ]);
    for (const bad of ['', 'Flow_Policy', 'a'.repeat(64), '-x']) {
      expect(() => loadConfig({ FLOWPOLICY_NAMESPACE: bad })).toThrow(/FLOWPOLICY_NAMESPACE/);
    }
  });

  it('reads CACHE_TTL_MS, 0 turning the caches off, and names it when it is not a duration up to a minute', () => {
    expect(loadConfig({ CACHE_TTL_MS: '0' }).cacheTtlMs).toBe(0);
    for (const bad of ['-1', '1.5', '2s', '', '60001']) {
      expect(() => loadConfig({ CACHE_TTL_MS: bad })).toThrow(/CACHE_TTL_MS/);
    }
  });

  it('reads BODY_TIMEOUT_MS, 30 s by default, and names it when it is not a duration from 100 ms to 10 minutes', () => {
    expect(loadConfig({}).bodyTimeoutMs).toBe(30_000);
    expect(loadConfig({ BODY_TIMEOUT_MS: '100' }).bodyTimeoutMs).toBe(100);
    for (const bad of ['0', '99', '1.5', '2s', '', '600001']) {
      expect(() => loadConfig({ BODY_TIMEOUT_MS: bad })).toThrow(/BODY_TIMEOUT_MS/);
    }
  });

  it('reads RATE_LIMIT_PER_MINUTE, 0 turning the limit off, and names it when it is not a count', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    for (const bad of ['-1', '1.5', 'many', '', '2000000']) {
      expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: bad })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    }
  });

  it('accepts the postgres:// scheme and IPv6 hosts, and treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x' }).databaseUrl).toBe('postgres://db/x');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['PORT', ' '],
    ['HOST', 'not a host!'],
    ['HOST', ''],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://db/x'],
    ['DATA_DIR', '  '],
    ['LOG_LEVEL', 'verbose'],
    ['SHUTDOWN_TIMEOUT_MS', '10s'],
    ['SHUTDOWN_TIMEOUT_MS', '-1'],
    ['SHUTDOWN_TIMEOUT_MS', '600001'],
    ['SHUTDOWN_TIMEOUT_MS', ''],
    ['SHUTDOWN_DELAY_MS', '5s'],
    ['SHUTDOWN_DELAY_MS', '-1'],
    ['SHUTDOWN_DELAY_MS', '600001'],
    ['FLOWPOLICY_ADMIN_TOKEN', 'short'],
    ['FLOWPOLICY_ADMIN_TOKEN', 'fp_0123456789abcdefghijklmnopqrstuv wxyz'],
    ['FLOWPOLICY_ADMIN_TOKEN', 'Bearer fp_0123456789abcdefghijklmnopqrstuvwxyz'],
    ['FLOWPOLICY_ADMIN_TOKEN', ''],
  ])('rejects %s=%j with an error that names the variable', (variable, value) => {
    let thrown: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ variable, message: expect.stringMatching(`^Invalid configuration: ${variable} `) });
  });
});
