import type { FastifyBaseLogger } from 'fastify';
import { PinoNestLogger } from './pino-nest.logger';

describe('PinoNestLogger', () => {
  const fake = () => {
    const calls: [string, Record<string, unknown>, string][] = [];
    const record =
      (level: string) =>
      (fields: Record<string, unknown>, message: string): void => {
        calls.push([level, fields, message]);
      };
    const pino = Object.fromEntries(
      ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((level) => [level, record(level)]),
    ) as unknown as FastifyBaseLogger;
    return { calls, logger: new PinoNestLogger(pino) };
  };

  it('maps Nest levels to pino levels with the context as a field', () => {
    const { calls, logger } = fake();
    logger.log('started', 'NestFactory');
    logger.warn('slow', 'Database');
    logger.debug('detail');
    logger.verbose('noise', 'X');
    expect(calls).toEqual([
      ['info', { context: 'NestFactory' }, 'started'],
      ['warn', { context: 'Database' }, 'slow'],
      ['debug', {}, 'detail'],
      ['trace', { context: 'X' }, 'noise'],
    ]);
  });

  it('keeps an error stack as its own field', () => {
    const { calls, logger } = fake();
    logger.error('request r1: unhandled error', 'Error: boom\n    at x', 'Errors');
    expect(calls).toEqual([
      ['error', { context: 'Errors', stack: 'Error: boom\n    at x' }, 'request r1: unhandled error'],
    ]);
  });

  it('logs an Error object by its message, with the error attached', () => {
    const { calls, logger } = fake();
    const error = new Error('boom');
    logger.error(error);
    expect(calls).toEqual([['error', { err: error }, 'boom']]);
  });

  it('merges an object of fields into the line', () => {
    const { calls, logger } = fake();
    logger.log('draining', { inFlight: 2, routes: { reachability: 1 } }, 'Shutdown');
    expect(calls).toEqual([['info', { context: 'Shutdown', inFlight: 2, routes: { reachability: 1 } }, 'draining']]);
  });
});
