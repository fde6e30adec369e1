import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Engine work worth timing; a closed set, so the `operation` label stays low-cardinality. */
export type EngineOperation = 'generate' | 'evaluate' | 'connectivity' | 'lint' | 'diff' | 'load';

/** How a publish ended: a new version, the latest one answered again (unchanged draft), or an error. */
export type PublishResult = 'created' | 'unchanged' | 'failed';

/** Label for requests that matched no route: a raw URL would make one series per typo or scan. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The process's Prometheus metrics, served at GET /metrics. Each app instance has its own registry
 * (not prom-client's global one), so tests that start several apps in one process do not collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request received to response sent, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly publishes = new Counter({
    name: 'flowpolicy_publishes_total',
    help: 'Policy version publishes, by result (created, unchanged, failed).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly engine = new Histogram({
    name: 'flowpolicy_engine_seconds',
    help: 'Time spent in the policy engine, by operation.',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Called once per answered request; `route` is the route template (`/v1/applications/:app`), never the URL. */
  observeHttp(method: string, route: string | undefined, status: number, seconds: number): void {
    const template = route ?? UNMATCHED_ROUTE;
    this.httpRequests.inc({ method, route: template, status: String(status) });
    this.httpDuration.observe({ method, route: template }, seconds);
  }

  observeEngine(operation: EngineOperation, seconds: number): void {
    this.engine.observe({ operation }, seconds);
  }

  /** Runs `work` (synchronous engine code) and records how long it took under `operation`. */
  timeEngine<T>(operation: EngineOperation, work: () => T): T {
    const started = process.hrtime.bigint();
    try {
      return work();
    } finally {
      this.observeEngine(operation, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  countPublish(result: PublishResult): void {
    this.publishes.inc({ result });
  }

  /** The text exposition format (version 0.0.4). */
  async exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
