import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../errors/app-error';
import { hookError } from './hook-error';

/**
 * A request body must arrive within `timeoutMs` of the request being accepted (BODY_TIMEOUT_MS): a
 * client trickling a byte every few seconds would otherwise hold a connection, and a parser's
 * buffer, for ever. Past it: 408 `request/body_timeout`, and the connection is closed
 * (installConnectionClose), since the rest of the body will never be read.
 */
export function installBodyTimeout(fastify: FastifyInstance, timeoutMs: number): void {
  fastify.addHook('preParsing', async (request, reply, payload) => {
    // Nothing left to wait for: no body, or all of it already received with the headers.
    if (request.raw.complete) return payload;
    const timed = new PassThrough();
    const timer = setTimeout(() => {
      payload.unpipe(timed);
      const error = new AppError(
        ErrorCode.BodyTimeout,
        `The request body did not arrive within ${timeoutMs} ms (the limit); send it at once`,
      );
      timed.destroy(hookError(error, String(request.id)));
    }, timeoutMs);
    const stop = () => clearTimeout(timer);
    payload.once('end', stop);
    payload.once('error', stop);
    reply.raw.once('close', stop);
    payload.pipe(timed);
    return timed;
  });
}

/**
 * Whatever answers a request before its body has arrived (401, 429, 413, 408) also closes the
 * connection: Node would otherwise keep reading, and discarding, whatever the client still sends.
 */
export function installConnectionClose(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete) void reply.header('connection', 'close');
  });
}
