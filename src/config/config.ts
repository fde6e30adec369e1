/**
 * Configuration, read and validated once at boot. A bad value stops the process with a message
 * that names the variable (STYLE.md: "Configuration is validated once at boot").
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { dns1123LabelError } from '../engine';

export interface AppConfig {
  /** TCP port to listen on (PORT, default 8080). */
  readonly port: number;
  /** Interface to bind (HOST, default 0.0.0.0). */
  readonly host: string;
  /** Postgres connection string (DATABASE_URL). Unset: the embedded PGlite database in dataDir. */
  readonly databaseUrl?: string;
  /** Where the embedded database and generated files live (DATA_DIR, default ./.data). */
  readonly dataDir: string;
  /** LOG_LEVEL: error, warn, info or debug (default info). */
  readonly logLevel: LogLevel;
  /**
   * How long a SIGTERM/SIGINT shutdown waits for requests in flight before closing their
   * connections (SHUTDOWN_TIMEOUT_MS, default 10000). Keep it below Kubernetes'
   * terminationGracePeriodSeconds minus the preStop pause (deploy/deployment.yaml).
   */
  readonly shutdownTimeoutMs: number;
  /**
   * On SIGTERM/SIGINT, how long the service keeps serving while /health/ready answers 503, so load
   * balancers stop sending before it stops accepting (SHUTDOWN_DELAY_MS, default 0; deploy/ sets
   * 5000). Kubernetes removes a terminating pod's endpoints asynchronously.
   */
  readonly shutdownDelayMs: number;
  /**
   * Requests one caller (a verified token, or the client address until one is verified) may make per minute
   * before answers become 429 (RATE_LIMIT_PER_MINUTE, default 600; 0 turns the limit off).
   */
  readonly rateLimitPerMinute: number;
  /**
   * FLOWPOLICY_ADMIN_TOKEN: a secret made an admin token (named "bootstrap") at start. Unset: the
   * first start on a database without tokens creates one and writes it to `${dataDir}/admin-token`.
   */
  readonly adminToken?: string;
  /**
   * How long a replica may answer from memory what another replica could change meanwhile
   * (CACHE_TTL_MS, default 2000; 0 turns the caches off): a token revoked elsewhere keeps working
   * here for at most this long, and so does a published version of an application deleted elsewhere.
   * The replica that makes such a change forgets it at once.
   */
  readonly cacheTtlMs: number;
  /**
   * The namespace the service itself runs in (FLOWPOLICY_NAMESPACE, default `flowpolicy` as in
   * deploy/). It is reserved like kube-system: only an admin grants it, and only saying so.
   */
  readonly serviceNamespace: string;
  /**
   * How long a request body may take to arrive once the request is accepted (BODY_TIMEOUT_MS,
   * default 30000): past it, 408 `request/body_timeout` and the connection is closed.
   */
  readonly bodyTimeoutMs: number;
}

/** Namespaces of the cluster itself; with the service's own, only an admin grants them, knowingly. */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'] as const;
export const DEFAULT_SERVICE_NAMESPACE = 'flowpolicy';

export function reservedNamespaces(config: Pick<AppConfig, 'serviceNamespace'>): readonly string[] {
  return [...SYSTEM_NAMESPACES, config.serviceNamespace];
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  return {
    port: parsePort(env.PORT),
    host: parseHost(env.HOST),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    dataDir: resolve(nonEmpty('DATA_DIR', env.DATA_DIR) ?? '.data'),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    shutdownTimeoutMs: parseShutdownMs('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 10_000),
    shutdownDelayMs: parseShutdownMs('SHUTDOWN_DELAY_MS', env.SHUTDOWN_DELAY_MS, 0),
    rateLimitPerMinute: parseRateLimit(env.RATE_LIMIT_PER_MINUTE),
    adminToken: parseAdminToken(env.FLOWPOLICY_ADMIN_TOKEN),
    cacheTtlMs: parseCacheTtl(env.CACHE_TTL_MS),
    serviceNamespace: parseServiceNamespace(env.FLOWPOLICY_NAMESPACE),
    bodyTimeoutMs: parseBodyTimeout(env.BODY_TIMEOUT_MS),
  };
}

function nonEmpty(variable: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new ConfigError(variable, 'is set but empty');
  return value;
}

function parsePort(raw: string | undefined): number {
  const value = nonEmpty('PORT', raw);
  if (value === undefined) return 8080;
  if (!/^\d+$/.test(value)) throw new ConfigError('PORT', `must be an integer from 0 to 65535, got "${value}"`);
  const port = Number(value);
  if (port > 65535) throw new ConfigError('PORT', `must be an integer from 0 to 65535, got "${value}"`);
  return port;
}

function parseHost(raw: string | undefined): string {
  const value = nonEmpty('HOST', raw);
  if (value === undefined) return '0.0.0.0';
  if (isIP(value) === 0 && !HOSTNAME.test(value)) {
    throw new ConfigError('HOST', `must be an IP address or a host name, got "${value}"`);
  }
  return value;
}

function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid URL (expected postgresql://user@host:port/database)');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new ConfigError('DATABASE_URL', `must use the postgresql:// scheme, got "${url.protocol}//"`);
  }
  return raw;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  const value = nonEmpty('LOG_LEVEL', raw);
  if (value === undefined) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  }
  return value as LogLevel;
}

