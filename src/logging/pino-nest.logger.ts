import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Nest's LoggerService over Fastify's pino logger: `new Logger('Errors').error(msg, stack)` and the
 * framework's own start-up lines become JSON lines in the request log's stream, with the Nest
 * context as `context` and a stack as `stack`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest passes the context (a class name) last, and for errors a stack before it:
   * `error(message, stack?, context?)`, `log(message, context?)`.
   */
  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', message: unknown, params: unknown[]) {
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') fields.context = rest.pop();
    // Structured fields, for a caller that passes an object: `logger.log('message', { field: value })`.
    for (const param of rest) {
      if (typeof param === 'object' && param !== null && !(param instanceof Error)) Object.assign(fields, param);
    }
    if (level === 'error' || level === 'fatal') {
      const stack = rest.find((param) => typeof param === 'string');
      if (stack !== undefined) fields.stack = stack;
    }
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
    } else if (typeof message === 'string') {
      this.pino[level](fields, message);
    } else {
      this.pino[level]({ ...fields, data: message }, '');
    }
  }
}
