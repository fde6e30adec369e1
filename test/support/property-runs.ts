/**
 * How many cases a property spec checks: `full` in the slow project (and so in `npm test` and CI), a
 * tenth of it (at least 10) in the unit project, so `npm run test:unit` answers in seconds and still
 * exercises every property. FLOWPOLICY_PROPERTY_RUNS=full|quick overrides the project's choice.
 */
export function propertyRuns(full: number): number {
  return fullPropertyRuns() ? full : Math.max(10, Math.ceil(full / 10));
}

/** Whether property specs run at full size (an exhaustive check may then go further). */
export function fullPropertyRuns(): boolean {
  return process.env.FLOWPOLICY_PROPERTY_RUNS === 'full';
}