/** Longest shutdown deadline (or delay) accepted: ten minutes, far beyond any sane grace period. */
export const MAX_SHUTDOWN_TIMEOUT_MS = 600_000;

function parseShutdownMs(variable: string, raw: string | undefined, fallback: number): number {
  const value = nonEmpty(variable, raw);
  if (value === undefined) return fallback;
  const problem = `must be a whole number of milliseconds from 0 to ${MAX_SHUTDOWN_TIMEOUT_MS}, got "${value}"`;
  if (!/^\d+$/.test(value)) throw new ConfigError(variable, problem);
  const ms = Number(value);
  if (ms > MAX_SHUTDOWN_TIMEOUT_MS) throw new ConfigError(variable, problem);
  return ms;
}

function parseServiceNamespace(raw: string | undefined): string {
  const value = nonEmpty('FLOWPOLICY_NAMESPACE', raw);
  if (value === undefined) return DEFAULT_SERVICE_NAMESPACE;
  const error = dns1123LabelError(value);
  if (error !== null)
    throw new ConfigError('FLOWPOLICY_NAMESPACE', `must be a namespace name: ${error}, got "${value}"`);
  return value;
}

export const DEFAULT_CACHE_TTL_MS = 2000;
/** A minute: longer would let a revoked token live on too long on the other replicas. */
export const MAX_CACHE_TTL_MS = 60_000;

function parseCacheTtl(raw: string | undefined): number {
  const value = nonEmpty('CACHE_TTL_MS', raw);
  if (value === undefined) return DEFAULT_CACHE_TTL_MS;
  if (!/^\d+$/.test(value) || Number(value) > MAX_CACHE_TTL_MS) {
    throw new ConfigError(
      'CACHE_TTL_MS',
      `must be a whole number of milliseconds from 0 (no caching) to ${MAX_CACHE_TTL_MS}, got "${value}"`,
    );
  }
  return Number(value);
}

export const DEFAULT_BODY_TIMEOUT_MS = 30_000;
/** A 10 MiB body takes 10 s at 8 Mbit/s; a tenth of a second is the least that makes sense. */
export const MIN_BODY_TIMEOUT_MS = 100;
export const MAX_BODY_TIMEOUT_MS = 600_000;

function parseBodyTimeout(raw: string | undefined): number {
  const value = nonEmpty('BODY_TIMEOUT_MS', raw);
  if (value === undefined) return DEFAULT_BODY_TIMEOUT_MS;
  const timeout = Number(value);
  if (!/^\d+$/.test(value) || timeout < MIN_BODY_TIMEOUT_MS || timeout > MAX_BODY_TIMEOUT_MS) {
    throw new ConfigError(
      'BODY_TIMEOUT_MS',
      `must be a whole number of milliseconds from ${MIN_BODY_TIMEOUT_MS} to ${MAX_BODY_TIMEOUT_MS}, got "${value}"`,
    );
  }
  return timeout;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

function parseRateLimit(raw: string | undefined): number {
  const value = nonEmpty('RATE_LIMIT_PER_MINUTE', raw);
  if (value === undefined) return DEFAULT_RATE_LIMIT_PER_MINUTE;
  const problem = `must be a whole number of requests from 0 (no limit) to ${MAX_RATE_LIMIT_PER_MINUTE}, got "${value}"`;
  if (!/^\d+$/.test(value) || Number(value) > MAX_RATE_LIMIT_PER_MINUTE) {
    throw new ConfigError('RATE_LIMIT_PER_MINUTE', problem);
  }
  return Number(value);
}

/** Shortest FLOWPOLICY_ADMIN_TOKEN accepted: 32 characters of base64url carry 192 bits. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;
/** What a bearer token may contain (RFC 6750 b64token), at least MIN_ADMIN_TOKEN_LENGTH long. */
const ADMIN_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

function parseAdminToken(raw: string | undefined): string | undefined {
  const value = nonEmpty('FLOWPOLICY_ADMIN_TOKEN', raw);
  if (value === undefined) return undefined;
  if (value.length < MIN_ADMIN_TOKEN_LENGTH || value.length > 512 || !ADMIN_TOKEN.test(value)) {
    throw new ConfigError(
      'FLOWPOLICY_ADMIN_TOKEN',
      `must be a token of ${MIN_ADMIN_TOKEN_LENGTH} to 512 characters (letters, digits and -._~+/), ` +
        `e.g. fp_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d =); got ${value.length} characters`,
    );
  }
  return value;
}
