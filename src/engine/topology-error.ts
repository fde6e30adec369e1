import { EngineInputError } from './errors';

/** One problem of a topology, named by the path of the offending field (`flows[2].ports[0].port`). */
export interface TopologyProblem {
  readonly field: string;
  readonly message: string;
  /** A stable code when the check has one (validateTopology's `flow/unknown_component`, ...). */
  readonly code?: string;
}

/** A topology (or topology document) that cannot be turned into policies; lists every problem. */
export class TopologyError extends EngineInputError {
  constructor(
    readonly issues: readonly TopologyProblem[],
    source?: string,
  ) {
    const shown = issues.slice(0, 5).map((i) => `${i.field}: ${i.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super(`${source ? `${source}: ` : ''}invalid topology: ${shown.join('; ')}${more}`);
    this.name = 'TopologyError';
  }
}
