/**
 * Credentials never reach the log or an answer. A token sent as `?access_token=` is refused, but the
 * request line used to log the whole URL; an `Authorization` header without a scheme used to be
 * quoted back (its first 20 characters) in the 401. The log is captured line by line here.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { createTestDatabase, type TestDatabase } from './support/database';
import { TEST_ADMIN_TOKEN } from './support/tokens';

const SECRET = 'fp_a-secret-nobody-may-see-0123456789abcdefXYZ';

describe('secrets in URLs and headers', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const lines: string[] = [];
  const waiting: { requestId: string; resolve: () => void }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = {
      ...loadConfig({ FLOWPOLICY_ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'debug' }),
      databaseUrl: undefined,
      ...database.config,
    };
    const logStream = {
      write(line: string) {
        lines.push(line);
        for (const waiter of waiting.filter((w) => line.includes(w.requestId) && line.includes('request completed'))) {
          waiter.resolve();
        }
      },
    };
    app = await createApp(config, { logStream });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** Sends a request and waits (for the event, not a guessed delay) until its completion line is logged. */
  async function send(url: string, authorization: string) {
    const requestId = `redaction-${lines.length}-${Math.random().toString(36).slice(2)}`;
    const logged = new Promise<void>((resolve) => waiting.push({ requestId, resolve }));
    const response = await request(app.getHttpServer())
      .get(url)
      .set('authorization', authorization)
      .set('x-request-id', requestId);
    await logged;
    return { response, logged: lines.filter((line) => line.includes(requestId)) };
  }

  it('refuses ?access_token= and logs the URL with its query values redacted', async () => {
    const { response, logged } = await send(
      `/v1/applications?limit=5&access_token=${SECRET}`,
      `Bearer ${TEST_ADMIN_TOKEN}`,
    );
    expect(response.status).toBe(400);
    expect(response.text).not.toContain(SECRET);
    expect(logged.map((line) => JSON.parse(line).msg)).toEqual(['request received', 'request completed']);
    for (const line of logged) {
      expect(JSON.parse(line).url).toBe('/v1/applications?limit=[redacted]&access_token=[redacted]');
    }
    expect(lines.join('\n')).not.toContain(SECRET.slice(3, 20));
  });

  it.each([
    ['a bare secret', SECRET],
    ['a secret and more', `${SECRET} extra`],
    ['a secret after a made-up scheme', `Secret${SECRET}`],
  ])('answers %s in Authorization with a 401 that quotes none of it', async (_, header) => {
    const { response, logged } = await send('/v1/applications', header);
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/does not start with the scheme "Bearer"/);
    for (let start = 0; start + 8 <= header.length; start++) {
      expect(response.text).not.toContain(header.slice(start, start + 8));
    }
    expect(logged.join('\n')).not.toContain(SECRET.slice(3, 20));
  });

  it('still names a known scheme sent by mistake', async () => {
    const { response } = await send('/v1/applications', 'Basic dXNlcjpwYXNz');
    expect(response.body.message).toMatch(/scheme "Basic"/);
    expect(response.text).not.toContain('dXNlcjpwYXNz');
  });
});
