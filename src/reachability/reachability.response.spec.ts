import { randomUUID } from 'node:crypto';
import {
  compileSnapshot,
  evaluate,
  generateNetworkPolicies,
  resolveEndpoint,
  resolvePort,
  snapshotFromTopology,
  toEngineEndpoint,
  type Component,
  type Protocol,
  type Topology,
} from '../engine';
import type { EvaluatedQuestion } from './compiled-version.cache';
import { reachabilityResponseJson, toReachabilityResponse } from './reachability.response';
import type { ReachabilityAnswer } from './reachability.service';

const component = (name: string, port: number): Component => ({
  name,
  namespace: 'shop',
  labels: { app: name },
  ports: [{ name: 'main', port, protocol: 'TCP' }],
});

const TOPOLOGY: Topology = {
  name: 'shop',
  components: [component('web', 80), component('api', 5000), component('db', 3306)],
  externals: [{ name: 'internet', cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }],
  flows: [
    { from: { external: 'internet' }, to: { component: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] },
    { from: { component: 'web' }, to: { component: 'api' }, ports: [{ port: 'main', protocol: 'TCP' }] },
    { from: { component: 'api' }, to: { component: 'db' }, ports: [{ port: 3306, protocol: 'TCP' }] },
  ],
};

const compiled = compileSnapshot(
  snapshotFromTopology(TOPOLOGY, { policies: generateNetworkPolicies(TOPOLOGY, { ownedNamespaces: ['shop'] }) }),
);

/** A question evaluated as ReachabilityService does it. */
function evaluated(from: string, to: string, port: number | string, protocol: Protocol): EvaluatedQuestion {
  const source = resolveEndpoint(TOPOLOGY, from, 'from');
  const destination = resolveEndpoint(TOPOLOGY, to, 'to');
  const resolvedPort = resolvePort(TOPOLOGY, destination, port, protocol);
  const verdict = evaluate(compiled, {
    from: toEngineEndpoint(source),
    to: toEngineEndpoint(destination),
    protocol,
    port: resolvedPort.number,
  });
  return { source, destination, resolvedPort, verdict };
}

function answerTo(
  question: EvaluatedQuestion,
  protocol: Protocol,
  decisionId: string = randomUUID(),
): ReachabilityAnswer {
  return {
    decisionId,
    verdict: question.verdict,
    from: question.source,
    to: question.destination,
    port: question.resolvedPort.number,
    portName: question.resolvedPort.name,
    protocol,
    version: { number: 3, digest: 'a'.repeat(64) },
    guardrails: { guardrailVersion: null },
    question,
  };
}

describe('reachabilityResponseJson', () => {
  const questions: [string, string, number | string, Protocol][] = [
    ['web', 'api', 'main', 'TCP'],
    ['web', 'db', 3306, 'TCP'],
    ['internet', 'web', 80, 'TCP'],
    ['203.0.113.9', 'web', 80, 'TCP'],
    ['10.1.2.3', 'web', 80, 'UDP'],
    ['api', 'db', 3306, 'SCTP'],
  ];

  it('is the JSON of toReachabilityResponse, for allowed and denied answers, components, externals and IPs', () => {
    for (const [from, to, port, protocol] of questions) {
      const answer = answerTo(evaluated(from, to, port, protocol), protocol);
      expect(reachabilityResponseJson(answer)).toBe(JSON.stringify(toReachabilityResponse(answer)));
    }
  });

  it('serializes a kept question once and gives each answer its own decision id', () => {
    const question = evaluated('web', 'api', 'main', 'TCP');
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const [first, second] = [answerTo(question, 'TCP'), answerTo(question, 'TCP', 'id "quoted" \\ too')];
      const texts = [reachabilityResponseJson(first), reachabilityResponseJson(second)];
      expect(texts).toEqual([first, second].map((answer) => JSON.stringify(toReachabilityResponse(answer))));
      expect(texts.map((text) => (JSON.parse(text) as { decisionId: string }).decisionId)).toEqual([
        first.decisionId,
        second.decisionId,
      ]);
      // Above: the whole answer once, then only decision ids (two), then the reference's two answers.
      const whole = stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null);
      expect(whole.filter(([value]) => !('decisionId' in (value as object)))).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });
});
