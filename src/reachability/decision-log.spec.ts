import Fastify from 'fastify';
import { DecisionLog, type DecisionFacts } from './decision-log';

/** A DecisionLog writing through a real Fastify (pino) logger at `level`; its lines parsed. */
function decisionLog(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const fastify = Fastify({ logger: { level, stream: { write: (line: string) => lines.push(JSON.parse(line)) } } });
  const log = new DecisionLog();
  log.attach(fastify.log);
  return { log, lines };
}

const facts = (selector: string | number, allowed = true): DecisionFacts => ({
  application: 'shop',
  version: { number: 1, digest: 'sha256:abc' },
  query: { from: 'web', to: 'db', port: 3306, protocol: 'TCP', version: selector },
  guardrailVersion: null,
  verdict: { allowed, tier: 'default', egress: allowed, ingress: allowed },
});

const answer = (n: number) => ({
  decisionId: `decision-${n}`,
  requestId: `request-${n}`,
  tokenId: n % 2 ? 'token' : null,
});

describe('DecisionLog', () => {
  it('writes one info line per answer: the question as asked, and the id, request and token of the answer', () => {
    const { log, lines } = decisionLog();
    log.record({}, 'shop\u0000latest', () => facts('latest'), answer(1));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'decision',
        context: 'Decisions',
        ...facts('latest'),
        ...answer(1),
      }),
    ]);
  });

  it('describes a question once per application and selector, and each line keeps its own answer', () => {
    const { log, lines } = decisionLog();
    const question = {};
    const described: (string | number)[] = [];
    const ask = (selector: string | number, n: number, on = question) =>
      log.record(
        on,
        `shop\u0000${selector}`,
        () => {
          described.push(selector);
          return facts(selector, on === question);
        },
        answer(n),
      );
    ask(1, 1);
    ask('latest', 2);
    ask(1, 3);
    ask('latest', 4);
    ask(1, 5, {});
    expect(described).toEqual([1, 'latest', 1]);
    expect(
      lines.map((line) => [
        line.decisionId,
        line.requestId,
        line.tokenId,
        (line.query as { version: unknown }).version,
      ]),
    ).toEqual([
      ['decision-1', 'request-1', 'token', 1],
      ['decision-2', 'request-2', null, 'latest'],
      ['decision-3', 'request-3', 'token', 1],
      ['decision-4', 'request-4', null, 'latest'],
      ['decision-5', 'request-5', 'token', 1],
    ]);
    expect(lines.map((line) => (line.verdict as { allowed: boolean }).allowed)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('writes nothing above the info level, nor before it is attached', () => {
    const quiet = decisionLog('warn');
    quiet.log.record({}, 'shop\u0000latest', () => facts('latest'), answer(1));
    expect(quiet.lines).toEqual([]);
    const detached = new DecisionLog();
    const described = jest.fn(() => facts('latest'));
    expect(() => detached.record({}, 'shop\u0000latest', described, answer(1))).not.toThrow();
    expect(described).not.toHaveBeenCalled();
  });
});
