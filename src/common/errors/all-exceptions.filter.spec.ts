import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { AppError, ErrorCode } from './app-error';

function fakeReply() {
  const sent: { status?: number; body?: unknown } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header() {
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

describe('AllExceptionsFilter', () => {
  const request = { id: 'req-1' } as FastifyRequest;

  it('turns an unknown error into an opaque 500 that carries only the request id, and logs the stack', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { reply, sent } = fakeReply();
    new AllExceptionsFilter().reply(new Error('SELECT * FROM secrets failed at /srv/app.ts:12'), request, reply);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      statusCode: 500,
      code: 'internal',
      message: 'Internal error; quote request id req-1 when reporting it',
      details: null,
      requestId: 'req-1',
    });
    expect(JSON.stringify(sent.body)).not.toContain('secrets');
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('req-1'),
      expect.stringContaining('SELECT * FROM secrets'),
    );
    log.mockRestore();
  });

  it('keeps an AppError code, message and details', () => {
    const { reply, sent } = fakeReply();
    new AllExceptionsFilter().reply(
      new AppError(ErrorCode.ComponentInUse, 'in use', [{ field: 'flows[f1].to.component', reason: 'names it' }]),
      request,
      reply,
    );
    expect(sent).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        code: 'component/in_use',
        message: 'in use',
        details: [{ field: 'flows[f1].to.component', reason: 'names it' }],
        requestId: 'req-1',
      },
    });
  });

  it('answers 503 when the database connection is lost', () => {
    const { reply, sent } = fakeReply();
    const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new AllExceptionsFilter().reply(lost, request, reply);
    expect(sent.status).toBe(503);
    expect((sent.body as { code: string }).code).toBe('database/unavailable');
  });
});
