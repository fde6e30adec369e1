import { Injectable } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';

/** What a decision line says about the question, the same for every answer to it. */
export interface DecisionFacts {
  readonly application: string;
  readonly version: { readonly number: number | null; readonly digest: string };
  readonly query: {
    readonly from: string;
    readonly to: string;
    readonly port: number | string;
    readonly protocol: string;
    readonly version: string | number;
  };
  readonly guardrailVersion: number | null;
  readonly verdict: {
    readonly allowed: boolean;
    readonly tier: string;
    readonly egress: boolean;
    readonly ingress: boolean;
  };
}

/** What a decision line says about one answer: its id, and who asked in which request. */
export interface DecisionAnswer {
  readonly decisionId: string;
  readonly requestId: string;
  readonly tokenId: string | null;
}

/**
 * The decision log: one info line per reachability answer, as policy servers keep decision logs (OPA's),
 * written to the service's log stream before the answer is sent, so an answer a pipeline acted on can
 * always be found by its decision id. Context "Decisions", message "decision".
 *
 * Every answer pays for its line, and most of a line is the question (application, version, query,
 * verdict), asked again and again: it is serialized once, as the bindings of a pino child logger kept
 * with the evaluated question it describes, and each answer adds only its three fields.
 */
@Injectable()
export class DecisionLog {
  private log?: FastifyBaseLogger;
  /** Per evaluated question (the same object for every answer to it), a writer per application and selector. */
  private readonly writers = new WeakMap<object, Map<string, FastifyBaseLogger>>();

  /** Lines go to this logger's stream from now on (createApp); without it nothing is written. */
  attach(log: FastifyBaseLogger): void {
    this.log = log.child({ context: 'Decisions' });
  }

  /**
   * Writes one answer's line. `question` is the object kept for the evaluated question and `asked` names
   * the application and version selector it was asked with; `facts`, what the line says of all that, is
   * called only the first time they come together.
   */
  record(question: object, asked: string, facts: () => DecisionFacts, answer: DecisionAnswer): void {
    const log = this.log;
    if (log === undefined) return;
    let bySelector = this.writers.get(question);
    if (bySelector === undefined) this.writers.set(question, (bySelector = new Map()));
    let writer = bySelector.get(asked);
    if (writer === undefined) bySelector.set(asked, (writer = log.child(facts())));
    writer.info(answer, 'decision');
  }
}
